/**
 * `delegate doctor [--profile NAME] [--json]`: checks the setup a profile depends on (proxy per endpoint, DNS,
 * TCP, TLS and the CA that trusts it, clock skew, keychain, locks, versions, sign-in flow, the token's scopes).
 * Exit 0 when nothing failed (warnings allowed); else the exit code of the worst failed finding.
 */
import { systemClock } from '../../core/clock.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { doctorContext } from '../../core/doctor/doctor-context.js';
import { runDoctor } from '../../core/doctor/run-doctor.js';
import { redactSecrets } from '../../core/history/redact.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { doctorExitCode } from '../doctor-exit-code.js';
import { formatDoctor } from '../format-doctor.js';
import { parseCommand } from '../parse-options.js';
import type { DoctorReport } from '../../../shared/models/doctor-report.js';

const USAGE = 'delegate doctor [--profile NAME] [--json]';

const HELP = `${USAGE}

Checks what the profile needs, one line per finding (PASS, WARN or FAIL) with what to do under each
warning and failure: the proxy each endpoint goes through (sign-in host, Graph, SharePoint, downloads),
DNS, TCP and TLS to each host (the certificate chain and the CA that trusted it), the clock against the
sign-in server, the keychain (a test entry written, read and deleted), stale locks, versions, the sign-in
flow last used, and the scopes the current token really carries. Every check is bounded in time.

--json prints {profile, ok, exitCode, transport, checkedAt, findings: [{id, area, status, title, detail,
action?, code?, data?}]}; no token or proxy password is ever in it.

Exit codes: 0 nothing failed (warnings do not change it), else the worst failure: 5 keychain locked,
4 network, 3 sign-in required, 2 configuration, 1 other.
`;

export async function runDoctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('doctor', args, { profile: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`doctor: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const { profile } = resolveProfile(io.home, values.profile);
  const found = await runDoctor(doctorContext(io.home, profile, systemClock, process.env.DELEGATE_VERSION ?? 'dev'));
  // Nothing token-shaped may leave, whatever a server or a file put into a detail.
  const report = JSON.parse(redactSecrets(JSON.stringify(found))) as DoctorReport;
  const exitCode = doctorExitCode(report.findings);
  if (values.json) printJson(io, { profile: report.profile, ok: report.ok, exitCode, transport: report.transport, checkedAt: report.checkedAt, findings: report.findings });
  else io.out(formatDoctor(report, exitCode));
  return exitCode;
}
