/**
 * A fresh Delegate home per test, removed afterwards.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'delegate-home-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** Every file under a folder with its contents, to look for leaked token material. */
export function readAllFiles(dir: string): Array<{ path: string; contents: string }> {
  const files: Array<{ path: string; contents: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...readAllFiles(path));
    else files.push({ path, contents: readFileSync(path, 'utf8') });
  }
  return files;
}
