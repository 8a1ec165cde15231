import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidenceTarget, writeEvidenceFile } from '../../../electron/core/evidence/write-evidence.js';
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

  it('puts the pack inside a folder given as --out, under its usual name, instead of offering to replace the folder', () => {
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    const path = evidenceTarget(reports, 'delegate-evidence-work-2026-12-03.html', join(dir, 'home'));
    expect(path).toBe(join(reports, 'delegate-evidence-work-2026-12-03.html'));
    writeEvidenceFile(path, 'pack', { force: false });
    expect(readdirSync(reports)).toEqual(['delegate-evidence-work-2026-12-03.html']);
    // A link to a folder is a folder to the person too.
    symlinkSync(reports, join(dir, 'latest'));
    expect(evidenceTarget(join(dir, 'latest'), 'x.html', join(dir, 'home'))).toBe(join(dir, 'latest', 'x.html'));
  });

  it("refuses, even with --force, to replace Delegate's own files (settings, jobs, history) with a pack", () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.json'), '{"profiles":{}}');
    writeFileSync(join(home, 'jobs.yaml'), 'jobs: []\n');
    for (const name of ['config.json', 'jobs.yaml']) {
      expect(() => evidenceTarget(join(home, name), 'x.html', home)).toThrow(/is one of Delegate's own files/);
      expect(() => evidenceTarget(join(dir, 'home', '.', name), 'x.html', home)).toThrow(/is one of Delegate's own files/);
    }
    expect(readFileSync(join(home, 'jobs.yaml'), 'utf8')).toBe('jobs: []\n');
    // The home itself is a folder: the pack goes in it under its own name, next to nothing it replaces.
    expect(evidenceTarget(home, 'delegate-evidence-all-2026-12-03.html', home)).toBe(join(home, 'delegate-evidence-all-2026-12-03.html'));
  });
});
