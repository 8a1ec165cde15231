import { describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import { EVERY_MINUTES_CHOICES, cronToPreset, presetCaution, presetProblem, presetToCron, type SchedulePreset } from '../../shared/jobs/schedule-presets.js';

const EVERY_PRESET: SchedulePreset[] = [
  ...EVERY_MINUTES_CHOICES.map((minutes): SchedulePreset => ({ kind: 'every-minutes', minutes })),
  { kind: 'hourly', minute: 0 },
  { kind: 'hourly', minute: 45 },
  { kind: 'daily', hour: 0, minute: 0 },
  { kind: 'daily', hour: 23, minute: 59 },
  { kind: 'weekdays', hour: 7, minute: 0 },
  { kind: 'weekly', days: [1], hour: 9, minute: 30 },
  { kind: 'weekly', days: [0, 6], hour: 10, minute: 0 },
  { kind: 'weekly', days: [1, 3, 5], hour: 9, minute: 0 },
  { kind: 'monthly', day: 1, hour: 6, minute: 15 },
  { kind: 'monthly', day: 31, hour: 6, minute: 15 },
  { kind: 'monthly', day: 'last', hour: 18, minute: 0 },
];

describe('presets write cron and read it back', () => {
  it.each(EVERY_PRESET.map((preset) => [JSON.stringify(preset), preset] as const))('%s survives the round trip through cron', (_name, preset) => {
    const cron = presetToCron(preset);
    expect(cron).not.toBeNull();
    expect(cronToPreset(cron ?? '')).toEqual(preset);
  });

  it('writes the cron a person would write by hand', () => {
    expect(presetToCron({ kind: 'every-minutes', minutes: 15 })).toBe('*/15 * * * *');
    expect(presetToCron({ kind: 'every-minutes', minutes: 1 })).toBe('* * * * *');
    expect(presetToCron({ kind: 'hourly', minute: 5 })).toBe('5 * * * *');
    expect(presetToCron({ kind: 'daily', hour: 7, minute: 0 })).toBe('0 7 * * *');
    expect(presetToCron({ kind: 'weekdays', hour: 7, minute: 0 })).toBe('0 7 * * 1-5');
    expect(presetToCron({ kind: 'weekly', days: [5, 1, 3, 1], hour: 9, minute: 0 })).toBe('0 9 * * 1,3,5');
    expect(presetToCron({ kind: 'monthly', day: 15, hour: 8, minute: 30 })).toBe('30 8 15 * *');
    expect(presetToCron({ kind: 'monthly', day: 'last', hour: 8, minute: 30 })).toBe('30 8 L * *');
  });

  it('every pattern a preset writes is one croner (the scheduler) accepts', () => {
    for (const preset of EVERY_PRESET) expect(() => new Cron(presetToCron(preset) ?? '', { paused: true })).not.toThrow();
  });

  it('offers only steps that space runs evenly across the hour', () => {
    for (const minutes of EVERY_MINUTES_CHOICES) expect(60 % minutes).toBe(0);
  });

  it('a weekly schedule with no day chosen has no cron and says to choose a day', () => {
    const preset: SchedulePreset = { kind: 'weekly', days: [], hour: 9, minute: 0 };
    expect(presetToCron(preset)).toBeNull();
    expect(presetProblem(preset)).toBe('Choose at least one day of the week.');
  });

  it('warns in words about monthly days some months do not have', () => {
    expect(presetCaution({ kind: 'monthly', day: 31, hour: 0, minute: 0 })).toMatch(/^Runs only in months that have a 31st/);
    expect(presetCaution({ kind: 'monthly', day: 30, hour: 0, minute: 0 })).toMatch(/^Does not run in February/);
    expect(presetCaution({ kind: 'monthly', day: 29, hour: 0, minute: 0 })).toMatch(/leap years/);
    expect(presetCaution({ kind: 'monthly', day: 28, hour: 0, minute: 0 })).toBeNull();
    expect(presetCaution({ kind: 'monthly', day: 'last', hour: 0, minute: 0 })).toBeNull();
  });

  it('"last day" runs on the last day of every month, February included', () => {
    const cron = new Cron(presetToCron({ kind: 'monthly', day: 'last', hour: 12, minute: 0 }) ?? '', { paused: true, timezone: 'UTC' });
    const runs = cron.nextRuns(4, new Date('2027-01-15T00:00:00Z')).map((run) => run.toISOString().slice(0, 10));
    expect(runs).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });
});

describe('cron written by hand is recognised when it means exactly a preset', () => {
  it.each([
    ['0 7 * * MON-FRI', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['0 7 * * mon-fri', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['00 07 * * 1,2,3,4,5', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['0 7 ? * 1-5', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['  0 7 * * 1-5  ', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['0 0 7 * * 1-5', { kind: 'weekdays', hour: 7, minute: 0 }],
    ['*/15 * * * *', { kind: 'every-minutes', minutes: 15 }],
    ['*/1 * * * *', { kind: 'every-minutes', minutes: 1 }],
    ['0 9 * * 1,3,5', { kind: 'weekly', days: [1, 3, 5], hour: 9, minute: 0 }],
    ['0 9 * * MON,WED,FRI', { kind: 'weekly', days: [1, 3, 5], hour: 9, minute: 0 }],
    ['0 9 * * 7', { kind: 'weekly', days: [0], hour: 9, minute: 0 }],
    ['0 9 * * 0,7', { kind: 'weekly', days: [0], hour: 9, minute: 0 }],
    ['0 9 * * 5-7', { kind: 'weekly', days: [0, 5, 6], hour: 9, minute: 0 }],
    ['0 9 * * SAT,SUN', { kind: 'weekly', days: [0, 6], hour: 9, minute: 0 }],
    ['0 9 * * 0-6', { kind: 'daily', hour: 9, minute: 0 }],
    ['0 9 * * *', { kind: 'daily', hour: 9, minute: 0 }],
    ['@daily', { kind: 'daily', hour: 0, minute: 0 }],
    ['@hourly', { kind: 'hourly', minute: 0 }],
    ['@weekly', { kind: 'weekly', days: [0], hour: 0, minute: 0 }],
    ['@monthly', { kind: 'monthly', day: 1, hour: 0, minute: 0 }],
    ['0 0 l * *', { kind: 'monthly', day: 'last', hour: 0, minute: 0 }],
  ])('%s', (pattern, preset) => {
    expect(cronToPreset(pattern)).toEqual(preset);
  });
});

describe('lookalikes stay custom cron rather than being read as a preset they are not', () => {
  it.each([
    ['0 7 * 1 1-5', 'weekdays, but only in January'],
    ['0 7 1 * 1-5', 'the 1st of the month or a weekday (cron ORs the two day fields)'],
    ['*/7 * * * *', 'a step that does not divide the hour'],
    ['*/45 * * * *', 'a step that does not divide the hour'],
    ['*/15 9-17 * * *', 'every 15 minutes, office hours only'],
    ['*/15 * * * 1-5', 'every 15 minutes on weekdays only'],
    ['0 */2 * * *', 'every two hours'],
    ['0 7,19 * * *', 'twice a day'],
    ['30 0 7 * * *', 'at 07:00:30'],
    ['0 0 7 * * * 2027', 'a year field'],
    ['0 9 * * 1#2', 'the second Monday'],
    ['0 9 * * 5L', 'the last Friday'],
    ['0 9 LW * *', 'the last weekday of the month'],
    ['0 9 15W * *', 'the weekday nearest the 15th'],
    ['0 9 1,15 * *', 'two days of the month'],
    ['0 9 * * 5-1', 'a backwards range'],
    ['0 9 * * 8', 'no such day'],
    ['60 9 * * *', 'no such minute'],
    ['0 24 * * *', 'no such hour'],
    ['0 9 32 * *', 'no such day of the month'],
    ['@yearly', 'once a year'],
    ['', 'nothing'],
    ['not cron', 'words'],
  ])('%s (%s)', (pattern) => {
    expect(cronToPreset(pattern)).toBeNull();
  });
});
