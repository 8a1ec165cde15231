import { describe, expect, it } from 'vitest';
import { deleteAt, duplicateDraft, idFromName, isChanged, jobToSave, newDraft, setAt, setNumberText, setText, setWithDefault, uniqueId, JOB_KINDS } from '../../renderer/jobs/editor/job-draft.js';
import { jobSchema } from '../../shared/jobs/job-schema.js';
import { bodyMode, locationMode, withLocationMode } from '../../renderer/jobs/editor/job-shapes.js';

const scriptJob = {
  id: 'etl',
  name: 'Nightly ETL',
  schedule: '0 2 * * *',
  action: { kind: 'script', command: 'python3', args: ['etl.py'], env: { ETL_MODE: 'nightly' }, tokens: [{ env: 'GRAPH_TOKEN' }] },
};

describe('the id a job gets from its name', () => {
  it('is the name in lower case with dashes for spaces', () => {
    expect(idFromName('Daily Sales Report')).toBe('daily-sales-report');
  });

  it('drops accents and characters an id cannot hold, and never starts with a dash or dot', () => {
    expect(idFromName('  Café — résumé: été 2026!')).toBe('cafe-resume-ete-2026');
    expect(idFromName('...hidden job')).toBe('hidden-job');
    expect(idFromName('Reports/Weekly\\Copy')).toBe('reports-weekly-copy');
  });

  it('is empty for a name with nothing an id can use (the person then types one)', () => {
    expect(idFromName('日報')).toBe('');
    expect(idFromName('🚀🚀')).toBe('');
  });

  it('is never a Windows device name such as CON, NUL or COM1 (its lock file would be the device)', () => {
    expect(idFromName('CON')).toBe('con-job');
    expect(idFromName('nul')).toBe('nul-job');
    expect(idFromName('Com1')).toBe('com1-job');
    expect(idFromName('Console report')).toBe('console-report');
    for (const id of ['con-job', 'nul-job', 'com1-job']) expect(jobSchema.shape.id.safeParse(id).success).toBe(true);
  });

  it('is at most 64 characters and does not end in a dash after cutting', () => {
    const id = idFromName(`${'a'.repeat(63)} b c`);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toBe('a'.repeat(63));
    expect(jobSchema.shape.id.safeParse(idFromName('x'.repeat(500))).success).toBe(true);
  });
});

describe('unique ids', () => {
  it('adds -2, -3… when the id is taken, ignoring case as Windows and macOS disks do', () => {
    expect(uniqueId('report', ['other'])).toBe('report');
    expect(uniqueId('report', ['Report'])).toBe('report-2');
    expect(uniqueId('report', ['report', 'report-2'])).toBe('report-3');
  });

  it('stays within 64 characters when a suffix is added', () => {
    const long = 'x'.repeat(64);
    expect(uniqueId(long, [long])).toBe(`${'x'.repeat(62)}-2`);
  });
});

describe('editing the draft at a path', () => {
  it('sets a nested value and keeps every field the form has no control for', () => {
    const edited = setAt(scriptJob, ['action', 'command'], 'node');
    expect(edited.action).toEqual({ ...scriptJob.action, command: 'node' });
    expect((edited.action as { env: unknown }).env).toEqual({ ETL_MODE: 'nightly' });
    expect(scriptJob.action.command).toBe('python3');
  });

  it('creates the objects on the way (retries for a job that had none)', () => {
    expect(setAt<Record<string, unknown>>(scriptJob, ['retries', 'attempts'], 2).retries).toEqual({ attempts: 2 });
  });

  it('deletes an emptied optional field, and an object left empty by it', () => {
    const withRetries = setAt(scriptJob, ['retries', 'attempts'], 2);
    expect('retries' in deleteAt(withRetries, ['retries', 'attempts'])).toBe(false);
    expect('cwd' in setText(setAt(scriptJob, ['action', 'cwd'], '/tmp'), ['action', 'cwd'], '  ').action).toBe(false);
  });

  it('never removes the action itself, even when its last field goes', () => {
    expect(deleteAt({ id: 'x', action: { kind: 'script' } }, ['action', 'kind'])).toEqual({ id: 'x', action: {} });
  });

  it('removes a list entry by index', () => {
    const job = { action: { tokens: [{ env: 'A' }, { env: 'B' }, { env: 'C' }] } };
    expect(deleteAt(job, ['action', 'tokens', 1]).action.tokens).toEqual([{ env: 'A' }, { env: 'C' }]);
  });

  it('keeps what was typed in a number field when it is not a number, so the schema says so', () => {
    expect(setNumberText({}, ['timeoutMinutes'], '15')).toEqual({ timeoutMinutes: 15 });
    expect(setNumberText({}, ['timeoutMinutes'], '1.5')).toEqual({ timeoutMinutes: 1.5 });
    expect(setNumberText({}, ['timeoutMinutes'], 'ten')).toEqual({ timeoutMinutes: 'ten' });
    expect(setNumberText({ timeoutMinutes: 15 }, ['timeoutMinutes'], '')).toEqual({});
  });
});

