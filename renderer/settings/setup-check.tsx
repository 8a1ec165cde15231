/**
 * "Check my setup": runs doctor for the profile (proxy, network, certificates, clock, keychain, locks, sign-in,
 * scopes) and shows what it found — problems first, each with what to do; the passed checks folded away.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { DoctorFinding, DoctorReport, FindingStatus } from '../../shared/models/doctor-report.js';
import { ErrorNotice } from '../components/error-notice.js';
import { rewriteCliText } from '../format/app-action.js';
import { CheckIcon, ErrorIcon, WarningIcon } from '../components/icons.js';
import { Panel } from '../components/panel.js';
import { Spinner } from '../components/spinner.js';
import { StatusBadge } from '../components/status-badge.js';
import { useApi } from '../ipc/api-context.js';

const WORD: Record<FindingStatus, string> = { pass: 'Passed', warn: 'Warning', fail: 'Problem' };

export function SetupCheck({ profile }: { profile: string }) {
  const api = useApi();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    const result = await api.request('settings:check-setup', { profile });
    setRunning(false);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  const shown = report?.profile === profile ? report : null;
  return (
    <Panel
      title="Check my setup"
      className="setup-check"
      actions={
        <button type="button" className="button" onClick={() => void run()} disabled={running}>
          {running ? 'Checking…' : shown ? 'Check again' : 'Check my setup'}
        </button>
      }
    >
      <p className="panel-intro">
        Checks what profile <strong>{profile}</strong> needs: the proxy and network path to Microsoft, the certificates and who vouches for them, this computer&apos;s clock, the keychain, and the
        sign-in with its scopes. Nothing is changed.
      </p>
      {running ? (
        <p className="setup-check-running" role="status">
          <Spinner /> Checking… on a slow or blocked network this can take up to half a minute.
        </p>
      ) : null}
      {error && !running ? <ErrorNotice error={error} title="The check could not run" /> : null}
      {shown && !running ? <SetupReport report={shown} /> : null}
    </Panel>
  );
}

function SetupReport({ report }: { report: DoctorReport }) {
  const problems = report.findings.filter((finding) => finding.status === 'fail');
  const warnings = report.findings.filter((finding) => finding.status === 'warn');
  const passed = report.findings.filter((finding) => finding.status === 'pass');
  const summary =
    problems.length > 0
      ? `${count(problems.length, 'problem')}${warnings.length ? `, ${count(warnings.length, 'warning')}` : ''}`
      : warnings.length > 0
        ? `No problems, ${count(warnings.length, 'warning')}`
        : 'Everything checked out';
  return (
    <div className="setup-report">
      <p className="setup-summary" role="status">
        <StatusBadge tone={problems.length ? 'danger' : warnings.length ? 'warning' : 'ok'} label={summary} />
        <span className="setup-summary-meta">
          {report.findings.length} checks, {new Date(report.checkedAt).toLocaleTimeString()}
        </span>
      </p>
      {problems.length + warnings.length > 0 ? (
        <ul className="setup-findings" aria-label="Problems and warnings">
          {[...problems, ...warnings].map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
      ) : null}
      {passed.length > 0 ? (
        <details className="setup-passed" open={problems.length + warnings.length === 0}>
          <summary>{count(passed.length, 'passed check')}</summary>
          <ul className="setup-findings" aria-label="Passed checks">
            {passed.map((finding) => (
              <FindingItem key={finding.id} finding={finding} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function FindingItem({ finding }: { finding: DoctorFinding }) {
  const Icon = finding.status === 'pass' ? CheckIcon : finding.status === 'warn' ? WarningIcon : ErrorIcon;
  return (
    <li className={`setup-finding is-${finding.status}`} aria-label={`${WORD[finding.status]}: ${finding.title}`}>
      <Icon className="setup-finding-icon" />
      <div className="setup-finding-text">
        <p className="setup-finding-title">
          <span className="visually-hidden">{WORD[finding.status]}: </span>
          {finding.title}
        </p>
        <p className="setup-finding-detail">
          <WithCommands text={finding.detail} />
        </p>
        {finding.status !== 'pass' && finding.action ? (
          <p className="setup-finding-action">
            <strong>What to do:</strong> <WithCommands text={finding.action} />
          </p>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Doctor writes commands in `backticks` (as the CLI prints them): the window says where to click instead, and
 * what only a terminal does reads as a quoted command.
 */
function WithCommands({ text }: { text: string }) {
  return <>{rewriteCliText(text)}</>;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
