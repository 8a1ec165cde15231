import { describe, expect, it } from 'vitest';
import { formatDuration, runDurationMs } from '../../renderer/format/duration.js';

describe('run durations', () => {
  it('shows short runs to a tenth of a second', () => {
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(420)).toBe('0.4 s');
    expect(formatDuration(9_990)).toBe('9.9 s');
  });

  it('shows whole seconds, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(3 * 60_000 + 5_000)).toBe('3 min 5 s');
    expect(formatDuration(30 * 60_000)).toBe('30 min');
    expect(formatDuration(64 * 60_000)).toBe('1 h 4 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
  });

  it('treats a negative span (a clock that moved back) as zero', () => {
    expect(formatDuration(-500)).toBe('0.0 s');
  });

  it('measures a finished run to its end and a running one to now', () => {
    const startedAt = '2026-11-20T07:00:00.000Z';
    expect(runDurationMs({ startedAt, endedAt: '2026-11-20T07:00:12.500Z' }, 0)).toBe(12_500);
    expect(runDurationMs({ startedAt, endedAt: null }, Date.parse('2026-11-20T07:01:00.000Z'))).toBe(60_000);
  });

  it('gives no duration for a broken timestamp', () => {
    expect(runDurationMs({ startedAt: 'not a date', endedAt: null }, 0)).toBeNull();
  });
});
