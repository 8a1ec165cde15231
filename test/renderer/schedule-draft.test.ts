import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT, draftCron, draftFromCron, draftProblem, parseTime, withKind, type ScheduleDraft } from '../../renderer/jobs/schedule/schedule-draft.js';

const draft = (overrides: Partial<ScheduleDraft>): ScheduleDraft => ({ ...DEFAULT_DRAFT, ...overrides });

describe('the schedule builder\'s form state', () => {
  it('switching between presets keeps the time typed', () => {
    let state = draft({ kind: 'daily', time: '18:45' });
    for (const kind of ['weekdays', 'weekly', 'monthly', 'daily'] as const) {
      state = withKind(state, kind, draftCron(state) ?? '');
      expect(state.time).toBe('18:45');
    }
    expect(draftCron(state)).toBe('45 18 * * *');
  });

  it('hourly takes the minute of the time, and gives it back', () => {
    const hourly = withKind(draft({ kind: 'daily', time: '07:30' }), 'hourly', '30 7 * * *');
    expect(draftCron(hourly)).toBe('30 * * * *');
    const changed = { ...hourly, minuteText: '5' };
    expect(draftCron(withKind(changed, 'weekdays', '5 * * * *'))).toBe('5 7 * * 1-5');
  });

  it('a pattern from the jobs file that is not a preset opens as Custom and keeps the other inputs', () => {
    const state = draftFromCron('0 7 1 * 1-5', draft({ time: '09:00' }));
    expect(state.kind).toBe('custom');
    expect(state.time).toBe('09:00');
    expect(draftCron(state)).toBeNull();
  });

  it('leaving Custom for a preset starts from the cron typed there when it is one', () => {
    const custom = draft({ kind: 'custom', time: '07:00' });
    const weekly = withKind(custom, 'weekly', '30 6 * * 2,4');
    expect(weekly.days).toEqual([2, 4]);
    expect(draftCron(weekly)).toBe('30 6 * * 2,4');
  });

  it('an incomplete input writes an empty schedule and says what to do', () => {
    expect(draftProblem(draft({ kind: 'daily', time: '' }))).toEqual({ field: 'time', message: 'Enter a time, such as 07:00.' });
    expect(draftCron(draft({ kind: 'daily', time: '' }))).toBe('');
    expect(draftProblem(draft({ kind: 'hourly', minuteText: '60' }))).toEqual({ field: 'minute', message: 'Enter a minute from 0 to 59.' });
    expect(draftProblem(draft({ kind: 'hourly', minuteText: '-1' }))?.field).toBe('minute');
    expect(draftProblem(draft({ kind: 'weekly', days: [] }))?.field).toBe('days');
    expect(draftCron(draft({ kind: 'weekly', days: [] }))).toBe('');
  });

  it('reads the time input\'s value, with or without seconds, and refuses what is not a time', () => {
    expect(parseTime('07:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseTime('23:59:30')).toEqual({ hour: 23, minute: 59 });
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('7')).toBeNull();
    expect(parseTime('')).toBeNull();
  });
});