describe('defaults', () => {
  it('a new job of each kind holds only its kind, an id, a schedule and what that kind cannot do without', () => {
    for (const kind of JOB_KINDS) {
      const draft = newDraft(kind);
      expect(Object.keys(draft).sort()).toEqual(['action', 'id', 'schedule']);
      expect(JSON.stringify(draft)).not.toMatch(/enabled|catchUp|notify|timeoutMinutes|retries|saveToSentItems|conflictBehavior|skipIfUnchanged|method/);
    }
  });

  it('a default is not written for a new job, but a hand-written default stays when the person sets it back', () => {
    expect(setWithDefault({ id: 'x' }, ['catchUp'], 'once', 'once', null)).toEqual({ id: 'x' });
    expect(setWithDefault({ id: 'x' }, ['catchUp'], 'none', 'once', null)).toEqual({ id: 'x', catchUp: 'none' });
    const original = { id: 'x', enabled: true };
    const off = setWithDefault(original, ['enabled'], false, true, original);
    expect(setWithDefault(off, ['enabled'], true, true, original)).toEqual({ id: 'x', enabled: true });
    expect(setWithDefault({ id: 'x', catchUp: 'none' }, ['catchUp'], 'once', 'once', { id: 'x' })).toEqual({ id: 'x' });
  });
});

describe('duplicating a job', () => {
  it('copies every field, names it "(copy)" and gives it an id no job has', () => {
    const copy = duplicateDraft(scriptJob, ['etl', 'etl-copy']);
    expect(copy).toEqual({ ...scriptJob, id: 'etl-copy-2', name: 'Nightly ETL (copy)' });
    expect(copy.action).not.toBe(scriptJob.action);
  });

  it('names a copy of a job without a name after its id', () => {
    expect(duplicateDraft({ id: 'whoami', schedule: '0 9 * * 1', action: { kind: 'graph.request', path: '/me' } }, ['whoami']).name).toBe('whoami (copy)');
  });
});

describe('the job as saved', () => {
  it('puts a new job\'s fields in the README\'s order, whatever order they were filled in', () => {
    const draft = { action: { kind: 'script', command: 'x' }, schedule: '0 2 * * *', id: 'a', notify: 'always', name: 'A' };
    expect(Object.keys(jobToSave(draft, null))).toEqual(['id', 'name', 'schedule', 'notify', 'action']);
  });

  it('keeps an edited job\'s own order and puts added fields before the action', () => {
    const original = { name: 'A', id: 'a', action: { kind: 'script', command: 'x' }, schedule: '0 2 * * *' };
    const draft = { ...original, timezone: 'Europe/Berlin' };
    expect(Object.keys(jobToSave(draft, original))).toEqual(['name', 'id', 'timezone', 'action', 'schedule']);
  });

  it('notices a change, and no change when the person typed and then undid it', () => {
    expect(isChanged(setAt(scriptJob, ['name'], 'x'), scriptJob)).toBe(true);
    expect(isChanged(setAt(setAt(scriptJob, ['name'], 'x'), ['name'], 'Nightly ETL'), scriptJob)).toBe(false);
  });
});

describe('where a file is, and what a body is', () => {
  it('reads the location shape the file uses', () => {
    expect(locationMode({ site: 'https://x', path: 'a' })).toBe('site');
    expect(locationMode({ drive: 'me', path: 'a' })).toBe('me');
    expect(locationMode({ driveId: 'b!1', itemId: '01' })).toBe('drive-item');
    expect(locationMode({ driveId: 'b!1', path: 'a' })).toBe('drive-path');
  });

  it('switching the shape keeps the path typed, drops what the new shape has no place for', () => {
    expect(withLocationMode({ site: 'https://x', path: 'Budget/2026.xlsx' }, 'me')).toEqual({ drive: 'me', path: 'Budget/2026.xlsx' });
    expect(withLocationMode({ drive: 'me', path: 'a' }, 'drive-item')).toEqual({});
    expect(withLocationMode({ driveId: 'b!1', itemId: '01' }, 'drive-path')).toEqual({ driveId: 'b!1' });
  });

  it('reads a body as text, HTML or a file', () => {
    expect(bodyMode({ text: '' })).toBe('text');
    expect(bodyMode({ html: '<b>x</b>' })).toBe('html');
    expect(bodyMode({ file: 'a.html', type: 'html' })).toBe('file');
    expect(bodyMode(undefined)).toBe('text');
  });
});
