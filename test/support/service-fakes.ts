/**
 * Stand-ins for `delegate service`'s machine: a runner that records each command and answers from a script,
 * and files kept in memory, so the macOS and Windows branches run on Linux without touching anything real.
 */
import type { CommandResult, CommandRunner } from '../../electron/core/service/service-runner.js';
import type { ServiceFiles, ServiceHost } from '../../electron/core/service/service-host.js';

export type Answer = Partial<CommandResult> | ((args: string[]) => Partial<CommandResult>);

export interface RecordingRunner {
  runner: CommandRunner;
  calls: string[][];
  /** Sets the answer for commands whose `command args…` starts with `prefix`; the longest prefix wins. */
  answer(prefix: string, answer: Answer): void;
}

export function recordingRunner(): RecordingRunner {
  const answers = new Map<string, Answer>();
  const calls: string[][] = [];
  const runner: CommandRunner = async (command, args) => {
    calls.push([command, ...args]);
    const line = [command, ...args].join(' ');
    const match = [...answers.keys()].filter((prefix) => line.startsWith(prefix)).sort((a, b) => b.length - a.length)[0];
    const found = match === undefined ? {} : answers.get(match);
    const result = typeof found === 'function' ? found(args) : (found ?? {});
    return { code: 0, stdout: '', stderr: '', ...result };
  };
  return { runner, calls, answer: (prefix, answer) => answers.set(prefix, answer) };
}

export interface MemoryFiles extends ServiceFiles {
  contents: Map<string, { content: Buffer; mode: number }>;
  dirs: Map<string, number>;
}

export function memoryFiles(): MemoryFiles {
  const contents = new Map<string, { content: Buffer; mode: number }>();
  const dirs = new Map<string, number>();
  return {
    contents,
    dirs,
    exists: (path) => contents.has(path) || dirs.has(path),
    read: (path) => contents.get(path)?.content,
    mkdir: (path, mode) => void dirs.set(path, mode),
    write: (path, content, mode) => void contents.set(path, { content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), mode }),
    remove: (path) => void contents.delete(path),
  };
}

export function fakeHost(platform: NodeJS.Platform, overrides: Partial<ServiceHost> = {}): ServiceHost & { recorder: RecordingRunner; memory: MemoryFiles } {
  const recorder = recordingRunner();
  const memory = memoryFiles();
  const userHome = platform === 'win32' ? 'C:\\Users\\Ann Lee' : platform === 'darwin' ? '/Users/ann lee' : '/home/ann lee';
  return { platform, env: {}, userHome, uid: 501, username: 'ann', runner: recorder.runner, files: memory, recorder, memory, ...overrides };
}
