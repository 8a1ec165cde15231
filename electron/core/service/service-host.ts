/**
 * Everything `delegate service` needs from the machine, injected: the platform, the person, the command runner and
 * the files. The CLI passes the real ones; tests pass a recording runner and in-memory files to drive the macOS
 * and Windows branches on Linux.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import type { CommandRunner } from './service-runner.js';

export interface ServiceFiles {
  exists(path: string): boolean;
  /** The file's bytes, or undefined when there is none. */
  read(path: string): Buffer | undefined;
  mkdir(path: string, mode: number): void;
  write(path: string, content: string | Buffer, mode: number): void;
  remove(path: string): void;
}

export interface ServiceHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The person's home folder. */
  userHome: string;
  /** Numeric user id (launchd's `gui/<uid>` domain). */
  uid: number;
  /** Login name (loginctl, the Windows task's principal). */
  username: string;
  runner: CommandRunner;
  files: ServiceFiles;
}

export const diskFiles: ServiceFiles = {
  exists: (path) => existsSync(path),
  read: (path) => {
    try {
      return readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  mkdir: (path, mode) => {
    mkdirSync(path, { recursive: true, mode });
  },
  write: (path, content, mode) => {
    writeFileSync(path, content, { mode });
    // writeFileSync's mode applies only to a new file; an older one keeps its mode otherwise.
    chmodSync(path, mode);
  },
  remove: (path) => rmSync(path, { force: true }),
};
