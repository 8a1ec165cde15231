/**
 * The window's job editing through the app service: the job's source, saving a new or changed job, deleting,
 * pausing — each written into jobs.yaml only if the file is still what the window read, then the engine reloads
 * and the window hears `jobs:changed` with the new view.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobsFileVersion } from '../../../electron/core/jobs/jobs-file.js';
import { useJobEditingHome } from './job-editing-harness.js';

const FILE = `# my jobs
jobs:
  - id: report   # mine
    schedule: "0 7 * * 1-5"
    action: {kind: graph.request, path: /me}

  - id: backup
    schedule: "0 2 * * *"
    action:
      kind: graph.request
      path: /me/drive
`;

const editing = useJobEditingHome();
const { heard, start } = editing;
let path: string;
beforeEach(() => {
  path = editing.path;
});

describe('editing jobs from the window', () => {
  it('the first job saved on a home without jobs.yaml creates the file, schedules the job and tells the window', async () => {
    const app = await start();
    expect(app.jobs().version).toBeNull();
    const view = app.saveJob({ version: null, job: { id: 'weekly', schedule: '0 3 * * 1', action: { kind: 'graph.request', path: '/me' } } });
    expect(readFileSync(path, 'utf8')).toBe('jobs:\n  - id: weekly\n    schedule: 0 3 * * 1\n    action:\n      kind: graph.request\n      path: /me\n');
    expect(view.version).toBe(jobsFileVersion(readFileSync(path, 'utf8')));
    expect(view.jobs.map((job) => [job.id, job.enabled])).toEqual([['weekly', true]]);
    expect(heard.at(-1)).toEqual(view);
  });

  it('the editor gets the job as written: no defaults filled in, with the version it must send back', async () => {
    const app = await start(FILE);
    expect(app.jobSource('backup')).toEqual({ jobId: 'backup', version: jobsFileVersion(FILE), source: { id: 'backup', schedule: '0 2 * * *', action: { kind: 'graph.request', path: '/me/drive' } } });
    expect(() => app.jobSource('nope')).toThrow(expect.objectContaining({ code: 'invalid-input', message: expect.stringContaining('"nope"') }));
  });

  it('changing a job keeps the rest of the file and the window sees the change', async () => {
    const app = await start(FILE);
    const { source, version } = app.jobSource('report');
    const view = app.saveJob({ version, originalId: 'report', job: { ...source, schedule: '0 8 * * 1-5' } });
    expect(readFileSync(path, 'utf8')).toBe(FILE.replace('"0 7 * * 1-5"', '"0 8 * * 1-5"'));
    expect(view.jobs.find((job) => job.id === 'report')?.schedule).toBe('0 8 * * 1-5');
    expect(heard.at(-1)).toEqual(view);
  });

  it('a save from a window that read an older file is refused, writes nothing and announces nothing', async () => {
    const app = await start(FILE);
    const { source, version } = app.jobSource('report');
    writeFileSync(path, `${FILE}# edited in vim meanwhile\n`);
    expect(() => app.saveJob({ version, originalId: 'report', job: { ...source, schedule: '0 8 * * 1-5' } })).toThrow(expect.objectContaining({ code: 'file-changed', action: 'Reload the Jobs view, then make your change again.' }));
    expect(() => app.deleteJob('report', version)).toThrow(expect.objectContaining({ code: 'file-changed' }));
    expect(() => app.setJobEnabled('report', false, version)).toThrow(expect.objectContaining({ code: 'file-changed' }));
    expect(readFileSync(path, 'utf8')).toBe(`${FILE}# edited in vim meanwhile\n`);
    expect(heard).toEqual([]);
  });

  it('deleting a job and pausing another each take the version the window holds after the previous edit', async () => {
    const app = await start(FILE);
    const afterDelete = app.deleteJob('report', app.jobs().version);
    expect(afterDelete.jobs.map((job) => job.id)).toEqual(['backup']);
    const afterPause = app.setJobEnabled('backup', false, afterDelete.version);
    expect(afterPause.jobs.map((job) => [job.id, job.enabled, job.nextRun])).toEqual([['backup', false, null]]);
    expect(readFileSync(path, 'utf8')).toBe('# my jobs\njobs:\n  - id: backup\n    enabled: false\n    schedule: "0 2 * * *"\n    action:\n      kind: graph.request\n      path: /me/drive\n');
    expect(heard.map((view) => view.version)).toContain(afterDelete.version);
    expect(heard.at(-1)).toEqual(afterPause);
  });

  it('a duplicate saved under the same id is refused; under a new id it is added after the others', async () => {
    const app = await start(FILE);
    const { source, version } = app.jobSource('report');
    expect(() => app.saveJob({ version, job: source })).toThrow(expect.objectContaining({ code: 'invalid-input', message: expect.stringContaining('already has the id "report"') }));
    const view = app.saveJob({ version, job: { ...source, id: 'report-copy' } });
    expect(view.jobs.map((job) => job.id)).toEqual(['report', 'backup', 'report-copy']);
    expect(readFileSync(path, 'utf8')).toBe(`${FILE}\n  - id: report-copy\n    schedule: 0 7 * * 1-5\n    action:\n      kind: graph.request\n      path: /me\n`);
  });

  it('pausing a job when there is no jobs file says there is none, and creates nothing', async () => {
    const app = await start();
    expect(() => app.setJobEnabled('report', false, null)).toThrow(expect.objectContaining({ code: 'invalid-input', message: expect.stringContaining('there is no jobs file') }));
    expect(existsSync(path)).toBe(false);
  });
});
