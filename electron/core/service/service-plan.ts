/**
 * What `delegate service install|uninstall` will do, as a list of steps: printed by `--dry-run`, carried out
 * otherwise, in order, stopping at the first step that fails with what it said and what to do.
 */
import { DelegateError } from '../errors/delegate-error.js';
import { commandLine } from './service-runner.js';
import type { ServiceHost } from './service-host.js';

export type ServiceManagerName = 'systemd' | 'launchd' | 'task-scheduler';

export type PlanStep =
  | { kind: 'mkdir'; path: string; mode: number }
  | { kind: 'write'; path: string; content: string | Buffer; mode: number }
  | { kind: 'remove'; path: string }
  /** `tolerate`: a failure that only means "nothing to undo" (stopping a service that is not loaded). */
  | { kind: 'run'; command: string; args: string[]; tolerate?: boolean };

export interface ServicePlan {
  manager: ServiceManagerName;
  /** The service definition file, and its text as --dry-run prints it. */
  file: { path: string; text: string };
  steps: PlanStep[];
  /** Things the person should know (linger, the keyring, variables not carried). */
  notes: string[];
  /** Set when a read-only check found that the plan cannot work here: install refuses, --dry-run says it. */
  blocker?: DelegateError;
}

export interface PlanOutcome {
  /** One line per step done, for the output. */
  done: string[];
  /** Tolerated failures, in words. */
  tolerated: string[];
}

export function describeStep(step: PlanStep): string {
  switch (step.kind) {
    case 'mkdir':
      return `create folder ${step.path}`;
    case 'write':
      return `write ${step.path}`;
    case 'remove':
      return `remove ${step.path}`;
    case 'run':
      return commandLine(step.command, step.args);
  }
}

export async function carryOut(plan: ServicePlan, host: ServiceHost, what: string): Promise<PlanOutcome> {
  if (plan.blocker) throw plan.blocker;
  const outcome: PlanOutcome = { done: [], tolerated: [] };
  for (const [index, step] of plan.steps.entries()) {
    if (step.kind === 'mkdir') host.files.mkdir(step.path, step.mode);
    else if (step.kind === 'write') host.files.write(step.path, step.content, step.mode);
    else if (step.kind === 'remove') host.files.remove(step.path);
    else {
      const result = await host.runner(step.command, step.args);
      if (result.code !== 0) {
        const said = firstLines(`${result.stderr}\n${result.stdout}`);
        if (step.tolerate) {
          outcome.tolerated.push(`${describeStep(step)}: ${said || `exit ${result.code}`} (nothing to undo)`);
          continue;
        }
        const before = outcome.done.length > 0 ? ` Done before it: ${outcome.done.join('; ')}.` : '';
        const left = plan.steps.slice(index + 1).map(describeStep);
        throw new DelegateError({
          code: 'service-manager',
          message: `service ${what}: \`${describeStep(step)}\` failed (exit ${result.code}${said ? `: ${said}` : ''}).${before}`,
          action: `Fix what it said and run \`delegate service ${what}\` again${left.length > 0 ? `; not done yet: ${left.join('; ')}` : ''}. \`delegate service ${what} --dry-run\` shows every step.`,
          detail: said,
        });
      }
    }
    outcome.done.push(describeStep(step));
  }
  return outcome;
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' / ')
    .slice(0, 400);
}
