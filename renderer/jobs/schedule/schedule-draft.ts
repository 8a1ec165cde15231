/**
 * The schedule builder's form state: what the person chose and typed, kept across preset switches.
 *
 * One draft holds every preset's inputs at once, so switching from "Daily at 07:30" to "Weekdays" keeps 07:30, and
 * back again keeps the days picked for "Weekly". The time is kept as typed (text) so a half-typed time is shown as
 * such rather than snapping back.
 */
import { cronToPreset, presetToCron, type MonthDay, type PresetKind, type SchedulePreset, type Weekday } from '../../../shared/jobs/schedule-presets.js';

export type RepeatKind = PresetKind | 'custom';

export interface ScheduleDraft {
  kind: RepeatKind;
  /** Every N minutes. */
  minutes: number;
  /** "07:30" as the time input gives it ('' while cleared). */
  time: string;
  /** The minute past the hour for "Hourly", as typed. */
  minuteText: string;
  days: Weekday[];
  day: MonthDay;
}

export const DEFAULT_DRAFT: ScheduleDraft = { kind: 'weekdays', minutes: 15, time: '07:00', minuteText: '0', days: [1], day: 1 };

export const REPEAT_OPTIONS: ReadonlyArray<{ value: RepeatKind; label: string }> = [
  { value: 'every-minutes', label: 'Every N minutes' },
  { value: 'hourly', label: 'Hourly' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekdays', label: 'Weekdays (Monday to Friday)' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'custom', label: 'Custom (cron)' },
];

const pad = (value: number) => String(value).padStart(2, '0');

/** The hour and minute of a time input's value, or null when it is empty or not a time. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** The minute past the hour as typed, or null when it is not a whole number from 0 to 59. */
export function parseMinute(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const minute = Number(text.trim());
  return minute <= 59 ? minute : null;
}

/** The draft for a pattern: its preset when it is one (else Custom), the other inputs kept from `previous`. */
export function draftFromCron(pattern: string, previous: ScheduleDraft = DEFAULT_DRAFT): ScheduleDraft {
  const preset = cronToPreset(pattern);
  if (!preset) return { ...previous, kind: 'custom' };
  return { ...withPresetValues(previous, preset), kind: preset.kind };
}

/** The draft's inputs filled from a preset (the kind left as it is). */
export function withPresetValues(draft: ScheduleDraft, preset: SchedulePreset): ScheduleDraft {
  switch (preset.kind) {
    case 'every-minutes':
      return { ...draft, minutes: preset.minutes };
    case 'hourly':
      return { ...draft, minuteText: String(preset.minute) };
    case 'daily':
    case 'weekdays':
      return { ...draft, time: `${pad(preset.hour)}:${pad(preset.minute)}`, minuteText: String(preset.minute) };
    case 'weekly':
      return { ...draft, time: `${pad(preset.hour)}:${pad(preset.minute)}`, minuteText: String(preset.minute), days: preset.days };
    case 'monthly':
      return { ...draft, time: `${pad(preset.hour)}:${pad(preset.minute)}`, minuteText: String(preset.minute), day: preset.day };
  }
}

/**
 * Another kind of repeat, keeping what was typed. Coming from Custom, the cron typed there seeds the inputs when it
 * is one of the presets (so "0 9 * * 1,3,5" then "Weekly" keeps Monday, Wednesday and Friday at 09:00).
 */
export function withKind(draft: ScheduleDraft, kind: RepeatKind, currentCron: string): ScheduleDraft {
  const seeded = draft.kind === 'custom' ? draftFromCron(currentCron, draft) : draft;
  // Hourly's minute and the time's minute follow each other: daily at 07:30 → hourly at :30, and back.
  const time = parseTime(seeded.time);
  const minute = parseMinute(seeded.minuteText);
  let next: ScheduleDraft = { ...seeded, kind };
  if (kind === 'hourly' && seeded.kind !== 'hourly' && time) next = { ...next, minuteText: String(time.minute) };
  if (kind !== 'hourly' && seeded.kind === 'hourly' && minute !== null) next = { ...next, time: `${pad(time?.hour ?? 7)}:${pad(minute)}` };
  return next;
}

export type DraftField = 'time' | 'minute' | 'days';

/** What stops the draft from being a schedule, on which input, or null. */
export function draftProblem(draft: ScheduleDraft): { field: DraftField; message: string } | null {
  switch (draft.kind) {
    case 'custom':
    case 'every-minutes':
      return null;
    case 'hourly':
      return parseMinute(draft.minuteText) === null ? { field: 'minute', message: 'Enter a minute from 0 to 59.' } : null;
    case 'weekly':
      if (draft.days.length === 0) return { field: 'days', message: 'Choose at least one day of the week.' };
      break;
    default:
      break;
  }
  return parseTime(draft.time) === null ? { field: 'time', message: 'Enter a time, such as 07:00.' } : null;
}

/** The preset the draft describes, or null for Custom or while an input is incomplete. */
export function draftPreset(draft: ScheduleDraft): SchedulePreset | null {
  if (draft.kind === 'custom' || draftProblem(draft)) return null;
  if (draft.kind === 'every-minutes') return { kind: 'every-minutes', minutes: draft.minutes };
  if (draft.kind === 'hourly') return { kind: 'hourly', minute: parseMinute(draft.minuteText) ?? 0 };
  const { hour, minute } = parseTime(draft.time) ?? { hour: 0, minute: 0 };
  switch (draft.kind) {
    case 'daily':
      return { kind: 'daily', hour, minute };
    case 'weekdays':
      return { kind: 'weekdays', hour, minute };
    case 'weekly':
      return { kind: 'weekly', days: draft.days, hour, minute };
    case 'monthly':
      return { kind: 'monthly', day: draft.day, hour, minute };
  }
}

/** The cron the draft writes: null for Custom (the typed cron stands), '' while incomplete. */
export function draftCron(draft: ScheduleDraft): string | null {
  if (draft.kind === 'custom') return null;
  const preset = draftPreset(draft);
  return preset ? (presetToCron(preset) ?? '') : '';
}
