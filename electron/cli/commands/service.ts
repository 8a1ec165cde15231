/**
 * `delegate service install | uninstall | status [--dry-run] [--json]`: the daemon as a user service (systemd
 * user unit, launchd LaunchAgent, Task Scheduler task), for this Delegate home.
 *
 * `--dry-run` changes nothing: stdout is exactly the file install would write (so `> delegate.service` gives a
 * usable unit), stderr says where it would go, the commands it would run and the notes.
 */
import { localServiceDescription, localServiceHost } from '../../core/service/local-service.js';
import { planInstall, planUninstall, serviceStatus } from '../../core/service/service-manager.js';
import { carryOut, describeStep, type ServicePlan } from '../../core/service/service-plan.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';
import type { ServiceStatus } from '../../core/service/service-status.js';

const USAGE = 'delegate service install|uninstall|status [--dry-run] [--json]';

const HELP = `${USAGE}

  install     write the service file for this Delegate home and start the daemon with it
              (Linux: systemd user unit; macOS: LaunchAgent; Windows: Task Scheduler task at logon)
  uninstall   stop the service and remove its file
  status      is it installed, is it running (exit 0 either way; --json for scripts)
  --dry-run   change nothing: print the file (stdout) and the steps (stderr)

Install again after moving Delegate or Node, or changing DELEGATE_HOME or proxy variables.
`;

const MANAGER_NAMES = { systemd: 'systemd user unit', launchd: 'launchd LaunchAgent', 'task-scheduler': 'Task Scheduler task' } as const;

export async function runService(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('service', args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, profile: { type: 'string' } }, USAGE);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [action, extra] = positionals;
  if (extra !== undefined) throw badInput(`service: unexpected argument "${extra}".`, `Usage: ${USAGE}`);
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    throw badInput(action === undefined ? 'service: say what to do: install, uninstall or status.' : `service: unknown action "${action}".`, `Usage: ${USAGE}`);
  }
  if (action === 'status' && values['dry-run']) throw badInput('service: status changes nothing; --dry-run is for install and uninstall.', `Usage: ${USAGE}`);
  const host = localServiceHost(undefined, io.env);
  if (action === 'status') return printStatus(io, await serviceStatus(host, io.home), Boolean(values.json));

  const description = action === 'install' ? localServiceDescription(io.home, io.env) : undefined;
  const plan = description ? await planInstall(host, description) : await planUninstall(host, io.home);
  if (values['dry-run']) return printDryRun(io, action, plan, description?.skippedEnv ?? [], Boolean(values.json));

  if (action === 'uninstall' && !host.files.exists(plan.file.path) && (await serviceStatus(host, io.home)).state === 'not-installed') {
    if (values.json) printJson(io, { action, manager: plan.manager, changed: false, file: plan.file.path });
    else io.out(`The service is not installed (no ${plan.file.path}); nothing to do.\n`);
    return 0;
  }
  const outcome = await carryOut(plan, host, action);
  // Said from the manager's own answer, not assumed: a daemon that exits at once shows here as restarting.
  const now = action === 'install' ? await serviceStatus(host, io.home) : undefined;
  if (values.json) {
    printJson(io, { action, manager: plan.manager, changed: true, file: plan.file.path, steps: outcome.done, tolerated: outcome.tolerated, notes: plan.notes, ...(description ? { skippedEnv: description.skippedEnv } : {}), ...(now ? { status: now } : {}) });
    return 0;
  }
  const lines = outcome.done.map((step) => `  done: ${step}`);
  if (now && description) {
    io.out(
      [
        `Installed Delegate's ${MANAGER_NAMES[plan.manager]} for ${description.home}.`,
        `  It runs: ${description.how}, then \`daemon\`.`,
        ...lines,
        `Now: ${now.state}. ${now.detail}${now.action && now.state !== 'running' ? `\n  What to do: ${now.action}` : ''}`,
        '',
        ...notesFor(plan, description.skippedEnv),
        'Check it with `delegate service status` (and `delegate doctor`).',
        '',
      ].join('\n'),
    );
  } else {
    io.out([`Uninstalled Delegate's ${MANAGER_NAMES[plan.manager]}; jobs now run only while the app or \`delegate daemon\` runs.`, ...lines, ...outcome.tolerated.map((line) => `  skipped: ${line}`), ''].join('\n'));
  }
  return 0;
}

function notesFor(plan: ServicePlan, skipped: Array<{ name: string; reason: string }>): string[] {
  return [...skipped.map((variable) => `Not carried into the service: ${variable.name}, because ${variable.reason}.`), ...plan.notes].map((note) => (note.startsWith(' ') ? note : `Note: ${note}`));
}

function printDryRun(io: CliIo, action: 'install' | 'uninstall', plan: ServicePlan, skipped: Array<{ name: string; reason: string }>, json: boolean): number {
  const steps = plan.steps.map(describeStep);
  if (json) {
    printJson(io, { action, dryRun: true, manager: plan.manager, file: plan.file, steps, notes: plan.notes, skippedEnv: skipped, ...(plan.blocker ? { blocker: plan.blocker.toData() } : {}) });
    return 0;
  }
  if (action === 'install') io.out(plan.file.text);
  io.err(
    [
      `delegate service ${action} --dry-run: nothing was changed. ${action === 'install' ? `The ${MANAGER_NAMES[plan.manager]} above would be written to ${plan.file.path}.` : `It would remove ${plan.file.path}.`}`,
      'Steps:',
      ...steps.map((step) => `  ${step}`),
      ...(plan.blocker ? [`It would fail here: ${plan.blocker.message}`, `  What to do: ${plan.blocker.action}`] : []),
      ...notesFor(plan, skipped),
      '',
    ].join('\n'),
  );
  return 0;
}

function printStatus(io: CliIo, status: ServiceStatus, json: boolean): number {
  if (json) {
    printJson(io, status);
    return 0;
  }
  io.out(
    [
      `Service (${MANAGER_NAMES[status.manager]} ${status.name}): ${status.state}`,
      `  ${status.detail}`,
      ...(status.installed ? [`  File: ${status.file}`] : []),
      ...(status.action ? [`  What to do: ${status.action}`] : []),
      ...(status.state === 'not-installed' ? ['  The app or `delegate daemon` runs the jobs; `delegate service install` runs the daemon as a service.'] : []),
      '',
    ].join('\n'),
  );
  return 0;
}
