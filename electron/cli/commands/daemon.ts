/**
 * `delegate daemon [--grace SECONDS] [--resume]`: the scheduler without the app, with readable log lines on stdout.
 * Pause (set in the app) is remembered in the home; `--resume` clears it, for a machine without the app.
 * SIGTERM/SIGINT: start nothing new, let running runs finish within the grace period, mark the rest
 * interrupted, exit 0. SIGHUP: reload the jobs file.
 * It also keeps the sign-ins alive and warns before they expire (core/keeper): a probe of every signed-in
 * profile at start, daily and after a wake, and the expiry notices on the channels config.json names.
 */
import { JobEngine } from '../../core/jobs/job-engine.js';
import { onDamagedFile } from '../../core/fs/damaged-file.js';
import { createGraphClient } from '../../core/graph/graph-factory.js';
import { keychainStartNotice } from '../../core/service/headless-keyring.js';
import { badInput, type CliIo } from '../cli-io.js';
import { formatRunLine } from '../format-run.js';
import { openLogFile } from '../../core/logging/log-file.js';
import { logRuns } from '../../core/logging/run-log.js';
import { onLockRecovered } from '../../core/fs/lock-recovery.js';
import { numberOption } from '../number-option.js';
import { parseCommand } from '../parse-options.js';
import { systemClock } from '../../core/clock.js';
import { SignInKeeper } from '../../core/keeper/sign-in-keeper.js';
import { configuredChannels } from '../../core/keeper/configured-channels.js';
import { desktopBusChannel } from '../../core/keeper/desktop-bus-channel.js';

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
  // Every line goes to stdout (a supervisor's journal) and to <home>/logs/daemon.log (`delegate logs`).
  const logFile = openLogFile(io.home, 'daemon');
  const say = (line: string) => io.out(`${new Date().toISOString()} ${line}\n`);
  const log = (line: string) => {
    say(line);
    logFile.info(line);
  };
  onDamagedFile((report) => {
    say(`damaged file kept aside: ${report.message}`);
    logFile.warn(`damaged file kept aside: ${report.message}`, { event: 'damaged-file', file: report.file, keptAs: report.keptAs });
  });
  onLockRecovered((recovery) => {
    say(`stale lock taken over: ${recovery.path} (${recovery.reason})`);
    logFile.warn(`stale lock taken over: ${recovery.path} (${recovery.reason})`, { event: 'lock-recovered', lock: recovery.path });
  });
  // Signals are taken before the engine starts: a SIGTERM that arrives while it starts (or just after the
  // "started" line a supervisor waits for) must still stop it cleanly, not kill it with runs half-recorded.
  let requestStop: (signal: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  process.once('SIGTERM', () => requestStop('SIGTERM'));
  process.once('SIGINT', () => requestStop('SIGINT'));
  const started: { engine?: JobEngine } = {};
  process.on('SIGHUP', () => started.engine?.reload());
  let engine: JobEngine;
  try {
    engine = await JobEngine.start({ home: io.home, createGraph: createGraphClient, log });
  } catch (error) {
    logFile.error(`daemon could not start: ${(error as Error).message}`, { event: 'daemon-start-failed', code: (error as { code?: string }).code });
    logFile.close();
    throw error;
  }
  started.engine = engine;
  logRuns(engine.events, logFile);
  if (values.resume && engine.isPaused()) {
    engine.resume();
    log('scheduled runs resumed (--resume)');
  }
  log(`daemon started for ${io.home} (process ${process.pid}); ${engine.jobs().jobs.length} job(s)`);
  const desktop = desktopBusChannel();
  const keeper = new SignInKeeper({
    home: io.home,
    clock: systemClock,
    who: `daemon ${process.pid}`,
    log,
    channels: () => {
      try {
        return configuredChannels(io.home, systemClock, desktop);
      } catch (error) {
        log(`expiry warnings: config.json cannot be read, so only the desktop gets them (${(error as Error).message.split('\n')[0]})`);
        return [desktop];
      }
    },
  });
  keeper.start();
  // A service started with nobody logged in meets a locked keyring: say so, with the options, at once.
  void keychainStartNotice(io.home).then((notice) => notice && log(notice), () => undefined);
  engine.events.on((event) => {
    // Run lines reach daemon.log through logRuns, with their ids and durations as fields.
    if (event.type === 'run-started') say(`run #${event.run.id} ${event.run.jobId} started (${event.run.trigger}${event.run.attempt > 1 ? `, try ${event.run.attempt}` : ''})`);
    if (event.type === 'run-finished') say(formatRunLine(event.run));
  });
  const signal = await stopRequested;
  log(`${signal}: stopping; running runs get up to ${graceSeconds} s to finish`);
  await Promise.all([engine.stop(graceSeconds * 1000), keeper.stop()]);
  log('daemon stopped');
  logFile.close();
  return 0;
}
