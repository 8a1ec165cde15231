import { describe, expect, it } from 'vitest';
import { jobSchema } from '../../shared/jobs/job-schema.js';
import { describeSchedule } from '../../shared/jobs/job-schedule.js';
import { describeInWords, formatRunTime, hasSeconds, movedByClockChange, nextRuns, scheduleProblem, scheduleWarning } from '../../shared/jobs/schedule-preview.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

/** What the jobs file says about a job with this schedule (the first message on `schedule`). */
function schemaMessage(schedule: unknown): string | null {
  const result = jobSchema.safeParse({ id: 'x', schedule, action: { kind: 'graph.request', path: '/me' } });
  if (result.success) return null;
  return result.error.issues.find((issue) => issue.path[0] === 'schedule')?.message ?? null;
}

describe('the next five runs in the job\'s time zone', () => {
  it('weekdays at 07:00 in Berlin are 05:00 UTC in summer and skip the weekend', () => {
    expect(iso(nextRuns('0 7 * * 1-5', 'Europe/Berlin', new Date('2026-06-05T12:00:00Z')))).toEqual([
      '2026-06-08T05:00:00.000Z',
      '2026-06-09T05:00:00.000Z',
      '2026-06-10T05:00:00.000Z',
      '2026-06-11T05:00:00.000Z',
      '2026-06-12T05:00:00.000Z',
    ]);
  });

  it('the same pattern in New York runs at 07:00 New York time', () => {
    expect(iso(nextRuns('0 7 * * *', 'America/New_York', new Date('2026-01-10T00:00:00Z'), 2))).toEqual(['2026-01-10T12:00:00.000Z', '2026-01-11T12:00:00.000Z']);
  });

  it('does not list the instant it starts from, only later ones', () => {
    expect(iso(nextRuns('0 7 * * *', 'UTC', new Date('2026-01-10T07:00:00Z'), 1))).toEqual(['2026-01-11T07:00:00.000Z']);
  });

  it('daily at 07:00 in Berlin keeps 07:00 on the clock across the March change (06:00 then 05:00 UTC)', () => {
    expect(iso(nextRuns('0 7 * * *', 'Europe/Berlin', new Date('2026-03-28T00:00:00Z'), 3))).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
    ]);
  });

  it('02:30 in Berlin on the spring-forward Sunday (no such time) runs once at 03:00, and the preview knows it moved', () => {
    const runs = nextRuns('30 2 * * *', 'Europe/Berlin', new Date('2026-03-27T12:00:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(runs.map((run) => movedByClockChange('30 2 * * *', 'Europe/Berlin', run))).toEqual([false, true, false]);
    const shown = runs.map((run) => formatRunTime(run, { timeZone: 'Europe/Berlin', localTimeZone: 'Europe/Berlin', locale: 'en-GB' }).inJobZone);
    expect(shown).toEqual(['Sat 28 Mar, 02:30', 'Sun 29 Mar, 03:00', 'Mon 30 Mar, 02:30']);
  });

  it('02:30 in Berlin on the October Sunday (it happens twice) runs once, at the first (summer-time) 02:30', () => {
    const runs = nextRuns('30 2 * * *', 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), 2);
    expect(iso(runs)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(runs.map((run) => movedByClockChange('30 2 * * *', 'Europe/Berlin', run))).toEqual([false, false]);
    const shown = runs.map((run) => formatRunTime(run, { timeZone: 'Europe/Berlin', localTimeZone: 'UTC', locale: 'en-GB' }).inJobZone);
    expect(shown).toEqual(['Sun 25 Oct, 02:30 GMT+2', 'Mon 26 Oct, 02:30 GMT+1']);
  });

  it('every 30 minutes across the Berlin spring gap runs every 30 real minutes and none in the missing hour', () => {
    const runs = nextRuns('*/30 * * * *', 'Europe/Berlin', new Date('2026-03-29T00:10:00Z'), 3);
    const shown = runs.map((run) => formatRunTime(run, { timeZone: 'Europe/Berlin', localTimeZone: 'Europe/Berlin', locale: 'en-GB' }).inJobZone);
    expect(shown).toEqual(['Sun 29 Mar, 01:30', 'Sun 29 Mar, 03:00', 'Sun 29 Mar, 03:30']);
    expect(runs.some((run) => movedByClockChange('*/30 * * * *', 'Europe/Berlin', run))).toBe(false);
  });

  it('02:30 in New York on the March spring-forward day runs at 03:00 EDT, shown with the offset and on this computer\'s clock', () => {
    const runs = nextRuns('30 2 * * *', 'America/New_York', new Date('2026-03-07T12:00:00Z'), 2);
    expect(iso(runs)).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(movedByClockChange('30 2 * * *', 'America/New_York', runs[0] ?? new Date(0))).toBe(true);
    const shown = runs.map((run) => formatRunTime(run, { timeZone: 'America/New_York', localTimeZone: 'Europe/Berlin', locale: 'en-GB' }));
    expect(shown).toEqual([
      { inJobZone: 'Sun 8 Mar, 03:00 GMT-4', onThisComputer: 'Sun 8 Mar, 08:00' },
      { inJobZone: 'Mon 9 Mar, 02:30 GMT-4', onThisComputer: 'Mon 9 Mar, 07:30' },
    ]);
  });

  it('01:30 in New York on the November day (it happens twice) runs once, in daylight time', () => {
    const runs = nextRuns('30 1 * * *', 'America/New_York', new Date('2026-10-31T12:00:00Z'), 2);
    expect(iso(runs)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('shows no offset when the job runs in the computer\'s own zone, and the year only when asked', () => {
    const run = new Date('2027-02-01T08:00:00Z');
    expect(formatRunTime(run, { timeZone: undefined, localTimeZone: 'UTC', locale: 'en-GB' })).toEqual({ inJobZone: 'Mon 1 Feb, 08:00', onThisComputer: null });
    expect(formatRunTime(run, { timeZone: 'UTC', localTimeZone: 'UTC', locale: 'en-GB', withYear: true }).inJobZone).toBe('Mon, 1 Feb 2027, 08:00');
  });

  it('a schedule with seconds runs on the second it names, and the times show seconds', () => {
    const pattern = '15 0 9 * * 1-5';
    const runs = nextRuns(pattern, 'UTC', new Date('2026-06-05T12:00:00Z'), 2);
    expect(iso(runs)).toEqual(['2026-06-08T09:00:15.000Z', '2026-06-09T09:00:15.000Z']);
    expect(hasSeconds(pattern)).toBe(true);
    expect(hasSeconds('0 0 9 * * 1-5')).toBe(false);
    expect(formatRunTime(runs[0] ?? new Date(0), { timeZone: 'UTC', localTimeZone: 'UTC', locale: 'en-GB', withSeconds: true }).inJobZone).toBe('Mon 8 Jun, 09:00:15');
  });

  it('29 February runs only in leap years, years apart', () => {
    expect(iso(nextRuns('0 0 29 2 *', 'UTC', new Date('2026-01-01T00:00:00Z'), 2))).toEqual(['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z']);
  });

  it('lists nothing for a pattern that never fires, an invalid pattern or an unknown zone', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(nextRuns('0 0 30 2 *', 'UTC', from)).toEqual([]);
    expect(nextRuns('0 25 * * *', 'UTC', from)).toEqual([]);
    expect(nextRuns('', undefined, from)).toEqual([]);
    expect(nextRuns('0 7 * * *', 'Mars/Olympus_Mons', from)).toEqual([]);
  });
});

describe('what is wrong with a schedule is said as the jobs file says it', () => {
  it.each([
    ['0 0 30 2 *'],
    ['0 0 31 4 *'],
    ['0 0 31 2,4,6,9,11 *'],
    ['0 25 * * *'],
    ['60 * * * *'],
    ['0 9 * * 8'],
    ['0 9 * *'],
    ['0 9 * * * * * *'],
    ['5/15 * * * *'],
    ['0 9 L-2 * *'],
    ['@reboot'],
    ['every day at nine'],
    [''],
    ['   '],
    ['0 7 * * 1-5'],
    ['  0 7 * * 1-5  '],
  ])('%j', (pattern) => {
    expect(scheduleProblem(pattern)).toBe(schemaMessage(pattern));
  });

  it('names the pattern that never fires and what to fix', () => {
    expect(scheduleProblem('0 0 30 2 *')).toBe('"0 0 30 2 *" never fires: no date matches it (such as 30 February or 31 April), or every date it names has passed; fix the day and month');
  });

  it('says why an invalid pattern is invalid', () => {
    expect(scheduleProblem('0 25 * * *')).toBe('is not a valid cron pattern: Invalid value for hour: 25');
    expect(scheduleProblem('')).toBe('must not be empty');
  });

  it('a valid schedule has no problem', () => {
    expect(scheduleProblem('*/15 * * * *')).toBeNull();
    expect(scheduleProblem('0 0 L * *')).toBeNull();
  });

  it('warns, as the jobs file does, about a seconds field that fires several times a minute', () => {
    expect(scheduleWarning('*/10 * * * * *')).toMatch(/runs more than once a minute/);
    expect(scheduleWarning('0 * * * * *')).toBeNull();
    expect(scheduleWarning('*/10 * * * *')).toBeNull();
    expect(scheduleWarning('0 25 * * *')).toBeNull();
  });
});

describe('the schedule in words does not lie', () => {
  it.each([
    ['0 7 * * 1-5', 'At 07:00, Monday through Friday'],
    ['0 7 * * MON-FRI', 'At 07:00, Monday through Friday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['0 0 L * *', 'At 00:00, on the last day of the month'],
    ['30 8 31 * *', 'At 08:30, on day 31 of the month'],
    ['15 0 9 * * 1-5', 'At 09:00:15, Monday through Friday'],
    ['0 0 9 * * 1-5', 'At 09:00, Monday through Friday'],
    ['0 9 * * * *', 'At 9 minutes past the hour'],
    ['*/7 * * * *', 'Every 7 minutes (restarting at :00 each hour, so the last gap is 4 minutes)'],
    ['*/45 * * * *', 'Every 45 minutes (restarting at :00 each hour, so the last gap is 15 minutes)'],
    ['0 */5 * * *', 'On the hour, every 5 hours (restarting at 00:00 each day, so the last gap is 4 hours)'],
    ['*/7 * * * * *', 'Every 7 seconds (restarting at :00 each minute, so the last gap is 4 seconds)'],
  ])('%s → %s', (pattern, words) => {
    expect(describeInWords(pattern)).toBe(words);
  });

  it('the jobs list says the same words, with the zone', () => {
    expect(describeSchedule({ schedule: '*/7 * * * *', timezone: 'Europe/Berlin' })).toBe('Every 7 minutes (restarting at :00 each hour, so the last gap is 4 minutes) (Europe/Berlin)');
  });

  it('the uneven-step note matches what croner really does', () => {
    const runs = nextRuns('*/7 * * * *', 'UTC', new Date('2026-01-01T00:50:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-01-01T00:56:00.000Z', '2026-01-01T01:00:00.000Z', '2026-01-01T01:07:00.000Z']);
  });
});
