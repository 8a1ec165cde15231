/**
 * How a script job's command and arguments are spawned, with Windows batch files run safely.
 *
 * Since CVE-2024-27980 Node refuses to spawn `.bat`/`.cmd` without a shell (EINVAL), because cmd.exe, not the C
 * runtime, parses their command line: `&`, `|`, `%VAR%` and quotes in an argument would run commands
 * ("BatBadBut"). So they run as `cmd.exe /d /s /c "<line>"` (no AutoRun, the outer quotes stripped as one pair,
 * the line verbatim) with every part quoted the way cmd.exe reads it, after the rules Rust's standard library
 * adopted for the same advisory:
 * - a part with anything but letters, digits and `#$*+-./:?@\_` is wrapped in double quotes (inside quotes
 *   cmd.exe treats `&|<>()^!` as text);
 * - a `"` is doubled (cmd.exe's quote state flips twice, so the rest stays quoted), backslashes before it doubled;
 * - `%` becomes `%%cd:~,%` — an empty substring of %cd% right after it — so `%PATH%` is never expanded;
 * - a trailing backslash forces quotes and is doubled, so it cannot escape the closing quote;
 * - CR, LF and NUL are refused: cmd.exe ends the command at a line break and drops the rest.
 * Other programs are spawned directly, with Node's own quoting.
 */
import { DelegateError } from '../../errors/delegate-error.js';

export interface SpawnPlan {
  command: string;
  args: string[];
  /** True only for the cmd.exe line, which is already quoted. */
  windowsVerbatimArguments: boolean;
}

/** What to spawn for `command` with `args` on `platform`. `comSpec` is cmd.exe's path (`%ComSpec%`). */
export function spawnPlan(command: string, args: readonly string[], platform: NodeJS.Platform, comSpec = 'cmd.exe'): SpawnPlan {
  if (platform !== 'win32' || !isBatchFile(command)) return { command, args: [...args], windowsVerbatimArguments: false };
  const line = [command, ...args].map((part, index) => quoteForCmd(part, index === 0 ? 'the batch file' : `argument ${index}`)).join(' ');
  return { command: comSpec, args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true };
}

/** `.bat` or `.cmd`, in any case, with Windows ignoring trailing dots and spaces in file names. */
export function isBatchFile(command: string): boolean {
  return /\.(bat|cmd)[. ]*$/i.test(command);
}

const SAFE_UNQUOTED = /^[A-Za-z0-9#$*+\-./:?@\\_]+$/;

/** One part of a cmd.exe command line, quoted and escaped as described above. */
export function quoteForCmd(part: string, what = 'an argument'): string {
  if (/[\r\n\0]/.test(part)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `${what} of the script job contains a line break or NUL character, which a .bat/.cmd file cannot receive: cmd.exe would cut the command there.`,
      action: 'Remove the line break from the arguments in jobs.yaml, or pass the text in an environment variable (env:) instead.',
    });
  }
  const quote = part === '' || part.endsWith('\\') || !SAFE_UNQUOTED.test(part);
  let out = quote ? '"' : '';
  let backslashes = 0;
  for (const char of part) {
    if (char === '\\') {
      backslashes++;
      out += char;
      continue;
    }
    if (char === '"') out += `${'\\'.repeat(backslashes)}"`; // 2n backslashes, then the doubled quote
    else if (char === '%') out += '%%cd:~,';
    backslashes = 0;
    out += char;
  }
  if (quote) out += `${'\\'.repeat(backslashes)}"`;
  return out;
}
