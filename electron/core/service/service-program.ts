/**
 * What a service manager should start to run `delegate daemon` for this installation, chosen so that it still
 * works after an upgrade.
 *
 * - The installed app's launcher (`DELEGATE_LAUNCHER`, exported by the `delegate` command the app puts on PATH):
 *   its path stays when the app is upgraded in place, and it runs the app's own signed binary.
 * - Otherwise Node plus the absolute path of `bin/delegate.cjs` as this process was started with it (an `npm link`
 *   or global install's symlink is kept as such: the link survives a reinstall, its target may not). For Node the
 *   path on PATH that leads to the same binary is preferred over the binary's real path: `/usr/bin/node` or
 *   Homebrew's `/opt/homebrew/bin/node` survive a Node upgrade, `/opt/homebrew/Cellar/node/22.12.0/bin/node` does not.
 */
import { CLI_MARKER } from '../launcher/cli-launch.js';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';

export interface ProgramFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** process.execPath. */
  execPath: string;
  /** process.argv[1]: the launcher script this CLI was started through. */
  scriptPath: string | undefined;
  /** True inside Electron, where execPath is the app, not Node. */
  electron: boolean;
  /**
   * Inside the app: the command line that runs this same CLI again through the app's own binary
   * (launcher/cli-launch.ts `cliCommand`: the binary, the marker and `--`; the AppImage file, not its mount).
   */
  appCommand?: readonly string[];
  exists?: (path: string) => boolean;
  realpath?: (path: string) => string;
}

export interface ServiceProgram {
  program: string;
  /** Arguments before `daemon`. */
  args: string[];
  /** In words, for the install output. */
  how: string;
}

export function resolveServiceProgram(facts: ProgramFacts): ServiceProgram {
  const exists = facts.exists ?? existsSync;
  const launcher = facts.env.DELEGATE_LAUNCHER?.trim();
  if (launcher) {
    if (!isAbsolute(launcher) || !exists(launcher)) {
      throw programError(`DELEGATE_LAUNCHER is "${launcher}", which is not an absolute path to an existing file.`, 'Run `delegate service install` through the `delegate` command the app installed, or unset DELEGATE_LAUNCHER.');
    }
    return { program: launcher, args: [], how: `the installed app's \`delegate\` launcher ${launcher}` };
  }
  if (facts.electron && facts.appCommand && facts.appCommand.includes(CLI_MARKER) && isAbsolute(facts.appCommand[0] ?? '') && exists(facts.appCommand[0] ?? '')) {
    // The app's own binary: no Node needed, and on macOS the same signed binary that wrote the Keychain item.
    const [program = '', ...args] = facts.appCommand;
    return { program, args, how: `the Delegate app ${program} running its command line` };
  }
  if (facts.electron) {
    throw programError('This Delegate runs inside the desktop app without its `delegate` launcher, so it cannot tell what a service should start.', 'Run `delegate service install` from a terminal, through the `delegate` command on your PATH.');
  }
  const script = facts.scriptPath;
  if (!script || !isAbsolute(script) || !exists(script)) {
    throw programError(`Cannot find the script this CLI was started through (${script ?? 'none'}).`, 'Run `delegate service install` through bin/delegate.cjs or the `delegate` command on your PATH.');
  }
  const node = stableNodePath(facts);
  return { program: node, args: [script], how: `Node ${node} running ${script}` };
}

/** The first `node` on PATH that is this very binary, else the binary's own path. */
export function stableNodePath(facts: Pick<ProgramFacts, 'platform' | 'env' | 'execPath' | 'exists' | 'realpath'>): string {
  const exists = facts.exists ?? existsSync;
  const realpath = facts.realpath ?? realpathSync;
  const sameFile = (a: string, b: string) => {
    try {
      return realpath(a) === realpath(b);
    } catch {
      return false;
    }
  };
  const name = facts.platform === 'win32' ? 'node.exe' : 'node';
  const pathList = (facts.platform === 'win32' ? (facts.env.Path ?? facts.env.PATH) : facts.env.PATH) ?? '';
  const separator = facts.platform === 'win32' ? ';' : facts.platform === process.platform ? delimiter : ':';
  for (const dir of pathList.split(separator)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = facts.platform === 'win32' ? `${dir.replace(/[\\/]+$/, '')}\\${name}` : join(dir, name);
    if (exists(candidate) && sameFile(candidate, facts.execPath)) return candidate;
  }
  return facts.execPath;
}

function programError(message: string, action: string): DelegateError {
  return new DelegateError({ code: 'service-manager', message: `service: ${message}`, action });
}
