/**
 * Edits Delegate refuses, each with a message that says what and what to do, and the file left byte-identical:
 * a stale version, a broken file, an unknown or shared id, a taken id, an invalid job, anchors and aliases.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { deleteJob } from '../../../electron/core/job-editing/delete-job.js';
import { editJobsFile, type JobsTextEdit } from '../../../electron/core/job-editing/edit-jobs-file.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { setJobEnabled } from '../../../electron/core/job-editing/set-job-enabled.js';
import { jobsFileVersion } from '../../../electron/core/jobs/jobs-file.js';
import { makeHome } from '../../support/test-home.js';
import { HAND_WRITTEN, NEW_JOB, reportJob } from './fixture.js';

let home: string;
let cleanup: () => void;
let path: string;
beforeEach(() => {
  ({ home, cleanup } = makeHome());
  path = join(home, 'jobs.yaml');
});
afterEach(() => cleanup());

/** Runs an edit of `text` on disk with the version of `text`, expecting a refusal; the file must not change. */
function refused(text: string, edit: JobsTextEdit, version: string | null = jobsFileVersion(text)): { code: string; message: string; action: string } {
  writeFileSync(path, text);
  let caught: unknown;
  try {
    editJobsFile(path, version, edit);
  } catch (error) {
    caught = error;
  }
  expect(readFileSync(path, 'utf8')).toBe(text);
  expect(caught).toMatchObject({ code: expect.any(String), message: expect.any(String), action: expect.any(String) });
  return caught as { code: string; message: string; action: string };
}

describe('the file changed since the window read it', () => {
  it('an edit with the version of an older text is refused as file-changed and writes nothing', () => {
    const older = jobsFileVersion(HAND_WRITTEN.replace('Morning report', 'Old name'));
    for (const edit of [(text?: string) => appendJob(text, NEW_JOB), (text?: string) => deleteJob(text ?? '', 'ping'), (text?: string) => setJobEnabled(text ?? '', 'report', false), (text?: string) => replaceJob(text ?? '', 'report', reportJob())]) {
      const error = refused(HAND_WRITTEN, edit, older);
      expect(error.code).toBe('file-changed');
      expect(error.message).toMatch(/^jobs\.yaml changed on disk since the window read it, so Delegate did not save/);
      expect(error.action).toBe('Reload the Jobs view, then make your change again.');
    }
  });

  it('a new job saved as if there were no file is refused when a file has appeared since', () => {
    expect(refused(HAND_WRITTEN, (text) => appendJob(text, NEW_JOB), null).code).toBe('file-changed');
  });

  it('an edit of a file that was removed since is refused, and no file is created', () => {
    let caught: unknown;
    try {
      editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => appendJob(text, NEW_JOB));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'file-changed', message: expect.stringMatching(/removed/) });
    expect(() => statSync(path)).toThrow();
  });

  it('with the right version the edit is written and the new version returned', () => {
    writeFileSync(path, HAND_WRITTEN);
    const result = editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => deleteJob(text ?? '', 'ping'));
    const written = readFileSync(path, 'utf8');
    expect(written).not.toContain('id: ping');
    expect(result).toEqual({ written: true, version: jobsFileVersion(written) });
  });

  it('a new file is created private (0600) with the job', () => {
    const result = editJobsFile(path, null, (text) => appendJob(text, NEW_JOB));
    expect(result.written).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^jobs:\n {2}- id: weekly\n/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('an edit that changes nothing writes nothing (the file keeps its time and inode)', () => {
    writeFileSync(path, HAND_WRITTEN);
    const before = statSync(path);
    expect(editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => setJobEnabled(text ?? '', 'backup', true)).written).toBe(false);
    expect(statSync(path).ino).toBe(before.ino);
  });
});

describe('where the file lives', () => {
  it('a jobs.yaml linked from a dotfiles folder is edited at its target and stays a link', () => {
    const dotfiles = join(home, 'dotfiles');
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, 'jobs.yaml'), HAND_WRITTEN);
    symlinkSync(join(dotfiles, 'jobs.yaml'), path);
    editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => setJobEnabled(text ?? '', 'backup', false));
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, 'jobs.yaml'), 'utf8')).toBe(HAND_WRITTEN.replace('enabled: true', 'enabled: false'));
  });

  it('a file the person made group-readable keeps its permissions', () => {
    writeFileSync(path, HAND_WRITTEN);
    chmodSync(path, 0o640);
    editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => deleteJob(text ?? '', 'ping'));
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});

