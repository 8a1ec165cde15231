/**
 * The schedule builder: presets that write cron, a raw cron field, the schedule in words and the next runs.
 *
 * Placeholder on main (issue 10 seam): a plain cron field. The schedule-builder helper replaces this file's
 * content; the job editor only uses the props below.
 */
import { TextField } from '../../components/form-fields.js';

export interface ScheduleBuilderProps {
  /** The cron pattern as written in jobs.yaml (5 fields, or 6 with seconds first). */
  schedule: string;
  /** The job's IANA time zone; undefined = the computer's. The next runs are shown in it. */
  timeZone: string | undefined;
  onScheduleChange: (schedule: string) => void;
  /** The schema's error for `schedule`, shown on the field. */
  error?: string;
}

export function ScheduleBuilder({ schedule, onScheduleChange, error }: ScheduleBuilderProps) {
  return <TextField label="Schedule (cron)" value={schedule} onChange={onScheduleChange} mono {...(error ? { error } : {})} />;
}
