import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRelative, formatWhen } from '../../renderer/format/dates.js';

/** The words as read: the formatters join them with non-breaking spaces (tested below). */
const spaced = (text: string) => text.replace(/\u00a0/g, ' ');

const now = new Date('2026-11-20T12:00:00.000Z');

describe('relative times', () => {
  it('says "just now" within a minute either way', () => {
    expect(spaced(formatRelative('2026-11-20T11:59:30.000Z', now))).toBe('just now');
    expect(spaced(formatRelative('2026-11-20T12:00:40.000Z', now))).toBe('just now');
  });

  it('counts minutes, hours and days, into the future and the past', () => {
    expect(spaced(formatRelative('2026-11-20T12:12:00.000Z', now))).toBe('in 12 min');
    expect(spaced(formatRelative('2026-11-20T10:00:00.000Z', now))).toBe('2 h ago');
    expect(spaced(formatRelative('2026-11-20T13:30:00.000Z', now))).toBe('in 1 h 30 min');
    expect(spaced(formatRelative('2026-11-20T19:30:00.000Z', now))).toBe('in 7 h');
    expect(spaced(formatRelative('2026-11-19T11:00:00.000Z', now))).toBe('1 day ago');
    expect(spaced(formatRelative('2026-11-23T12:00:00.000Z', now))).toBe('in 3 days');
  });

  it('shows a dash for a missing or broken date', () => {
    expect(spaced(formatRelative(null, now))).toBe('—');
    expect(spaced(formatRelative('yesterday-ish', now))).toBe('—');
  });
});

describe('calendar times', () => {
  const previousZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    process.env.TZ = previousZone;
  });

  it('names today, yesterday and tomorrow', () => {
    expect(spaced(formatWhen('2026-11-20T07:05:00.000Z', now, 'en-GB'))).toBe('Today, 07:05');
    expect(spaced(formatWhen('2026-11-19T23:10:00.000Z', now, 'en-GB'))).toBe('Yesterday, 23:10');
    expect(spaced(formatWhen('2026-11-21T06:30:00.000Z', now, 'en-GB'))).toBe('Tomorrow, 06:30');
  });

  it('gives the weekday within a week and the date beyond, with the year only when it differs', () => {
    expect(spaced(formatWhen('2026-11-17T09:00:00.000Z', now, 'en-GB'))).toBe('Tue 17 Nov, 09:00');
    expect(spaced(formatWhen('2026-10-01T09:00:00.000Z', now, 'en-GB'))).toBe('1 Oct, 09:00');
    expect(spaced(formatWhen('2025-12-08T23:51:00.000Z', now, 'en-GB'))).toBe('8 Dec 2025, 23:51');
  });
});

describe('times that never wrap inside', () => {
  it('"in 21 h" and "Tomorrow, 07:00" have no ordinary space a narrow window could break at', () => {
    const at = new Date('2026-11-20T12:00:00.000Z');
    expect(formatRelative('2026-11-21T09:00:00.000Z', at)).toBe('in\u00a021\u00a0h');
    expect(formatWhen('2026-11-21T09:00:00.000Z', at)).not.toContain(' ');
  });
});
