/**
 * Node's errno errors in words: what happened, on which path, and what to do.
 *
 * A person can cause every one of these (a file where a folder belongs, a full disk, a 300-character name, a
 * program that is not executable), so none of them may read as "Something unexpected went wrong … Try again".
 * One table for the whole core, the runner and the CLI.
 */
import { DelegateError } from './delegate-error.js';
import type { ErrorCode } from '../../../shared/errors.js';

/** Node's system error as thrown by fs, child_process and net. */
export interface OsError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  spawnargs?: string[];
}

const OS_CODE = /^E[A-Z0-9]+$/;

/** True for a Node system error (a string errno code such as ENOENT, and the syscall that met it). */
export function isOsError(error: unknown): error is OsError {
  if (!(error instanceof Error) || error instanceof DelegateError) return false;
  const { code, syscall } = error as Partial<OsError>;
  return typeof code === 'string' && OS_CODE.test(code) && typeof syscall === 'string';
}

/** A long path shortened in the middle, so a 4,000-character name does not bury the message. */
export function showPath(path: string, max = 160): string {
  if (path.length <= max) return path;
  const half = Math.floor((max - 1) / 2);
  return `${path.slice(0, half)}…${path.slice(path.length - half)} (${path.length} characters)`;
}

/** What the failing call was doing, in words, for "Delegate could not … PATH". */
function doing(syscall: string): string {
  switch (syscall.replace(/Sync$/, '')) {
    case 'mkdir':
      return 'create the folder';
    case 'rename':
    case 'copyfile':
      return 'move or copy';
    case 'unlink':
    case 'rmdir':
    case 'rm':
      return 'delete';
    case 'scandir':
    case 'opendir':
      return 'list the folder';
    case 'write':
    case 'fsync':
    case 'ftruncate':
      return 'write';
    case 'read':
      return 'read';
    case 'stat':
    case 'lstat':
    case 'access':
      return 'look at';
    case 'chmod':
      return 'change the permissions of';
    case 'symlink':
    case 'link':
      return 'link';
    default:
      return 'open';
  }
}

/** "create that folder", "delete it": the verb with its object, for "…, so Delegate could not ___." */
function verbIt(verb: string): string {
  return verb === 'create the folder' ? 'create that folder' : `${verb} it`;
}

interface Words {
  code: ErrorCode;
  message: string;
  action: string;
}

/** The words for a failure to start a program (`spawn`'s errors carry the program as `path`). */
function spawnWords(error: OsError, program: string): Words | null {
  switch (error.code) {
    case 'ENOENT':
      return { code: 'script-failed', message: `The program "${program}" was not found (or its working folder does not exist).`, action: 'Give its full path, or make sure its folder is on PATH; check `cwd` if the job sets one.' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'script-failed', message: `The program "${program}" cannot be run: it is not executable, or you may not run it.`, action: `Make it executable (chmod +x "${program}"), or run it through its interpreter (e.g. command: bash, args: [the script]).` };
    case 'ENAMETOOLONG':
    case 'E2BIG':
      return { code: 'script-failed', message: `The command line for "${program}" is too long for the system (its path, arguments or environment).`, action: 'Shorten the arguments or the environment, or pass long values in a file the program reads.' };
    case 'ENOEXEC':
      return { code: 'script-failed', message: `"${program}" is not a program the system can run (no #! line, or built for another system).`, action: 'Add a #! line (e.g. #!/bin/sh) or run it through its interpreter.' };
    case 'EMFILE':
    case 'ENFILE':
    case 'EAGAIN':
    case 'ENOMEM':
      return { code: 'script-failed', message: `The system could not start "${program}" just now (${error.code}: too many open files or processes, or not enough memory).`, action: 'Try again later; if it keeps happening, close other programs or raise the limits (ulimit).' };
    default:
      return null;
  }
}

