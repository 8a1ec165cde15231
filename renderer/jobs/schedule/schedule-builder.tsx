/**
 * The schedule builder: presets that write cron, a raw cron field, the schedule in words and the next runs.
 *
 * The cron pattern (the `schedule` prop) is the truth the job editor saves; the presets are a way to write it.
 * A pattern that comes from outside (the job being edited) is read back into its preset when it is one, else
 * shown as Custom. Editing the cron field switches to Custom and stays there while typing, so the form does not
 * jump between presets as a half-typed pattern happens to match one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { EVERY_MINUTES_CHOICES, presetCaution, type Weekday } from '../../../shared/jobs/schedule-presets.js';
import { describeInWords, formatRunTime, hasSeconds, isKnownTimeZone, movedByClockChange, nextRuns, scheduleProblem, scheduleWarning, wallClock } from '../../../shared/jobs/schedule-preview.js';
import { useNow } from '../../hooks/use-now.js';
import { draftCron, draftFromCron, draftPreset, draftProblem, REPEAT_OPTIONS, withKind, type RepeatKind, type ScheduleDraft } from './schedule-draft.js';

export interface ScheduleBuilderProps {
  /** The cron pattern as written in jobs.yaml (5 fields, or 6 with seconds first). */
  schedule: string;
  /** The job's IANA time zone; undefined = the computer's. The next runs are shown in it. */
  timeZone: string | undefined;
  /**
   * Called with each pattern the builder writes ('' while a preset is incomplete, e.g. a weekly one with no day).
   * Pass the value back unchanged as `schedule`: a different value is taken as coming from outside and re-read.
   */
  onScheduleChange: (schedule: string) => void;
  /** The schema's error for `schedule`, shown on the field. */
  error?: string;
  /** The instant the preview counts from; default: the current time, kept current. (Screenshots pin it.) */
  now?: Date;
  /** This computer's IANA time zone; default: the one the system reports. (Screenshots pin it.) */
  localTimeZone?: string;
}

/** Monday first, as calendars at work show the week; cron's numbers (0 = Sunday). */
const WEEK: ReadonlyArray<{ day: Weekday; short: string; long: string }> = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 0, short: 'Sun', long: 'Sunday' },
];

const MONTH_DAYS = Array.from({ length: 31 }, (_, index) => index + 1);

const systemTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "The schedule is not a valid cron pattern: …" from the schema's "is not a valid cron pattern: …". */
const asSentence = (message: string) => (/^[a-z"]/.test(message) ? `The schedule ${message}` : message);

export function ScheduleBuilder({ schedule, timeZone, onScheduleChange, error, now: fixedNow, localTimeZone }: ScheduleBuilderProps) {
  const id = useId();
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftFromCron(schedule));
  // The last pattern this component wrote: a different `schedule` prop comes from outside and is read back.
  const written = useRef(schedule);
  useEffect(() => {
    if (schedule === written.current) return;
    written.current = schedule;
    setDraft((previous) => draftFromCron(schedule, previous));
  }, [schedule]);

  const write = (next: string) => {
    written.current = next;
    onScheduleChange(next);
  };
  const change = (next: ScheduleDraft) => {
    setDraft(next);
    const cron = draftCron(next);
    if (cron !== null && cron !== schedule) write(cron);
  };
  const typeCron = (text: string) => {
    setDraft((previous) => ({ ...draftFromCron(text, previous), kind: 'custom' }));
    write(text);
  };

  const liveNow = useNow(30_000, fixedNow === undefined);
  const now = fixedNow ?? liveNow;
  const localZone = localTimeZone ?? systemTimeZone();

  const inputProblem = draftProblem(draft);
  const problem = inputProblem ? null : scheduleProblem(schedule);
  const warning = problem || inputProblem ? null : scheduleWarning(schedule);
  const preset = draftPreset(draft);
  const caution = preset ? presetCaution(preset) : null;
  const zoneKnown = timeZone === undefined || isKnownTimeZone(timeZone);

  // Cheap enough to compute on every keystroke and clock tick (croner steps through fields, not minutes).
  // No zone = this computer's: named explicitly, so the runs and their display agree on which zone that is.
  const runZone = timeZone ?? localZone;
  const runs = problem || inputProblem || !zoneKnown ? [] : nextRuns(schedule, runZone, now, 5);
  const showYear = runs.some((run) => wallClock(run, runZone).year !== wallClock(now, runZone).year);
  const withSeconds = hasSeconds(schedule);

  const cronId = `${id}-cron`;
  const cronHintId = `${id}-cron-hint`;
  const cronErrorId = `${id}-cron-error`;
  const cronWarningId = `${id}-cron-warning`;
  const timeErrorId = `${id}-time-error`;
  const daysLabelId = `${id}-days-label`;
  const daysErrorId = `${id}-days-error`;
  const cautionId = `${id}-caution`;
  const wordsId = `${id}-words`;

  const cronMessage = problem ? asSentence(problem) : null;
  const outsideError = error && error !== problem && !inputProblem ? error : null;
  const cronDescribedBy = [cronHintId, cronMessage ? cronErrorId : null, outsideError ? `${cronErrorId}-outside` : null, warning ? cronWarningId : null].filter(Boolean).join(' ');
  const timeError = inputProblem?.field === 'time' || inputProblem?.field === 'minute' ? inputProblem.message : null;

  const setKind = (kind: RepeatKind) => change(withKind(draft, kind, schedule));
  const toggleDay = (day: Weekday) => {
    const days = draft.days.includes(day) ? draft.days.filter((other) => other !== day) : [...draft.days, day];
    change({ ...draft, days });
  };

  const zoneName = timeZone ?? localZone;
  const zoneLabel = timeZone && timeZone !== localZone ? timeZone : `${zoneName}, this computer's time zone`;

  return (
    <fieldset className="schedule-builder" aria-describedby={wordsId}>
      <legend className="field-label">Schedule</legend>

      <div className="schedule-row">
        <div className="field schedule-repeats">
          <label htmlFor={`${id}-kind`} className="field-label">
            Repeats
          </label>
          <select id={`${id}-kind`} className="select" value={draft.kind} onChange={(event) => setKind(event.target.value as RepeatKind)}>
            {REPEAT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>

        {draft.kind === 'every-minutes' ? (
          <div className="field schedule-small">
            <label htmlFor={`${id}-minutes`} className="field-label">
              Every
            </label>
            <select id={`${id}-minutes`} className="select" value={draft.minutes} onChange={(event) => change({ ...draft, minutes: Number(event.target.value) })}>
              {EVERY_MINUTES_CHOICES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes === 1 ? '1 minute' : `${minutes} minutes`}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        {draft.kind === 'hourly' ? (
          <div className={`field schedule-small${timeError ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-minute`} className="field-label">
              Minutes past the hour
            </label>
            <input
              id={`${id}-minute`}
              className="input schedule-number"
              type="number"
              min={0}
              max={59}
              step={1}
              inputMode="numeric"
              value={draft.minuteText}
              aria-invalid={Boolean(timeError)}
              aria-describedby={timeError ? timeErrorId : undefined}
              onChange={(event) => change({ ...draft, minuteText: event.target.value })}
            />
          </div>
        ) : null}

        {draft.kind === 'monthly' ? (
          <div className="field schedule-small">
            <label htmlFor={`${id}-day`} className="field-label">
              On day
            </label>
            <select
              id={`${id}-day`}
              className="select"
              value={String(draft.day)}
              aria-describedby={caution ? cautionId : undefined}
              onChange={(event) => change({ ...draft, day: event.target.value === 'last' ? 'last' : Number(event.target.value) })}
            >
              {MONTH_DAYS.map((day) => (
                <option key={day} value={day}>
                  {day}
                </option>
              ))}
              <option value="last">Last day of the month</option>
            </select>
          </div>
        ) : null}

        {draft.kind === 'daily' || draft.kind === 'weekdays' || draft.kind === 'weekly' || draft.kind === 'monthly' ? (
          <div className={`field schedule-small${timeError ? ' has-error' : ''}`}>
            <label htmlFor={`${id}-time`} className="field-label">
              At
            </label>
            <input
              id={`${id}-time`}
              className="input schedule-time"
              type="time"
              value={draft.time}
              aria-invalid={Boolean(timeError)}
              aria-describedby={timeError ? timeErrorId : undefined}
              onChange={(event) => change({ ...draft, time: event.target.value })}
            />
          </div>
        ) : null}
      </div>

      {timeError ? (
        <p id={timeErrorId} className="field-error" role="alert">
          {timeError}
        </p>
      ) : null}

      {draft.kind === 'weekly' ? (
        <div className={`field${inputProblem?.field === 'days' ? ' has-error' : ''}`}>
          <span id={daysLabelId} className="field-label">
            On these days
          </span>
          <div className="schedule-days" role="group" aria-labelledby={daysLabelId} aria-describedby={inputProblem?.field === 'days' ? daysErrorId : undefined}>
            {WEEK.map(({ day, short, long }) => (
              // "Mon" shown, "Monday" read: the rest of the name is visually hidden, so the spoken name starts with the visible text.
              <button key={day} type="button" className="schedule-day" aria-pressed={draft.days.includes(day)} title={long} onClick={() => toggleDay(day)}>
                {short}
                <span className="schedule-day-rest">{long.slice(short.length)}</span>
              </button>
            ))}
          </div>
          {inputProblem?.field === 'days' ? (
            <p id={daysErrorId} className="field-error" role="alert">
              {inputProblem.message}
            </p>
          ) : null}
        </div>
      ) : null}

      {caution ? (
        <p id={cautionId} className="schedule-caution">
          {caution}
        </p>
      ) : null}

      <div className={`field${cronMessage || outsideError ? ' has-error' : ''}`}>
        <label htmlFor={cronId} className="field-label">
          {draft.kind === 'custom' ? 'Cron pattern' : 'As cron'}
        </label>
        <p id={cronHintId} className="field-hint">
          {draft.kind === 'custom'
            ? 'Minute, hour, day of month, month, day of week; an optional first field for seconds. Example: 0 7 * * 1-5.'
            : 'Written by the choices above. Edit it to write your own (Custom).'}
        </p>
        <input
          id={cronId}
          className="input mono schedule-cron"
          type="text"
          value={schedule}
          placeholder={draft.kind === 'custom' ? 'such as 0 7 * * 1-5' : undefined}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={Boolean(cronMessage || outsideError)}
          aria-describedby={cronDescribedBy}
          onChange={(event) => typeCron(event.target.value)}
        />
        {cronMessage ? (
          <p id={cronErrorId} className="field-error" role="alert">
            {cronMessage}
          </p>
        ) : null}
        {outsideError ? (
          <p id={`${cronErrorId}-outside`} className="field-error">
            {outsideError}
          </p>
        ) : null}
        {warning ? (
          <p id={cronWarningId} className="schedule-caution">
            {warning}
          </p>
        ) : null}
      </div>

      <section className="schedule-preview" aria-label="Preview of the schedule">
        <p id={wordsId} className="schedule-words" aria-live="polite">
          {problem || inputProblem ? 'No schedule yet: fix the problem above.' : describeInWords(schedule)}
        </p>
        {problem || inputProblem ? null : (
          <>
            <h3 id={`${id}-preview-title`} className="schedule-preview-title">
              Next runs <span className="schedule-zone">({zoneLabel})</span>
            </h3>
            {!zoneKnown ? (
              <p className="schedule-empty">The next runs show once the time zone is one this computer knows.</p>
            ) : runs.length === 0 ? (
              <p className="schedule-empty">None to show.</p>
            ) : (
              <ol className="schedule-runs" aria-label={`Next ${runs.length} runs`}>
                {runs.map((run) => {
                  const text = formatRunTime(run, { timeZone, localTimeZone: localZone, withYear: showYear, withSeconds });
                  const moved = movedByClockChange(schedule, runZone, run);
                  return (
                    <li key={run.getTime()}>
                      <time dateTime={run.toISOString()}>{text.inJobZone}</time>
                      {text.onThisComputer ? <span className="schedule-local"> · {text.onThisComputer} on this computer</span> : null}
                      {moved ? <span className="schedule-moved"> · later than the pattern says: the clocks go forward that night, so its time does not exist and the job runs just after</span> : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </section>
    </fieldset>
  );
}
