/**
 * Hand-written jobs files that used to trip the editor, through the app service as the window uses it: the file
 * on disk after each edit, the jobs the engine then schedules, and refusals worded for the edit that was asked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobsFileVersion } from '../../../electron/core/jobs/jobs-file.js';
import { useJobEditingHome } from './job-editing-harness.js';

/** A new job as the window sends it: the fields the person set, and every default the form shows filled in. */
const FROM_WINDOW = { id: 'weekly', schedule: '0 3 * * 1', enabled: true, catchUp: 'once', timeoutMinutes: 30, retries: { attempts: 0, backoffSeconds: 60 }, notify: 'failure', action: { kind: 'graph.request', method: 'GET', path: '/me' } };
const WEEKLY_LINES = '  - id: weekly\n    schedule: 0 3 * * 1\n    action:\n      kind: graph.request\n      path: /me\n';

const editing = useJobEditingHome();
const { heard, start } = editing;
let path: string;
beforeEach(() => {
  path = editing.path;
});

describe('editing hand-written files from the window', () => {
  it('the first job saved into "jobs: ~  # none yet" makes a list of that one job, without the defaults the form filled in', async () => {
    const app = await start('# my jobs\njobs: ~  # none yet\n...\n# notes after the document\n');
    const view = app.saveJob({ version: app.jobs().version, job: FROM_WINDOW });
    expect(readFileSync(path, 'utf8')).toBe(`# my jobs\njobs: # none yet\n${WEEKLY_LINES}...\n# notes after the document\n`);
    expect(view.jobs.map((job) => [job.id, job.enabled])).toEqual([['weekly', true]]);
    expect(view.problems).toEqual([]);
    expect(heard.at(-1)).toEqual(view);
  });

  it('saving a job the person did not change, with the defaults the form filled in, leaves the file byte-identical', async () => {
    const text = `jobs:\n  - id: weekly   # mine\n    schedule: "0 3 * * 1"\n    action: {kind: graph.request, path: /me}\n`;
    const app = await start(text);
    const { source, version } = app.jobSource('weekly');
    const view = app.saveJob({ version, originalId: 'weekly', job: { ...FROM_WINDOW, ...source } });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(view.version).toBe(jobsFileVersion(text));
  });

  it('the Enabled switch on a job with an empty "enabled:" writes "enabled: false" and the job loads again', async () => {
    const text = 'jobs:\n  - id: weekly\n    enabled:\n    schedule: "0 3 * * 1"\n    action: {kind: graph.request, path: /me}\n';
    const app = await start(text);
    expect(app.jobs().jobs).toEqual([]);
    const view = app.setJobEnabled('weekly', false, app.jobs().version);
    expect(readFileSync(path, 'utf8')).toBe(text.replace('    enabled:\n', '    enabled: false\n'));
    expect(view.jobs.map((job) => [job.id, job.enabled])).toEqual([['weekly', false]]);
  });

  it('a delete and the switch from a stale window say what they did not do, and change nothing', async () => {
    const text = `jobs:\n${WEEKLY_LINES}`;
    const app = await start(text);
    const stale = app.jobs().version;
    writeFileSync(path, `${text}# edited in an editor meanwhile\n`);
    expect(() => app.deleteJob('weekly', stale)).toThrow(expect.objectContaining({ code: 'file-changed', message: 'jobs.yaml changed on disk since the window read it, so Delegate did not delete the job (your change would have overwritten the other one).' }));
    expect(() => app.setJobEnabled('weekly', false, stale)).toThrow(expect.objectContaining({ code: 'file-changed', message: 'jobs.yaml changed on disk since the window read it, so Delegate did not change it (your change would have overwritten the other one).' }));
    expect(() => app.deleteJob('gone', jobsFileVersion(`${text}# edited in an editor meanwhile\n`))).toThrow(expect.objectContaining({ code: 'invalid-input', message: 'There is no job "gone" in jobs.yaml, so Delegate did not delete the job.' }));
    expect(readFileSync(path, 'utf8')).toBe(`${text}# edited in an editor meanwhile\n`);
    expect(heard).toEqual([]);
  });

  it('opening a job that is gone says it was not opened, not that something was not saved', async () => {
    const app = await start(`jobs:\n${WEEKLY_LINES}`);
    expect(() => app.jobSource('gone')).toThrow(expect.objectContaining({ code: 'invalid-input', message: 'There is no job "gone" in jobs.yaml, so Delegate did not open it.' }));
  });
});