/** The words for a file system failure on `path`. */
function fileWords(error: OsError, path: string, dest: string | undefined): Words {
  const verb = doing(error.syscall ?? '');
  const code: ErrorCode = 'file-access';
  switch (error.code) {
    case 'EISDIR':
      // For a rename, the folder in the way is the destination.
      return { code, message: `${dest ?? path} is a folder, but a file is needed there.`, action: 'Give the path of a file, including its name, or move the folder out of the way.' };
    case 'ENOTDIR':
      return { code, message: `A part of ${path} is a file, but it must be a folder.`, action: 'Check the path: every part before the last must be a folder. Rename or move the file that is in the way.' };
    case 'EROFS':
      return { code, message: `Delegate could not ${verb} ${path}: it is on a read-only disk or file system.`, action: 'Choose a location on a writable disk, or make that one writable.' };
    case 'EACCES':
    case 'EPERM':
      return { code, message: `Delegate may not ${verb} ${path} (permission denied).`, action: 'Give your user access to it (check its owner and permissions), or choose another location.' };
    case 'EEXIST':
      return { code, message: `${dest ?? path} already exists${verb === 'create the folder' ? ' and is not a folder' : ''}, so Delegate could not ${verbIt(verb)}.`, action: 'Move or rename what is there, or choose another name.' };
    case 'ENOTEMPTY':
      return { code, message: `${dest ?? path} is a folder that is not empty, so Delegate could not ${verbIt(verb)}.`, action: 'Move or empty that folder, or choose another name.' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { code, message: `There is no space left (${error.code === 'EDQUOT' ? 'your disk quota is used up' : 'the disk is full'}) to ${verb} ${path}.`, action: 'Free some space on that disk, then run it again.' };
    case 'EFBIG':
      return { code, message: `${path} would be larger than the file system allows.`, action: 'Save it on a disk whose file system allows larger files (not FAT32).' };
    case 'ENAMETOOLONG':
      return { code, message: `The name or path ${path} is too long for the file system (at most 255 bytes per name, and a limit on the whole path).`, action: 'Use a shorter name or a folder closer to the top of the disk.' };
    case 'EMFILE':
    case 'ENFILE':
      return { code, message: `Too many files are open (${error.code === 'EMFILE' ? 'in Delegate' : 'on the whole system'}) to ${verb} ${path}.`, action: 'Try again in a moment; if it keeps happening, restart Delegate or raise the open-file limit (ulimit -n).' };
    case 'ENOENT':
      return dest !== undefined
        ? { code, message: `Delegate could not ${verb} ${path} to ${dest}: one of them, or the folder it goes in, does not exist.`, action: 'Check both paths and create the missing folder.' }
        : { code, message: `${path} does not exist${verb === 'create the folder' ? ' (nor does a folder above it)' : ''}.`, action: 'Check the path, or create the missing file or folder.' };
    case 'ELOOP':
      return { code, message: `${path} is a loop of symbolic links (or too many links in a row).`, action: 'Fix or remove the symbolic link.' };
    case 'EBUSY':
    case 'ETXTBSY':
      return { code, message: `${path} is in use by another program, so Delegate could not ${verbIt(verb)}.`, action: 'Close the program that uses it (or unmount it), then try again.' };
    case 'EXDEV':
      return { code, message: `Delegate could not move ${path}${dest ? ` to ${dest}` : ''}: they are on different disks.`, action: 'Keep the file and its destination on the same disk, or copy it instead.' };
    case 'EINVAL':
      return { code, message: `Delegate could not ${verb} ${path}: the name or the operation is not valid on this file system.`, action: 'Check the name for characters the file system refuses (such as : * ? " < > |) and try another.' };
    case 'EIO':
      return { code, message: `The disk reported an error while Delegate tried to ${verb} ${path} (EIO).`, action: 'Check the disk (and its cable or network share), then try again.' };
    default:
      return { code, message: `Delegate could not ${verb} ${path} (${error.code}: ${error.message}).`, action: 'Check the file or folder and try again.' };
  }
}

export interface OsErrorWording {
  /** Names the file for people where the path alone would not: "the jobs file", "Delegate's home". */
  what?: string;
  /** The path to name instead of the error's own (a temporary file stands for the file being replaced). */
  path?: string;
}

/** A Node system error as a DelegateError that says what happened, on which path, and what to do. */
export function describeOsError(error: OsError, wording: OsErrorWording = {}): DelegateError {
  const what = wording.what;
  const errorPath = wording.path ?? error.path;
  const syscall = error.syscall ?? '';
  const spawning = syscall.startsWith('spawn');
  // spawn's synchronous failures (E2BIG, ENAMETOOLONG) carry neither the program nor its path.
  const program = spawning ? showPath(error.path ?? (syscall.replace(/^spawn(Sync)?\s*/, '') || (what ?? 'the program'))) : '';
  const words =
    (spawning ? spawnWords(error, program) : null) ??
    (errorPath !== undefined
      ? fileWords(error, `${what ? `${what} ` : ''}${showPath(errorPath)}`, error.dest !== undefined ? showPath(error.dest) : undefined)
      : { code: 'file-access' as const, message: `${what ? `${what}: ` : ''}the system refused ${syscall || 'the operation'} (${error.code}: ${error.message}).`, action: 'Check the files and folders involved and try again.' });
  const message = `${words.message.charAt(0).toUpperCase()}${words.message.slice(1)}`;
  return new DelegateError({ ...words, message, detail: `${error.code} ${syscall}`.trim() }, { cause: error });
}

/** `error` in words when it is a Node system error; anything else comes back as it was. */
export function withOsWords(error: unknown, wording: OsErrorWording = {}): unknown {
  return isOsError(error) ? describeOsError(error, wording) : error;
}
