/**
 * `delegate evidence [--profile NAME | --all] [--out FILE] [--force]`: writes the evidence pack, one
 * self-contained HTML file for a security team (electron/core/evidence), and says where.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../core/clock.js';
import { buildEvidencePack } from '../../core/evidence/evidence-pack.js';
import { evidenceTarget, writeEvidenceFile } from '../../core/evidence/write-evidence.js';
import type { RunningFile } from '../../core/evidence/evidence-facts.js';
import { badInput, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';

const USAGE = 'delegate evidence [--profile NAME | --all] [--out FILE] [--force]';

const HELP = `${USAGE}

Writes one self-contained HTML file for your security team: what Delegate is, each profile's client ID
(and whose app it is), authority, tenant, the scopes its last token really carried and the configured ones,
where the token cache lives (keychain entries, file modes), each job with what it touches and its schedule,
90 days of runs per job, and the SHA-256 of the running Delegate. No token and no mail content is in it.

  --profile NAME  the profile to describe (default: the default profile), with the jobs that run as it
  --all           every profile and every job
  --out FILE      where to write (default: delegate-evidence-PROFILE-DATE.html in the current folder; a
                  folder given here gets that name inside it)
  --force         replace FILE if it exists (otherwise an existing file is left alone)
`;

export async function runEvidence(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'evidence',
    args,
    { profile: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`evidence: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  if (values.all && values.profile !== undefined) throw badInput('evidence: give --profile NAME or --all, not both.', `Usage: ${USAGE}`);
  if (values.out !== undefined && values.out.trim() === '') throw badInput('evidence: --out was given an empty file name.', 'Give a file name, e.g. --out evidence.html, or leave --out out.');
  const pack = await buildEvidencePack({
    home: io.home,
    clock: systemClock,
    version: process.env.DELEGATE_VERSION ?? 'dev',
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    all: values.all ?? false,
    runningFiles: cliRunningFiles(),
    env: io.env,
  });
  const path = evidenceTarget(values.out ?? pack.suggestedName, pack.suggestedName, io.home);
  writeEvidenceFile(path, pack.html, { force: values.force ?? false });
  const { profiles, jobs } = pack.facts;
  io.out(`Wrote the evidence pack (${profiles.length} profile${profiles.length === 1 ? '' : 's'}, ${jobs.length} job${jobs.length === 1 ? '' : 's'}) to ${path}\n`);
  return 0;
}

/** What runs `delegate` here: the Node (or the app's own binary), the launcher, and the bundled CLI. */
function cliRunningFiles(): RunningFile[] {
  const files: RunningFile[] = [{ label: 'The program running Delegate (process.execPath)', path: process.execPath, kind: 'file' }];
  const launcher = process.argv[1];
  if (launcher) files.push({ label: 'The delegate launcher that was started', path: resolve(launcher), kind: 'file' });
  // The CLI is bundled into dist/cli as an entry and code-split chunks; this file is one of them.
  files.push({ label: "Delegate's CLI bundle", path: dirname(fileURLToPath(import.meta.url)), kind: 'js-folder' });
  return files;
}
