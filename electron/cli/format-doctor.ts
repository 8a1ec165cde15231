/**
 * `delegate doctor` for people: one line per finding (PASS / WARN / FAIL, what was checked, what was found),
 * the fix under every line that is not a pass, and a summary with the exit code.
 */
import type { DoctorReport } from '../../shared/models/doctor-report.js';

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

const EXIT_WORDS: Record<number, string> = { 0: 'ok', 1: 'failed', 2: 'configuration', 3: 'sign-in required', 4: 'network', 5: 'keychain locked' };

export function formatDoctor(report: DoctorReport, exitCode: number): string {
  const lines = [`Delegate doctor: profile "${report.profile}", ${report.transport} network stack, ${report.checkedAt}`, ''];
  for (const finding of report.findings) {
    lines.push(`${MARK[finding.status]}  ${finding.title}: ${finding.detail}`);
    if (finding.status !== 'pass' && finding.action) lines.push(`      What to do: ${finding.action}`);
  }
  const count = (status: keyof typeof MARK) => report.findings.filter((finding) => finding.status === status).length;
  lines.push('', `${report.findings.length} checks: ${count('pass')} passed, ${count('warn')} warning(s), ${count('fail')} failed. Exit code ${exitCode} (${EXIT_WORDS[exitCode] ?? 'failed'}).`);
  return `${lines.join('\n')}\n`;
}
