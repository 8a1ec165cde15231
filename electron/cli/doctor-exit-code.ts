/**
 * The exit code of a doctor report: 0 when nothing failed (warnings allowed), else the code of the worst failed
 * finding, worst meaning the one to fix first — keychain locked (5) before network (4) before sign-in (3) before
 * configuration (2) before anything else (1). That order happens to be the numeric one, so the highest wins.
 */
import { exitCodeFor, ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { DoctorFinding } from '../../shared/models/doctor-report.js';

export function doctorExitCode(findings: readonly Pick<DoctorFinding, 'status' | 'code'>[]): ExitCodeValue {
  let worst: ExitCodeValue = ExitCode.ok;
  for (const finding of findings) {
    if (finding.status !== 'fail') continue;
    const code = exitCodeFor(finding.code ?? 'unexpected');
    if (code > worst) worst = code;
  }
  return worst;
}