describe('files Delegate will not edit', () => {
  it('a file that is not valid YAML: fix it by hand first', () => {
    const error = refused('jobs:\n  - id: [broken\n', (text) => appendJob(text, NEW_JOB));
    expect(error).toMatchObject({ code: 'invalid-config', message: expect.stringMatching(/^jobs\.yaml is not valid YAML \(line \d+: .+\), so Delegate did not change it\.$/), action: expect.stringMatching(/^Fix jobs\.yaml by hand first/) });
  });

  it('a file with another top-level field, a list at the top, or jobs that are not a list', () => {
    for (const text of ['jobs: []\nsettings: {}\n', '- id: a\n', 'jobs: nope\n', 'jobs:\n  id: a\n']) {
      expect(refused(text, (current) => appendJob(current, NEW_JOB))).toMatchObject({ code: 'invalid-config', message: expect.stringMatching(/not a jobs file Delegate can edit/) });
    }
  });

  it('a file with the same key twice in a job is not valid for editing', () => {
    expect(refused('jobs:\n  - id: a\n    id: b\n', (text) => appendJob(text, NEW_JOB)).code).toBe('invalid-config');
  });

  it('jobs written as one flow list are not rewritten', () => {
    const text = 'jobs: [{id: a, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}]\n';
    expect(refused(text, (current) => appendJob(current, NEW_JOB)).message).toMatch(/one flow list/);
  });
});

describe('jobs Delegate will not change', () => {
  it('a job id that is not in the file names the job, and says which edit did not happen', () => {
    const edits: Array<[JobsTextEdit, string]> = [
      [(text) => deleteJob(text ?? '', 'nope'), 'did not delete the job'],
      [(text) => setJobEnabled(text ?? '', 'nope', false), 'did not change it'],
      [(text) => replaceJob(text ?? '', 'nope', { ...reportJob(), id: 'nope' }), 'did not save'],
    ];
    for (const [edit, didNot] of edits) {
      expect(refused(HAND_WRITTEN, edit)).toMatchObject({ code: 'invalid-input', message: `There is no job "nope" in jobs.yaml, so Delegate ${didNot}.` });
    }
  });

  it('two jobs with the same id: Delegate cannot tell which one is meant', () => {
    const text = `${HAND_WRITTEN}  - id: ping\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n`;
    expect(refused(text, (current) => deleteJob(current ?? '', 'ping')).message).toMatch(/^2 jobs in jobs\.yaml have the id "ping"/);
  });

  it('a new job or a renamed job cannot take an id another job has, ignoring case', () => {
    expect(refused(HAND_WRITTEN, (text) => appendJob(text, { ...NEW_JOB, id: 'report' })).message).toMatch(/already has the id "report"/);
    expect(refused(HAND_WRITTEN, (text) => appendJob(text, { ...NEW_JOB, id: 'REPORT' })).message).toMatch(/differs only in case/);
    expect(refused(HAND_WRITTEN, (text) => replaceJob(text ?? '', 'report', { ...reportJob(), id: 'Backup' })).code).toBe('invalid-input');
  });

  it('changing only the case of a job\'s own id is allowed', () => {
    expect(replaceJob(HAND_WRITTEN, 'report', { ...reportJob(), id: 'Report' })).toBe(HAND_WRITTEN.replace('- id: report ', '- id: Report '));
  });

  it('a job that fails the schema names the first field and its problem', () => {
    const bad = { ...reportJob(), action: { ...(reportJob().action as object), to: ['not-an-address'] } };
    expect(refused(HAND_WRITTEN, (text) => replaceJob(text ?? '', 'report', bad))).toMatchObject({ code: 'invalid-input', message: 'The job was not saved: action.to[0]: must be an email address.' });
    expect(refused(HAND_WRITTEN, (text) => appendJob(text, { ...NEW_JOB, schedule: '61 * * * *' })).message).toMatch(/^The job was not saved: schedule: /);
    expect(refused(HAND_WRITTEN, (text) => appendJob(text, { ...NEW_JOB, surprise: 1 })).message).toMatch(/unknown field\(s\) "surprise"/);
  });

  it('a job that uses anchors or aliases is not changed or deleted, so the job sharing them is not broken', () => {
    const text = 'jobs:\n  - id: a\n    schedule: "0 1 * * *"\n    action: &probe {kind: graph.request, path: /me}\n  - id: b\n    schedule: "0 2 * * *"\n    action: *probe\n';
    for (const id of ['a', 'b']) {
      expect(refused(text, (current) => deleteJob(current ?? '', id)).message).toMatch(/uses YAML anchors or aliases/);
      expect(refused(text, (current) => setJobEnabled(current ?? '', id, false)).message).toMatch(/another job may share that part/);
    }
    // A job that uses none can still be added next to them.
    expect(appendJob(text, NEW_JOB)).toContain('action: *probe\n  - id: weekly\n');
  });
});

describe('encodings', () => {
  it('a jobs.yaml saved with a byte order mark keeps it, and its version is the one the Jobs view shows', () => {
    writeFileSync(path, `\uFEFF${HAND_WRITTEN}`);
    editJobsFile(path, jobsFileVersion(HAND_WRITTEN), (text) => setJobEnabled(text ?? '', 'backup', false));
    expect(readFileSync(path, 'utf8')).toBe(`\uFEFF${HAND_WRITTEN.replace('enabled: true', 'enabled: false')}`);
  });

  it('a jobs.yaml with a Latin-1 comment is refused rather than having that comment rewritten', () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${HAND_WRITTEN}`)]);
    writeFileSync(path, bytes);
    const version = jobsFileVersion(bytes.toString('utf8'));
    expect(() => editJobsFile(path, version, (text) => deleteJob(text ?? '', 'ping'))).toThrow(/not UTF-8 text/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
