import { describe, expect, it } from 'vitest';
import { backoffMs, isIdempotent, isRetryableStatus, isThrottlingStatus, parseRetryAfter } from '../../../electron/core/graph/retry-policy.js';

const NOW = new Date('2026-11-21T09:00:00Z');

describe('retry policy', () => {
  it('reads Retry-After as seconds, as an HTTP date, and ignores what it cannot read', () => {
    expect(parseRetryAfter('17', NOW)).toBe(17);
    expect(parseRetryAfter(' 2.5 ', NOW)).toBe(3);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Sat, 21 Nov 2026 08:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('resends any method after 429 and after 503 with Retry-After, but only idempotent ones after a bare 503 or 504', () => {
    expect(isRetryableStatus(429, false)).toBe(true);
    expect(isRetryableStatus(503, false, 5)).toBe(true);
    expect(isRetryableStatus(503, false)).toBe(false);
    expect(isRetryableStatus(503, true)).toBe(true);
    expect(isRetryableStatus(504, false)).toBe(false);
    expect(isRetryableStatus(504, true)).toBe(true);
    expect(isRetryableStatus(500, true)).toBe(false);
    expect(['GET', 'put', 'DELETE'].every(isIdempotent)).toBe(true);
    expect(['POST', 'PATCH'].some(isIdempotent)).toBe(false);
  });

  it('calls 429 throttling always, and 503 only when it carries Retry-After', () => {
    expect(isThrottlingStatus(429, undefined)).toBe(true);
    expect(isThrottlingStatus(503, 10)).toBe(true);
    expect(isThrottlingStatus(503, undefined)).toBe(false);
  });

  it('backs off exponentially within [50 %, 100 %] of 1, 2, 4 … s, capped at 30 s', () => {
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(1, () => 0)).toBe(500);
    expect(backoffMs(10, () => 0.999999)).toBe(30_000);
  });
});
