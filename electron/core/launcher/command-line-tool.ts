/**
 * "Install command line tool": puts `delegate` on PATH where no installer does (macOS, the Linux AppImage).
 *
 * - macOS: /usr/local/bin/delegate becomes a link to Delegate.app/Contents/Resources/bin/delegate (build/bin),
 *   which runs the app's own signed binary, so the Keychain item the app wrote is read without a prompt. The
 *   folder usually needs administrator rights: then the error gives the one Terminal command that does it.
 * - AppImage: the binary lives in a mount that changes at every start, so ~/.local/bin/delegate is a small
 *   script that runs the AppImage file with the CLI marker.
 * - deb and Windows: their installers already do it (build/linux/after-install.sh, build/installer.nsh); a
 *   checkout has bin/delegate.cjs. No action there.
 *
 * Never overwrites a `delegate` that is not Delegate's own (say an npm-installed CLI): it says so instead.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { isOsError } from '../errors/os-error.js';
import { CLI_MARKER, END_OF_SWITCHES } from './cli-launch.js';

export const MAC_LINK = '/usr/local/bin/delegate';
/** The first lines of the AppImage script: how a later install knows the file is Delegate's to replace. */
export const SCRIPT_HEADER = "#!/bin/sh\n# delegate: written by Delegate's \"Install command line tool\"";

export type CommandLineToolPlan =
  | { kind: 'link'; path: string; target: string }
  | { kind: 'script'; path: string; text: string };

export interface CommandLineToolContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** Electron's process.resourcesPath (Delegate.app/Contents/Resources on macOS). */
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

export interface CommandLineToolResult {
  path: string;
  /** Whether the folder is on PATH of the app's environment (a login shell may differ). */
  onPath: boolean;
  message: string;
}

/** What the action would do here, or null where it has nothing to do (deb, Windows, a checkout). */
export function commandLineToolPlan(context: CommandLineToolContext): CommandLineToolPlan | null {
  if (!context.isPackaged) return null;
  if (context.platform === 'darwin') return { kind: 'link', path: MAC_LINK, target: join(context.resourcesPath, 'bin', 'delegate') };
  const appImage = context.env.APPIMAGE?.trim();
  if (context.platform === 'linux' && appImage) {
    return {
      kind: 'script',
      path: join(context.homeDir, '.local', 'bin', 'delegate'),
      text: `${SCRIPT_HEADER} for the AppImage below.\n# If the AppImage moves, choose that action again in the tray.\nexec ${shellQuote(appImage)} ${CLI_MARKER} ${END_OF_SWITCHES} "$@"\n`,
    };
  }
  return null;
}

export function installCommandLineTool(plan: CommandLineToolPlan, env: NodeJS.ProcessEnv): CommandLineToolResult {
  const folder = dirname(plan.path);
  try {
    refuseForeign(plan);
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    if (plan.kind === 'link') {
      // Beside the final name, then renamed over it: a half-made link never stands in for `delegate`.
      const temporary = `${plan.path}.delegate-new`;
      rmIfThere(temporary);
      symlinkSync(plan.target, temporary);
      renameSync(temporary, plan.path);
    } else {
      const temporary = `${plan.path}.delegate-new`;
      // A leftover (or planted) link at that name would be written through: removed, then created exclusively.
      rmIfThere(temporary);
      writeFileSync(temporary, plan.text, { mode: 0o755, flag: 'wx' });
      chmodSync(temporary, 0o755);
      renameSync(temporary, plan.path);
    }
  } catch (error) {
    throw explain(error, plan);
  }
  const onPath = (env.PATH ?? '').split(':').includes(folder);
  const message = onPath
    ? `The delegate command is installed: ${plan.path}. Open a new terminal and run \`delegate status\`.`
    : `The delegate command is installed: ${plan.path}. ${folder} is not on your PATH yet: add \`export PATH="${folder}:$PATH"\` to your shell's profile, then open a new terminal.`;
  return { path: plan.path, onPath, message };
}

/** A `delegate` already there is replaced only when it is Delegate's own (a launcher link, or our script). */
function refuseForeign(plan: CommandLineToolPlan): void {
  let isLink: boolean;
  try {
    isLink = lstatSync(plan.path).isSymbolicLink();
  } catch (error) {
    if (isOsError(error) && error.code === 'ENOENT') return;
    throw error;
  }
  if (plan.kind === 'link' && isLink) {
    const current = readlinkSync(plan.path);
    if (current === plan.target || current.endsWith('.app/Contents/Resources/bin/delegate')) return;
    throw foreign(plan.path, `it links to ${current}`);
  }
  if (plan.kind === 'script' && !isLink) {
    let text = '';
    try {
      text = readFileSync(plan.path, 'utf8');
    } catch {
      // Unreadable: not ours to replace.
    }
    if (text.startsWith(SCRIPT_HEADER)) return;
  }
  throw foreign(plan.path, isLink ? `it links to ${readlinkSync(plan.path)}` : 'it is a file Delegate did not write');
}

function foreign(path: string, what: string): DelegateError {
  return new DelegateError({
    code: 'file-access',
    message: `There is already a delegate command at ${path} that is not the Delegate app's (${what}); it was left as it is.`,
    action: `Remove or rename ${path} if you no longer need it, then choose "Install command line tool" again.`,
  });
}

function explain(error: unknown, plan: CommandLineToolPlan): unknown {
  if (error instanceof DelegateError || !isOsError(error)) return error;
  const folder = dirname(plan.path);
  if (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS') {
    if (plan.kind === 'script') {
      return new DelegateError({ code: 'file-access', message: `Delegate could not create ${plan.path}: ${folder} is not writable.`, action: `Make ${folder} yours (or writable), then choose "Install command line tool" again.` });
    }
    // The command alone goes in `detail` too, for the dialog's "Copy command" button.
    const command = `sudo mkdir -p ${shellQuote(folder)} && sudo ln -sf ${shellQuote(plan.target)} ${shellQuote(plan.path)}`;
    return new DelegateError({ code: 'file-access', message: `Delegate could not create ${plan.path}: ${folder} needs administrator rights.`, action: `In Terminal, run: ${command}`, detail: command });
  }
  return new DelegateError({
    code: 'file-access',
    message: `Delegate could not create ${plan.path}: ${error.message}`,
    action: 'Check that the folder exists and is writable, then choose "Install command line tool" again.',
  });
}

function rmIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isOsError(error) || error.code !== 'ENOENT') throw error;
  }
}

/** POSIX single quotes: the text is taken literally by sh, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
