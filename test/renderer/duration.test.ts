import { describe, expect, it } from 'vitest';
import { formatDuration, runDurationMs } from '../../renderer/format/duration.js';

/** The words as read: the formatters join them with non-breaking spaces (tested below). */
const spaced = (text: string) => text.replace(/\u00a0/g, ' ');

describe('run durations', () => {
  it('shows short runs to a tenth of a second', () => {
    expect(spaced(formatDuration(0))).toBe('0.0 s');
    expect(spaced(formatDuration(420))).toBe('0.4 s');
    expect(spaced(formatDuration(9_990))).toBe('9.9 s');
  });

  it('shows whole seconds, then minutes and seconds, then hours and minutes', () => {
    expect(spaced(formatDuration(12_400))).toBe('12 s');
    expect(spaced(formatDuration(3 * 60_000 + 5_000))).toBe('3 min 5 s');
    expect(spaced(formatDuration(30 * 60_000))).toBe('30 min');
    expect(spaced(formatDuration(64 * 60_000))).toBe('1 h 4 min');
    expect(spaced(formatDuration(2 * 3_600_000))).toBe('2 h');
  });

  it('treats a negative span (a clock that moved back) as zero', () => {
    expect(spaced(formatDuration(-500))).toBe('0.0 s');
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

describe('values that never wrap inside', () => {
  it('a duration has no ordinary space a narrow window could break at', () => {
    expect(formatDuration(3_725_000)).toBe('1\u00a0h\u00a02\u00a0min');
    expect(formatDuration(3_725_000)).not.toContain(' ');
  });
});
