/**
 * The jobs file's problems, gathered per job (each with its line and path, so the person can go straight to it);
 * when the file cannot be read, only that error and what still runs meanwhile.
 */
import type { JobProblemView, JobsView } from '../../shared/ipc/ipc-models.js';
import { ErrorIcon, WarningIcon } from '../components/icons.js';
import { groupLabel, groupProblemsByJob, jobsAreFromEarlierVersion, leftOutTitle, warningsTitle, type JobProblemGroup } from './job-problem-groups.js';

function ProblemItem({ problem }: { problem: JobProblemView }) {
  return (
    <li className={`problem problem-${problem.severity}`}>
      {problem.severity === 'error' ? <ErrorIcon className="problem-icon" /> : <WarningIcon className="problem-icon" />}
      <span className="visually-hidden">{problem.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
      <span className="problem-where">
        {problem.line !== undefined ? <span className="problem-line">Line {problem.line}</span> : null}
        {problem.path ? <span className="mono">{problem.path}</span> : null}
      </span>
      <span className="problem-message">{problem.message}</span>
    </li>
  );
}

function JobGroup({ group, onEdit }: { group: JobProblemGroup; onEdit?: ((jobId: string) => void) | undefined }) {
  const left = group.severity === 'error';
  const jobId = group.jobId;
  return (
    <li className={`problem-job-group problem-job-${group.severity}`}>
      <p className="problem-job-title">
        <span className={jobId !== undefined ? 'mono' : undefined}>{groupLabel(group)}</span>
        <span className="problem-job-status">{left ? 'left out: does not run' : 'runs, with warnings'}</span>
        {onEdit && jobId !== undefined && left ? (
          <button type="button" className="button button-small problem-edit" onClick={() => onEdit(jobId)}>
            Edit<span className="visually-hidden"> job {jobId}</span>
          </button>
        ) : null}
      </p>
      <ul className="problem-list" aria-label={`Problems of ${groupLabel(group)}`}>
        {group.problems.map((problem, index) => (
          <ProblemItem key={`${problem.path}-${problem.line ?? ''}-${index}`} problem={problem} />
        ))}
      </ul>
    </li>
  );
}

/** `onEdit`: opens the editor on an invalid job (its source as written), so it can be fixed in the window. */
export function JobsProblemsPanel({ view, onEdit }: { view: JobsView; onEdit?: ((jobId: string) => void) | undefined }) {
  if (view.fileError) return <UnreadableFile view={view} fileError={view.fileError} />;
  if (view.problems.length === 0) return null;
  const grouped = groupProblemsByJob(view.problems);
  const fileErrors = grouped.file.filter((problem) => problem.severity === 'error').length;
  const isError = grouped.jobsWithErrors > 0 || fileErrors > 0;
  const titles = [
    ...(grouped.jobsWithErrors > 0 ? [leftOutTitle(grouped.jobsWithErrors)] : []),
    ...(grouped.file.length > 0 ? ['The jobs file has problems'] : []),
    ...(grouped.jobsWithWarnings > 0 ? [warningsTitle(grouped.jobsWithWarnings)] : []),
  ];
  const [title, ...more] = titles;
  return (
    <section className={`problems ${isError ? 'problems-error' : 'problems-warning'}`} aria-labelledby="jobs-problems-title">
      <h2 id="jobs-problems-title" className="problems-title">
        {title}
      </h2>
      {more.length > 0 ? <p className="problems-also">{more.join('. ')}.</p> : null}
      <p className="problems-file">
        In <span className="mono selectable">{view.path}</span>
      </p>
      {grouped.file.length > 0 ? (
        <ul className="problem-list" aria-label="Problems of the file">
          {grouped.file.map((problem, index) => (
            <ProblemItem key={`${problem.path}-${problem.line ?? ''}-${index}`} problem={problem} />
          ))}
        </ul>
      ) : null}
      <ul className="problem-job-list" aria-label="Jobs with problems">
        {grouped.jobs.map((group) => (
          <JobGroup key={group.key} group={group} onEdit={onEdit} />
        ))}
      </ul>
      <p className="problems-hint">
        {grouped.jobsWithErrors > 0 ? 'The other jobs keep running. ' : 'Every job keeps running. '}Delegate reloads the file when you save it.
      </p>
    </section>
  );
}

/** The file cannot be read: its error alone (nothing from older versions), and what still runs meanwhile. */
function UnreadableFile({ view, fileError }: { view: JobsView; fileError: JobProblemView }) {
  const stillScheduled = jobsAreFromEarlierVersion(view);
  return (
    <section className="problems problems-error" aria-labelledby="jobs-problems-title">
      <h2 id="jobs-problems-title" className="problems-title">
        Delegate cannot read the jobs file
      </h2>
      <p className="problems-file">
        In <span className="mono selectable">{view.path}</span>
      </p>
      <ul className="problem-list">
        <ProblemItem problem={fileError} />
      </ul>
      <p className="problems-hint">
        {stillScheduled
          ? `The ${view.jobs.length === 1 ? 'job below keeps running as it was' : `${view.jobs.length} jobs below keep running as they were`} until the file can be read.`
          : 'No job runs until the file can be read.'}{' '}
        Delegate reloads the file when you save it.
      </p>
    </section>
  );
}
