/**
 * The jobs file's problems, each with its line and path, so the person can go straight to it.
 */
import type { JobProblemView, JobsView } from '../../shared/ipc/ipc-models.js';
import { ErrorIcon, WarningIcon } from '../components/icons.js';

function ProblemItem({ problem, onEdit }: { problem: JobProblemView; onEdit?: ((jobId: string) => void) | undefined }) {
  return (
    <li className={`problem problem-${problem.severity}`}>
      {problem.severity === 'error' ? <ErrorIcon className="problem-icon" /> : <WarningIcon className="problem-icon" />}
      <span className="visually-hidden">{problem.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
      <span className="problem-where">
        {problem.line !== undefined ? <span className="problem-line">Line {problem.line}</span> : null}
        {problem.path ? <span className="mono">{problem.path}</span> : null}
        {problem.jobId ? <span className="problem-job">job {problem.jobId}</span> : null}
      </span>
      <span className="problem-message">{problem.message}</span>
      {onEdit && problem.jobId && problem.severity === 'error' ? (
        <button type="button" className="button button-small problem-edit" onClick={() => onEdit(problem.jobId ?? '')}>
          Edit<span className="visually-hidden"> job {problem.jobId}</span>
        </button>
      ) : null}
    </li>
  );
}

/** `onEdit`: opens the editor on an invalid job (its source as written), so it can be fixed in the window. */
export function JobsProblemsPanel({ view, onEdit }: { view: JobsView; onEdit?: ((jobId: string) => void) | undefined }) {
  const errors = view.problems.filter((problem) => problem.severity === 'error');
  if (!view.fileError && view.problems.length === 0) return null;
  const title = view.fileError
    ? 'The jobs file cannot be read'
    : errors.length > 0
      ? `${errors.length === 1 ? 'A job has' : `${errors.length} jobs have`} problems and ${errors.length === 1 ? 'is' : 'are'} left out`
      : 'The jobs file has warnings';
  return (
    <section className={`problems ${view.fileError || errors.length > 0 ? 'problems-error' : 'problems-warning'}`} aria-labelledby="jobs-problems-title">
      <h2 id="jobs-problems-title" className="problems-title">
        {title}
      </h2>
      <p className="problems-file">
        In <span className="mono selectable">{view.path}</span>
      </p>
      <ul className="problem-list">
        {view.fileError ? <ProblemItem problem={view.fileError} /> : null}
        {view.problems.map((problem, index) => (
          <ProblemItem key={`${problem.path}-${problem.line ?? ''}-${index}`} problem={problem} onEdit={onEdit} />
        ))}
      </ul>
      <p className="problems-hint">
        {view.fileError ? 'No job runs until the file can be read.' : 'The other jobs keep running.'} Delegate reloads the file when you save it.
      </p>
    </section>
  );
}
