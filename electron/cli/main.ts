/**
 * The `delegate` command: a thin shell over electron/core. Commands load lazily so that `delegate token`, the
 * one scripts call in loops, loads only what a cached read needs.
 *
 * `main` runs one command line and returns its exit code; who runs it decides how to exit: entry.ts (plain Node,
 * bin/delegate.cjs) and the desktop app's binary (electron/shell/cli-in-app.ts, `delegate` on PATH when installed).
 */
import { resolveDelegateHome } from '../core/home/delegate-home.js';
import { processIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { runCommand, type Command } from './run-command.js';

const HELP = `delegate — your Microsoft 365 automation, signed in as you

Usage: delegate <command> [options]

  login [--browser] [--json]       sign in (device code; --browser for the browser flow)
  logout                           sign out and remove the keychain entry
  status [--probe] [--json]        sign-in health: days left, last sign-in, last probe
  token [--scope S]... [--resource URL] [--json]
                                   print an access token (silent only; never prompts)
  profiles list|add|remove|default|set
                                   manage sign-in profiles
  jobs [--json]                    the jobs, their schedules, next runs, last results and problems
  run JOB [--json]                 run a job now and wait for its result
  history [JOB] [--status S] [--limit N] [--json]
                                   recent runs
  daemon [--grace SECONDS] [--resume]
                                   run the scheduler in the foreground (one per home)
  doctor [--json]                  check proxy, network, TLS, clock, keychain, locks and scopes
                                   (exit 0 when nothing failed; warnings allowed)
  exec [--token-env NAME[=RESOURCE]]... [--record JOB-ID] -- COMMAND [ARGS]
                                   run a command once with the token broker (its exit code passed through)
  service install|uninstall|status [--dry-run]
                                   run the daemon as a user service (systemd, launchd, Task Scheduler)
  logs [--follow] [--since WHEN]   the app's and the daemon's log lines
  import --msal-cache PATH [--account UPN] [--remove-source]
                                   move an existing MSAL token cache file into the keychain
  evidence [--all] [--out FILE] [--force]
                                   write the evidence pack (one HTML file) for your security team

Every command takes --profile NAME (or DELEGATE_PROFILE). Delegate's home is DELEGATE_HOME,
or the OS app-data folder. Exit codes: 0 ok, 1 failed, 2 bad input, 3 sign-in required, 4 network,
5 keychain locked (unlock it; the sign-in is unchanged).
`;

const commands: Record<string, () => Promise<Command>> = {
  token: async () => (await import('./commands/token.js')).runToken,
  login: async () => (await import('./commands/login.js')).runLogin,
  logout: async () => (await import('./commands/logout.js')).runLogout,
  status: async () => (await import('./commands/status.js')).runStatus,
  profiles: async () => (await import('./commands/profiles.js')).runProfiles,
  jobs: async () => (await import('./commands/jobs.js')).runJobs,
  run: async () => (await import('./commands/run.js')).runRun,
  history: async () => (await import('./commands/history.js')).runHistory,
  daemon: async () => (await import('./commands/daemon.js')).runDaemon,
  doctor: async () => (await import('./commands/doctor.js')).runDoctorCommand,
  exec: async () => (await import('./commands/exec.js')).runExec,
  service: async () => (await import('./commands/service.js')).runService,
  logs: async () => (await import('./commands/logs.js')).runLogs,
  import: async () => (await import('./commands/import.js')).runImport,
  evidence: async () => (await import('./commands/evidence.js')).runEvidence,
};

/** Runs `delegate <argv>` (argv without node and script) against `home` and returns the exit code. */
export async function main(argv: readonly string[], home: string = resolveDelegateHome()): Promise<number> {
  const [name, ...args] = argv;
  const io = processIo(home);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${process.env.DELEGATE_VERSION ?? 'dev'}\n`);
    return ExitCode.ok;
  }
  // Own commands only: `delegate constructor` or `delegate toString` must not find Object.prototype's members.
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.err(`delegate: unknown command "${name}".\n  What to do: run \`delegate --help\` for the commands.\n`);
    return ExitCode.badInput;
  }
  return runCommand(name, load, args, io);
}
