/**
 * Schedule presets: the common schedules a person picks from a list, written as cron and read back from it.
 *
 * `presetToCron` writes one canonical five-field pattern per preset. `cronToPreset` recognises those patterns and
 * the usual other spellings of the same schedule (`MON-FRI`, `0,7` for Sunday, a seconds field of `0`, `@daily`);
 * anything it cannot say exactly as a preset is null, which the builder shows as custom cron. Recognising too much
 * would be worse than too little: `0 7 * 1 1-5` (weekdays in January only) must never turn into "Weekdays at 07:00".
 */

/**
 * The steps offered for "every N minutes": the divisors of 60. `*\/N` restarts at minute 0 of every hour, so only a
 * divisor of 60 gives even gaps; `*\/7` runs at :56 and again at :00, four minutes later. Such patterns stay
 * possible as custom cron, and their words say so.
 */
export const EVERY_MINUTES_CHOICES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30] as const;

/** Day of the week as cron numbers it: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The day of the month a monthly schedule runs on; 'last' is croner's `L` (28, 29, 30 or 31 as the month has). */
export type MonthDay = number | 'last';

export type SchedulePreset =
  | { kind: 'every-minutes'; minutes: number }
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; hour: number; minute: number }
  | { kind: 'weekdays'; hour: number; minute: number }
  | { kind: 'weekly'; days: Weekday[]; hour: number; minute: number }
  | { kind: 'monthly'; day: MonthDay; hour: number; minute: number };

export type PresetKind = SchedulePreset['kind'];

/** The cron pattern of a preset, or null when the preset is not complete (a weekly schedule with no day chosen). */
export function presetToCron(preset: SchedulePreset): string | null {
  switch (preset.kind) {
    case 'every-minutes':
      return preset.minutes === 1 ? '* * * * *' : `*/${preset.minutes} * * * *`;
    case 'hourly':
      return `${preset.minute} * * * *`;
    case 'daily':
      return `${preset.minute} ${preset.hour} * * *`;
    case 'weekdays':
      return `${preset.minute} ${preset.hour} * * 1-5`;
    case 'weekly': {
      const days = [...new Set(preset.days)].sort((a, b) => a - b);
      if (days.length === 0) return null;
      return `${preset.minute} ${preset.hour} * * ${days.join(',')}`;
    }
    case 'monthly':
      return `${preset.minute} ${preset.hour} ${preset.day === 'last' ? 'L' : preset.day} * *`;
  }
}

/** Why a preset cannot be saved as it stands, in words for the field, or null. */
export function presetProblem(preset: SchedulePreset): string | null {
  if (preset.kind === 'weekly' && preset.days.length === 0) return 'Choose at least one day of the week.';
  return null;
}

/** A caution about a preset that is valid but may surprise: a monthly day some months do not have. */
export function presetCaution(preset: SchedulePreset): string | null {
  if (preset.kind !== 'monthly' || preset.day === 'last') return null;
  if (preset.day === 31) return 'Runs only in months that have a 31st (7 months a year). For the end of every month, choose “Last day of the month”.';
  if (preset.day === 30) return 'Does not run in February. For the end of every month, choose “Last day of the month”.';
  if (preset.day === 29) return 'Runs in February only in leap years. For the end of every month, choose “Last day of the month”.';
  return null;
}

const NAMED_DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const SHORTHANDS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
};

/** A plain number within bounds ("07" included), or null. */
function plainNumber(field: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null;
  const value = Number(field);
  return value >= min && value <= max ? value : null;
}

function dayNumber(token: string): number | null {
  const named = NAMED_DAYS[token.toLowerCase()];
  if (named !== undefined) return named;
  const value = plainNumber(token, 0, 7);
  return value === null ? null : value % 7; // 7 is Sunday too
}

/** The set of weekdays a day-of-week field names (lists, ranges, names), or null when it uses anything else. */
function weekdaySet(field: string): Set<number> | null {
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^([a-z0-9]+)-([a-z0-9]+)$/i.exec(part);
    if (range) {
      const from = dayNumber(range[1] ?? '');
      // In a range 7 stays 7: `5-7` is Friday to Sunday.
      const toRaw = range[2] ?? '';
      const to = NAMED_DAYS[toRaw.toLowerCase()] ?? plainNumber(toRaw, 0, 7);
      if (from === null || to === null || to < from) return null;
      for (let day = from; day <= to; day += 1) days.add(day % 7);
      continue;
    }
    const day = dayNumber(part);
    if (day === null) return null;
    days.add(day);
  }
  return days;
}

const isAny = (field: string) => field === '*' || field === '?';

/** The preset that writes exactly this schedule, or null for custom cron. */
export function cronToPreset(pattern: string): SchedulePreset | null {
  const trimmed = pattern.trim();
  const fields = (SHORTHANDS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  // A seconds field of 0 is the five-field schedule; any other second is beyond the presets.
  if (fields.length === 6) {
    if (plainNumber(fields[0] ?? '', 0, 0) === null) return null;
    fields.shift();
  }
  if (fields.length !== 5) return null;
  const [minuteField = '', hourField = '', domField = '', monthField = '', dowField = ''] = fields;
  if (!isAny(monthField)) return null;

  const dows = isAny(dowField) ? null : weekdaySet(dowField);
  if (!isAny(dowField) && dows === null) return null;
  const everyDay = dows === null || dows.size === 7;

  if (isAny(hourField)) {
    if (!isAny(domField) || !everyDay) return null;
    if (minuteField === '*') return { kind: 'every-minutes', minutes: 1 };
    const step = /^\*\/(\d{1,2})$/.exec(minuteField);
    if (step) {
      const minutes = Number(step[1]);
      return (EVERY_MINUTES_CHOICES as readonly number[]).includes(minutes) ? { kind: 'every-minutes', minutes } : null;
    }
    const minute = plainNumber(minuteField, 0, 59);
    return minute === null ? null : { kind: 'hourly', minute };
  }

  const minute = plainNumber(minuteField, 0, 59);
  const hour = plainNumber(hourField, 0, 23);
  if (minute === null || hour === null) return null;

  if (!isAny(domField)) {
    // Day of month and day of week both set means "either" in cron: no preset says that.
    if (!everyDay || dows !== null) return null;
    if (domField.toUpperCase() === 'L') return { kind: 'monthly', day: 'last', hour, minute };
    const day = plainNumber(domField, 1, 31);
    return day === null ? null : { kind: 'monthly', day, hour, minute };
  }
  if (everyDay) return { kind: 'daily', hour, minute };
  const days = [...dows].sort((a, b) => a - b) as Weekday[];
  if (days.join(',') === '1,2,3,4,5') return { kind: 'weekdays', hour, minute };
  return { kind: 'weekly', days, hour, minute };
}
