/**
 * `delegate daemon [--grace SECONDS] [--resume]`: the scheduler without the app, with readable log lines on stdout.
 * Pause (set in the app) is remembered in the home; `--resume` clears it, for a machine without the app.
 * SIGTERM/SIGINT: start nothing new, let running runs finish within the grace period, mark the rest
 * interrupted, exit 0. SIGHUP: reload the jobs file.
 */
import { JobEngine } from '../../core/jobs/job-engine.js';
import { onDamagedFile } from '../../core/fs/damaged-file.js';
import { createGraphClient } from '../../core/graph/graph-factory.js';
import { keychainStartNotice } from '../../core/service/headless-keyring.js';
import { badInput, type CliIo } from '../cli-io.js';
import { formatRunLine } from '../format-run.js';
import { numberOption } from '../number-option.js';
import { parseCommand } from '../parse-options.js';

const USAGE = 'delegate daemon [--grace SECONDS] [--resume]';
/** A day: longer than any sensible shutdown, and far below setTimeout's 24.8-day limit. */
const MAX_GRACE_SECONDS = 86_400;

export async function runDaemon(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('daemon', args, { grace: { type: 'string' }, resume: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nRuns the job scheduler in the foreground (one per Delegate home). Stop it with Ctrl+C or SIGTERM.\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`daemon: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const graceSeconds = values.grace === undefined ? 30 : numberOption('daemon', '--grace', values.grace, { min: 0, max: MAX_GRACE_SECONDS, unit: 'seconds' }, USAGE);
  const log = (line: string) => io.out(`${new Date().toISOString()} ${line}\n`);
  onDamagedFile((report) => log(`damaged file kept aside: ${report.message}`));
  // Signals are taken before the engine starts: a SIGTERM that arrives while it starts (or just after the
  // "started" line a supervisor waits for) must still stop it cleanly, not kill it with runs half-recorded.
  let requestStop: (signal: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  process.once('SIGTERM', () => requestStop('SIGTERM'));
  process.once('SIGINT', () => requestStop('SIGINT'));
  const started: { engine?: JobEngine } = {};
  process.on('SIGHUP', () => started.engine?.reload());
  const engine = await JobEngine.start({ home: io.home, createGraph: createGraphClient, log });
  started.engine = engine;
  if (values.resume && engine.isPaused()) {
    engine.resume();
    log('scheduled runs resumed (--resume)');
  }
  log(`daemon started for ${io.home} (process ${process.pid}); ${engine.jobs().jobs.length} job(s)`);
  // A service started with nobody logged in meets a locked keyring: say so, with the options, at once.
  void keychainStartNotice(io.home).then((notice) => notice && log(notice), () => undefined);
  engine.events.on((event) => {
    if (event.type === 'run-started') log(`run #${event.run.id} ${event.run.jobId} started (${event.run.trigger}${event.run.attempt > 1 ? `, try ${event.run.attempt}` : ''})`);
    if (event.type === 'run-finished') log(formatRunLine(event.run));
  });
  const signal = await stopRequested;
  log(`${signal}: stopping; running runs get up to ${graceSeconds} s to finish`);
  await engine.stop(graceSeconds * 1000);
  log('daemon stopped');
  return 0;
}
