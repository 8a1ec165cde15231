/**
 * SHA-256 of the files the running Delegate consists of, so a reviewer can match the pack to a release.
 *
 * A file is hashed whole (`sha256sum FILE`). A code-split bundle (the CLI is an entry plus chunks loaded on
 * demand) is hashed as one digest over its `.js` files, computed exactly as
 * `cd FOLDER && sha256sum $(ls *.js | LC_ALL=C sort) | sha256sum` would, so it can be checked with stock tools.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BinaryFact, RunningFile } from './evidence-facts.js';

export async function hashRunningFiles(files: readonly RunningFile[], platform: NodeJS.Platform = process.platform): Promise<BinaryFact[]> {
  const facts: BinaryFact[] = [];
  for (const file of files) facts.push(await hashRunningFile(file, platform));
  return facts;
}

async function hashRunningFile(file: RunningFile, platform: NodeJS.Platform): Promise<BinaryFact> {
  try {
    if (file.kind === 'file') {
      return { label: file.label, path: file.path, sha256: await sha256OfFile(file.path), bytes: statSync(file.path).size, howToCheck: checkFileCommand(file.path, platform) };
    }
    const tool = platform === 'darwin' ? 'shasum -a 256' : 'sha256sum';
    const names = readdirSync(file.path).filter((name) => name.endsWith('.js')).sort(byteOrder);
    let listing = '';
    let bytes = 0;
    for (const name of names) {
      const path = join(file.path, name);
      listing += `${await sha256OfFile(path)}  ${name}\n`;
      bytes += statSync(path).size;
    }
    return {
      label: `${file.label} (${names.length} .js files)`,
      path: file.path,
      sha256: createHash('sha256').update(listing).digest('hex'),
      bytes,
      howToCheck: `cd ${quoted(file.path)} && ${tool} $(ls *.js | LC_ALL=C sort) | ${tool}${platform === 'win32' ? ' (in a POSIX shell such as Git Bash)' : ''}`,
    };
  } catch (error) {
    return { label: file.label, path: file.path, sha256: null, bytes: null, howToCheck: '', error: error instanceof Error ? error.message : String(error) };
  }
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The stock tool of each OS: sha256sum (Linux), shasum (macOS), Get-FileHash (Windows PowerShell). */
function checkFileCommand(path: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `Get-FileHash -Algorithm SHA256 -LiteralPath '${path.replace(/'/g, "''")}'`;
  return `${platform === 'darwin' ? 'shasum -a 256' : 'sha256sum'} ${quoted(path)}`;
}

/** A path as a POSIX shell reads it: bare when safe, else in single quotes. */
function quoted(path: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** `LC_ALL=C sort`: by UTF-16 code unit, which for these ASCII names is byte order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
