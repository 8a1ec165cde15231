/**
 * The real machine as `delegate service` and doctor see it: this process's platform, person, Node and launcher.
 */
import { cliCommand } from '../launcher/cli-launch.js';
import { homedir, userInfo } from 'node:os';
import { describeService, type ServiceDescription } from './service-description.js';
import { diskFiles, type ServiceHost } from './service-host.js';
import { resolveServiceProgram } from './service-program.js';
import { systemRunner, type CommandRunner } from './service-runner.js';

export function localServiceHost(runner: CommandRunner = systemRunner(), env: NodeJS.ProcessEnv = process.env): ServiceHost {
  return { platform: process.platform, env, userHome: homedir(), uid: process.getuid?.() ?? -1, username: currentUsername(env), runner, files: diskFiles };
}

export function localServiceDescription(home: string, env: NodeJS.ProcessEnv = process.env): ServiceDescription {
  const program = resolveServiceProgram({ platform: process.platform, env, execPath: process.execPath, scriptPath: process.argv[1], electron: Boolean(process.versions.electron), appCommand: process.versions.electron ? cliCommand(process.argv, process.execPath, env) : undefined });
  return describeService({ home, env, userHome: homedir(), program });
}

function currentUsername(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the shell's idea of the name is the best there is.
    return env.USER ?? env.USERNAME ?? env.LOGNAME ?? 'user';
  }
}
