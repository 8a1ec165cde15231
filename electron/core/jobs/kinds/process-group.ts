/**
 * The live processes of a process group (POSIX): what a script left running after its main process exited.
 *
 * Linux reads /proc (no child process, no parsing of a column layout); other POSIX systems ask `ps`.
 * Zombies are left out: they are already dead and only wait for their new parent to reap them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function processesInGroup(groupId: number): number[] {
  if (process.platform === 'win32') return [];
  return process.platform === 'linux' ? fromProc(groupId) : fromPs(groupId);
}

function fromProc(groupId: number): number[] {
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return fromPs(groupId);
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === groupId) members.push(Number(entry));
  }
  return members;
}

function fromPs(groupId: number): number[] {
  const listing = spawnSync('ps', ['-A', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  if (listing.status !== 0) return [];
  return listing.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, stat]) => Number(pgid) === groupId && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}
