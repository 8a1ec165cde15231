/**
 * The schedule builder alone, for screenshots and trying it by hand: `dev.html?component=schedule-builder`.
 *
 * Query parameters: `schedule` (the starting cron), `tz` (the job's zone; empty = the computer's), `local` (pins
 * this computer's zone) and `now` (an ISO instant, pins the preview's clock). A time-zone field beside it stands in
 * for the job editor's, so the preview can be watched following it.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ScheduleBuilder } from '../jobs/schedule/schedule-builder.js';

function ScheduleBuilderPage({ params }: { params: URLSearchParams }) {
  const [schedule, setSchedule] = useState(params.get('schedule') ?? '0 7 * * 1-5');
  const [zone, setZone] = useState(params.get('tz') ?? 'Europe/Berlin');
  const nowParam = params.get('now');
  const local = params.get('local');
  return (
    <main className="schedule-dev-page">
      <h1 className="editor-title">Schedule builder (dev)</h1>
      <div className="field field-narrow">
        <label htmlFor="dev-zone" className="field-label">
          Time zone
        </label>
        <input id="dev-zone" className="input" value={zone} placeholder="The computer's" onChange={(event) => setZone(event.target.value)} />
      </div>
      <ScheduleBuilder
        schedule={schedule}
        timeZone={zone.trim() === '' ? undefined : zone.trim()}
        onScheduleChange={setSchedule}
        {...(nowParam ? { now: new Date(nowParam) } : {})}
        {...(local ? { localTimeZone: local } : {})}
      />
      <p className="field-hint">
        Saved as: <code className="mono" data-testid="saved-schedule">{JSON.stringify(schedule)}</code>
      </p>
    </main>
  );
}

export function mountScheduleBuilderDev(container: HTMLElement, params: URLSearchParams): void {
  createRoot(container).render(
    <StrictMode>
      <ScheduleBuilderPage params={params} />
    </StrictMode>,
  );
}
