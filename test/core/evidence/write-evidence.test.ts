import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeEvidenceFile } from '../../../electron/core/evidence/write-evidence.js';
import { makeHome } from '../../support/test-home.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ home: dir, cleanup } = makeHome()));
afterEach(() => cleanup());

describe('writing the evidence pack', () => {
  it('writes a new file readable by its owner only, and leaves no temporary file behind', () => {
    const path = join(dir, 'pack.html');
    writeEvidenceFile(path, '<p>pack</p>', { force: false });
    expect(readFileSync(path, 'utf8')).toBe('<p>pack</p>');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['pack.html']);
  });

  it('never replaces an existing file without force, and says what to do', () => {
    const path = join(dir, 'pack.html');
    writeFileSync(path, 'kept');
    expect(() => writeEvidenceFile(path, 'new', { force: false })).toThrow(/already exists; Delegate did not overwrite it/);
    expect(readFileSync(path, 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['pack.html']);
    writeEvidenceFile(path, 'new', { force: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['pack.html']);
  });

  it('names the missing folder when the path leads nowhere', () => {
    const path = join(dir, 'no', 'such', 'pack.html');
    expect(() => writeEvidenceFile(path, 'x', { force: false })).toThrow(`The folder ${join(dir, 'no', 'such')} does not exist, so the evidence pack was not written.`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
