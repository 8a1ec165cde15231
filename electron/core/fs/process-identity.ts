/**
 * Process identity: tells a live process apart from a later one that got the same PID.
 *
 * A PID alone is not proof: after a power cut the PID written in a lock file is soon reused by an unrelated
 * process (often a low one such as 1), and `kill(pid, 0)` then says "alive" forever. So a lock records the
 * holder's start time as well, and a holder is only believed while both still match.
 *
 * Linux: the start time is field 22 of /proc/<pid>/stat (clock ticks since boot), paired with the boot id so a
 * reboot cannot make an old value match again. macOS and Windows have no /proc; reading another process's start
 * time there needs `ps`/WMI (a process spawn on every check, and lock waits check every few milliseconds), so there
 * the identity is unknown and file-lock.ts falls back to an age heuristic instead: a long-held lock (the
 * scheduler's) is touched every minute by its holder and is stale after five missed beats; short locks (the token
 * cache) go stale after 30 s anyway; PID 1 (init, launchd) is never a holder.
 */
import { readFileSync } from 'node:fs';

let ownIdentity: string | null | undefined;

/** `<boot id>:<start ticks>` of a process, or null where that cannot be read (not Linux, gone, no access). */
export function processIdentity(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may itself contain spaces or parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = fields[22 - 3];
    if (!startTicks || !/^\d+$/.test(startTicks)) return null;
    return `${bootId()}:${startTicks}`;
  } catch {
    return null;
  }
}

/** This process's identity, computed once. */
export function currentProcessIdentity(): string | null {
  if (ownIdentity === undefined) ownIdentity = processIdentity(process.pid);
  return ownIdentity;
}

/**
 * The command line of a process where it can be read without spawning anything (Linux), else null.
 * Arguments are joined with spaces.
 */
export function processCommandLine(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

/** True for a command line that could be Delegate: the app (Electron), the CLI, or a test running the core (Node). */
export function looksLikeDelegate(commandLine: string): boolean {
  return /delegate|electron|node|tsx|vitest/i.test(commandLine);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has ended and only waits for its parent to collect it: kill(0) still succeeds, but it holds nothing.
    return !isZombie(pid);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the process has exited and waits to be reaped (state Z or X in /proc/<pid>/stat). */
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'boot';
  }
}
