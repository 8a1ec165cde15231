/**
 * Hand-written jobs files that try to break the text-splicing editor: null `jobs:`, document markers, awkward
 * values in flow and block jobs, odd `enabled:` values, defaults the form fills in, ids that differ only in case,
 * strings that YAML 1.1 readers take for booleans, and layouts (CRLF, BOM, tabs, column-0 lists, `-` alone on its
 * line). Each edit either gives exactly the expected bytes, read back as the expected jobs (by an independent YAML
 * parser, and by PyYAML when it is installed), or is refused with a clear message and the file left as it was.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { deleteJob } from '../../../electron/core/job-editing/delete-job.js';
import { editJobsFile, type JobsTextEdit } from '../../../electron/core/job-editing/edit-jobs-file.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { setJobEnabled } from '../../../electron/core/job-editing/set-job-enabled.js';
import { jobsFileVersion } from '../../../electron/core/jobs/jobs-file.js';
import { makeHome } from '../../support/test-home.js';
import { NEW_JOB, NEW_JOB_LINES } from './fixture.js';

/** The jobs a YAML 1.2 reader other than the editor's own finds in `text`. */
function jobsIn(text: string): unknown[] {
  const data = parse(text.replace(/^\uFEFF/, '')) as { jobs?: unknown[] | null } | null;
  return data?.jobs ?? [];
}

const PYYAML = (() => {
  try {
    execFileSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The jobs PyYAML (a YAML 1.1 reader, as the person's own scripts use) finds in `text`, as JSON data. */
function jobsForPyYaml(text: string): unknown {
  const script = 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())["jobs"], default=str))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' })) as unknown;
}

const A = { id: 'a', schedule: '0 1 * * *', action: { kind: 'graph.request', path: '/me' } };
const B = { id: 'b', schedule: '0 2 * * *', action: { kind: 'graph.request', path: '/me' } };
const A_LINES = '  - id: a\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n';
const B_LINES = '  - id: b\n    schedule: "0 2 * * *"\n    action: {kind: graph.request, path: /me}\n';

let home: { home: string; cleanup: () => void };
let path: string;
beforeEach(() => {
  home = makeHome();
  path = join(home.home, 'jobs.yaml');
});
afterEach(() => home.cleanup());

/** Runs `edit` on `text` written to disk; expects a refusal, and the file byte-identical afterwards. */
function refused(text: string, edit: JobsTextEdit, action?: Parameters<typeof editJobsFile>[3]): { code: string; message: string; action: string } {
  writeFileSync(path, text);
  let caught: unknown;
  try {
    editJobsFile(path, jobsFileVersion(text), edit, action);
  } catch (error) {
    caught = error;
  }
  expect(readFileSync(path, 'utf8')).toBe(text);
  expect(caught).toMatchObject({ code: expect.any(String), message: expect.any(String), action: expect.any(String) });
  return caught as { code: string; message: string; action: string };
}

describe('adding a job to a file whose jobs: is null', () => {
  const NULLS = ['~', 'null', 'Null', 'NULL', '!!null', '&none ~', '!!null ~'];

  it.each(NULLS)('jobs: %s gives a list with only the new job', (value) => {
    const text = appendJob(`# my jobs\njobs: ${value}\n`, NEW_JOB);
    expect(text).toBe(`# my jobs\njobs:\n${NEW_JOB_LINES}`);
    expect(jobsIn(text)).toEqual([NEW_JOB]);
  });

  it.each(NULLS)('jobs: %s with a comment after it keeps the comment on the jobs: line', (value) => {
    const text = appendJob(`jobs: ${value}   # none yet\n`, NEW_JOB);
    expect(text).toBe(`jobs: # none yet\n${NEW_JOB_LINES}`);
    expect(jobsIn(text)).toEqual([NEW_JOB]);
  });

  it('jobs: with only commented-out jobs under it keeps them, and the new job follows them', () => {
    const before = 'jobs:\n  # - id: old\n  #   schedule: "0 1 * * *"\n\n# trailing notes\n';
    const text = appendJob(before, NEW_JOB);
    expect(text).toBe(`${before}${NEW_JOB_LINES}`);
    expect(jobsIn(text)).toEqual([NEW_JOB]);
  });

  it('a null written on the line after jobs: goes with its line', () => {
    expect(appendJob('jobs:\n  ~\n# end\n', NEW_JOB)).toBe(`jobs:\n# end\n${NEW_JOB_LINES}`);
  });

  it('jobs: ~ in a CRLF file without a final line break stays CRLF and without one', () => {
    const text = appendJob('# mine\r\njobs: ~', NEW_JOB);
    expect(text).toBe(`# mine\r\njobs:\r\n${NEW_JOB_LINES.replace(/\n/g, '\r\n').replace(/\r\n$/, '')}`);
    expect(jobsIn(text)).toEqual([NEW_JOB]);
  });

  it('on disk, with a byte order mark: the mark stays and the file reads as the one new job', () => {
    writeFileSync(path, '\uFEFFjobs: null  # later\n');
    const result = editJobsFile(path, jobsFileVersion('jobs: null  # later\n'), (text) => appendJob(text, NEW_JOB));
    const written = readFileSync(path, 'utf8');
    expect(written).toBe(`\uFEFFjobs: # later\n${NEW_JOB_LINES}`);
    expect(result).toEqual({ written: true, version: jobsFileVersion(written.slice(1)) });
  });
});

describe('document markers', () => {
  it('a new job goes inside the document, before the ... marker and the comment after it', () => {
    const before = `jobs:\n${A_LINES}...\n# after the end\n`;
    const text = appendJob(before, NEW_JOB);
    expect(text).toBe(`jobs:\n${A_LINES}${NEW_JOB_LINES}...\n# after the end\n`);
    expect(jobsIn(text)).toEqual([A, NEW_JOB]);
  });

  it('jobs: ~ followed by ... gets its job before the marker', () => {
    expect(appendJob('jobs: ~\n...\n# after\n', NEW_JOB)).toBe(`jobs:\n${NEW_JOB_LINES}...\n# after\n`);
  });

  it('a file with only --- and ... around a comment gets jobs: inside them', () => {
    const text = appendJob('--- # mine\n# nothing yet\n...\n', NEW_JOB);
    expect(text).toBe(`--- # mine\n# nothing yet\njobs:\n${NEW_JOB_LINES}...\n`);
    expect(jobsIn(text)).toEqual([NEW_JOB]);
  });

  it('a %YAML directive and --- stay as they are through every edit', () => {
    const head = '%YAML 1.2\n---\n';
    const before = `${head}jobs:\n${A_LINES}${B_LINES}...\n`;
    expect(appendJob(before, NEW_JOB)).toBe(`${head}jobs:\n${A_LINES}${B_LINES}${NEW_JOB_LINES}...\n`);
    expect(deleteJob(before, 'b')).toBe(`${head}jobs:\n${A_LINES}...\n`);
    expect(setJobEnabled(before, 'b', false)).toBe(`${head}jobs:\n${A_LINES}${B_LINES.replace('  - id: b\n', '  - id: b\n    enabled: false\n')}...\n`);
    expect(replaceJob(before, 'a', { ...A, schedule: '0 5 * * *' })).toBe(before.replace('"0 1 * * *"', '"0 5 * * *"'));
  });

  it('a file ending in ... without a final line break still ends so', () => {
    expect(appendJob(`jobs:\n${A_LINES}...`, NEW_JOB)).toBe(`jobs:\n${A_LINES}${NEW_JOB_LINES}...`);
  });
});

describe('awkward values in flow and block jobs', () => {
  const FILE = `jobs:\n  - {id: a, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}  # flow job\n${B_LINES}`;
  const VALUES = ['{x}', '[y]', 'a # b', 'a#b', 'k: v', '*star', '&amp', '!bang', '%pct', '@at', '`tick', '- dash', '? q', '"dq', "'sq", '|pipe', '>gt', '  lead', 'trail  ', 'tab\there', 'ümlaut ☃', 'multi\nline\n', 'line1\r\nline2', 'ends\n\n', '<p>Hello,</p>\n<p>the report.</p>\n'];
  const mail = (id: string, value: string) => ({ id, schedule: '0 1 * * *', action: { kind: 'mail.send', to: 'x@y.com', subject: value.trim() === '' ? 's' : value, body: { html: value } } });

  it.each(VALUES)('%j in a job written in flow style reads back exactly; the other job keeps its bytes', (value) => {
    const text = replaceJob(FILE, 'a', mail('a', value));
    expect(jobsIn(text)).toEqual([mail('a', value), B]);
    expect(text.endsWith(B_LINES)).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}- \{id: a, .*\} {2}# flow job$/);
  });

  it.each(VALUES)('%j in a job written in block style reads back exactly; the other job keeps its bytes', (value) => {
    const text = replaceJob(FILE, 'b', mail('b', value));
    expect(jobsIn(text)).toEqual([A, mail('b', value)]);
    expect(text.startsWith(FILE.slice(0, FILE.indexOf('  - id: b')))).toBe(true);
  });

  it('a multi-line HTML body in a flow job is saved on the job\'s one line, not refused', () => {
    const job = mail('a', '<p>Hello,</p>\n<p>the report.</p>\n');
    const text = replaceJob(FILE, 'a', job);
    expect(text).toBe(`jobs:\n  - {id: a, schedule: "0 1 * * *", action: {kind: mail.send, to: x@y.com, subject: "<p>Hello,</p>\\n<p>the report.</p>\\n", body: {html: "<p>Hello,</p>\\n<p>the report.</p>\\n"}}}  # flow job\n${B_LINES}`);
  });
});

describe('a job written in flow style keeps the person\'s quoting', () => {
  const FLOW = `jobs:\n  - {id: a, schedule: "0 1 * * *", action: {kind: graph.request, path: '/me'}}  # flow job\n${B_LINES}`;

  it('the Enabled switch appends ", enabled: false" inside the braces', () => {
    expect(setJobEnabled(FLOW, 'a', false)).toBe(FLOW.replace("path: '/me'}}", "path: '/me'}, enabled: false}"));
  });

  it('a changed path inside the flow action replaces only that value, in its quotes', () => {
    expect(replaceJob(FLOW, 'a', { ...A, action: { ...A.action, path: '/me/drive' } })).toBe(FLOW.replace("'/me'", "'/me/drive'"));
  });

  it('a flow job over several lines keeps its lines', () => {
    const before = `jobs:\n  - {id: a,\n     schedule: "0 1 * * *",\n     action: {kind: graph.request, path: /me}}  # c\n${B_LINES}`;
    expect(replaceJob(before, 'a', { ...A, schedule: '0 4 * * *', notify: 'always' })).toBe(before.replace('"0 1 * * *"', '"0 4 * * *"').replace('path: /me}}', 'path: /me}, notify: always}'));
  });

  it('a key removed from a flow job re-renders that job on its line, and it reads back without the key', () => {
    const before = FLOW.replace("path: '/me'}}", "path: '/me'}, notify: always}");
    const text = replaceJob(before, 'a', A);
    expect(text).toBe(`jobs:\n  - {id: a, schedule: 0 1 * * *, action: {kind: graph.request, path: /me}}  # flow job\n${B_LINES}`);
    expect(jobsIn(text)).toEqual([A, B]);
  });
});

describe('odd enabled: values', () => {
  const file = (line: string) => `jobs:\n  - id: a\n    ${line}\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n`;
  const CASES: Array<[string, boolean, string]> = [
    ['enabled:', false, 'enabled: false'],
    ['enabled:', true, 'enabled: true'],
    ['enabled:   # paused?', false, 'enabled: false   # paused?'],
    ['enabled: ~', false, 'enabled: false'],
    ['enabled: ~', true, 'enabled: true'],
    ['enabled: yes', false, 'enabled: false'],
    ['enabled: yes', true, 'enabled: true'],
    ['enabled: "true"', false, 'enabled: false'],
    ['enabled: !!bool yes', false, 'enabled: !!bool false'],
  ];

  it.each(CASES)('the Enabled switch on "%s" set to %s writes "%s"', (line, enabled, expected) => {
    const text = setJobEnabled(file(line), 'a', enabled);
    expect(text).toBe(file(expected));
    expect(jobsIn(text)).toEqual([{ ...A, enabled }]);
  });

  it.each(CASES)('an edit of the job with "%s" and enabled %s writes "%s" (its comment kept)', (line, enabled, expected) => {
    const text = replaceJob(file(line), 'a', { ...A, enabled });
    // An empty value is re-rendered as a pair, its comment after one space; a value on the line is replaced in place.
    expect(text).toBe(file(expected.replace(/ {3}#/, ' #')));
    expect(jobsIn(text)).toEqual([{ ...A, enabled }]);
  });

  it('an empty enabled: on the last line of a file without a final line break', () => {
    const before = `jobs:\n${A_LINES}    enabled:`;
    expect(setJobEnabled(before, 'a', false)).toBe(`jobs:\n${A_LINES}    enabled: false`);
  });
});

describe('defaults the form fills in', () => {
  const FILE = '# mine\njobs:\n  - id: mail\n    schedule: "0 1 * * *"\n    retries: {attempts: 2}\n    action:\n      kind: mail.send\n      to: a@x.com\n      subject: "Hi"\n      body: {text: t}\n';
  const AS_WRITTEN = { id: 'mail', schedule: '0 1 * * *', retries: { attempts: 2 }, action: { kind: 'mail.send', to: 'a@x.com', subject: 'Hi', body: { text: 't' } } };
  const FILLED_IN = {
    ...AS_WRITTEN,
    enabled: true,
    catchUp: 'once',
    timeoutMinutes: 30,
    notify: 'failure',
    retries: { attempts: 2, backoffSeconds: 60 },
    action: { ...AS_WRITTEN.action, attachments: [], saveToSentItems: true },
  };

  it('a save without a change by the person, with every default filled in, writes nothing', () => {
    expect(replaceJob(FILE, 'mail', FILLED_IN)).toBe(FILE);
    writeFileSync(path, FILE);
    const before = statSync(path).mtimeMs;
    expect(editJobsFile(path, jobsFileVersion(FILE), (text) => replaceJob(text ?? '', 'mail', FILLED_IN))).toEqual({ written: false, version: jobsFileVersion(FILE) });
    expect(readFileSync(path, 'utf8')).toBe(FILE);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('with one real change, only that change is written', () => {
    expect(replaceJob(FILE, 'mail', { ...FILLED_IN, notify: 'always' })).toBe(FILE.replace('      body: {text: t}\n', '      body: {text: t}\n    notify: always\n'));
  });

  it('fields added to the job and to its last mapping (action) each go under their own mapping', () => {
    const text = replaceJob(FILE, 'mail', { ...FILLED_IN, notify: 'always', action: { ...FILLED_IN.action, saveToSentItems: false } });
    expect(text).toBe(FILE.replace('      body: {text: t}\n', '      body: {text: t}\n      saveToSentItems: false\n    notify: always\n'));
    expect(jobsIn(text)).toEqual([{ ...AS_WRITTEN, notify: 'always', action: { ...AS_WRITTEN.action, saveToSentItems: false } }]);
  });

  it('a default the file already says stays written, and can be changed', () => {
    const written = FILE.replace('    retries: {attempts: 2}\n', '    retries: {attempts: 2}\n    enabled: true\n');
    expect(replaceJob(written, 'mail', FILLED_IN)).toBe(written);
    expect(replaceJob(written, 'mail', { ...FILLED_IN, enabled: false })).toBe(written.replace('enabled: true', 'enabled: false'));
  });

  it('a new job is not padded with the defaults the form filled in', () => {
    // In the order the window sends a new job's fields (job-draft.ts jobToSave), every default filled in.
    const sent = (catchUp: string) => ({ id: 'weekly', schedule: '0 3 * * 1', enabled: true, catchUp, timeoutMinutes: 30, retries: { attempts: 0, backoffSeconds: 60 }, notify: 'failure', action: { ...NEW_JOB.action, method: 'GET' } });
    expect(appendJob('jobs:\n', sent('once'))).toBe(`jobs:\n${NEW_JOB_LINES}`);
    expect(appendJob('jobs:\n', sent('none'))).toBe(`jobs:\n${NEW_JOB_LINES.replace('    action:', '    catchUp: none\n    action:')}`);
  });
});

describe('ids that differ only in case', () => {
  const FILE = `jobs:\n${A_LINES.replace('id: a', 'id: Report')}\n${A_LINES.replace('id: a', 'id: report')}`;

  it('saving "report" under its own id is refused, naming the other one; the file is unchanged', () => {
    const error = refused(FILE, (text) => replaceJob(text ?? '', 'report', { ...A, id: 'report', schedule: '0 9 * * *' }));
    expect(error).toMatchObject({ code: 'invalid-input', message: 'Another job in jobs.yaml already has the id "report" ("Report" differs only in case, and ids are compared ignoring case), so the job was not saved.', action: 'Choose another id.' });
  });

  it('renaming "report" changes exactly that job', () => {
    const text = replaceJob(FILE, 'report', { ...A, id: 'report-2' });
    expect(text).toBe(FILE.replace('  - id: report\n', '  - id: report-2\n'));
  });

  it('delete and the Enabled switch act on exactly the job named, never the other', () => {
    expect(deleteJob(FILE, 'report')).toBe(`jobs:\n${A_LINES.replace('id: a', 'id: Report')}`);
    expect(deleteJob(FILE, 'Report')).toBe(`jobs:\n${A_LINES.replace('id: a', 'id: report')}`);
    expect(setJobEnabled(FILE, 'Report', false)).toBe(FILE.replace('  - id: Report\n', '  - id: Report\n    enabled: false\n'));
  });

  it('an id in neither spelling is refused as missing', () => {
    expect(refused(FILE, (text) => deleteJob(text ?? '', 'REPORT'), 'delete').message).toBe('There is no job "REPORT" in jobs.yaml, so Delegate did not delete the job.');
  });
});

describe('strings a YAML 1.1 reader takes for something else', () => {
  const LOOKALIKES = ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', 'On', 'true', '0o17', '017', '0x1F', '0b101', '1_000', '1:20', '.inf', '-.Inf', '.NaN', '2026-01-01', '2026-01-01 10:00:00', '1e3', '<<', '='];

  it.each(LOOKALIKES)('%j is written quoted, in a name, a list and a mapping, and every reader gets the text', (value) => {
    const job = { id: 'script', name: value, schedule: '0 1 * * *', action: { kind: 'script', command: 'run', args: [value], env: { X: value } } };
    const text = appendJob('jobs:\n', job);
    expect(text).toBe(`jobs:\n  - id: script\n    name: "${value}"\n    schedule: 0 1 * * *\n    action:\n      kind: script\n      command: run\n      args: ["${value}"]\n      env:\n        X: "${value}"\n`);
    expect(jobsIn(text)).toEqual([job]);
    if (PYYAML) expect(jobsForPyYaml(text)).toEqual([job]);
  });

  it.runIf(PYYAML)('PyYAML is a real check here: it reads an unquoted yes as true', () => {
    expect(jobsForPyYaml('jobs: [{name: yes, args: [on, 2026-01-01]}]\n')).toEqual([{ name: true, args: [true, '2026-01-01'] }]);
  });

  it('a changed value in place is quoted too', () => {
    const text = replaceJob(`jobs:\n${A_LINES}`, 'a', { ...A, name: 'off' });
    expect(text).toBe(`jobs:\n${A_LINES}    name: "off"\n`);
    if (PYYAML) expect(jobsForPyYaml(text)).toEqual([{ ...A, name: 'off' }]);
  });
});

describe('a refusal says which edit did not happen', () => {
  const ALIASED = 'jobs:\n  - id: a\n    schedule: &when "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n  - id: b\n    schedule: *when\n    action: {kind: graph.request, path: /me}\n';

  it('a stale version: "did not delete the job", "did not change it", "did not save"', () => {
    const text = `jobs:\n${A_LINES}`;
    writeFileSync(path, text);
    const stale = jobsFileVersion(`${text}# older\n`);
    const cases: Array<[JobsTextEdit, 'delete' | 'switch' | 'save', string]> = [
      [(current) => deleteJob(current ?? '', 'a'), 'delete', 'did not delete the job'],
      [(current) => setJobEnabled(current ?? '', 'a', false), 'switch', 'did not change it'],
      [(current) => replaceJob(current ?? '', 'a', A), 'save', 'did not save'],
    ];
    for (const [edit, action, didNot] of cases) {
      expect(() => editJobsFile(path, stale, edit, action)).toThrow(expect.objectContaining({ code: 'file-changed', message: `jobs.yaml changed on disk since the window read it, so Delegate ${didNot} (your change would have overwritten the other one).` }));
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a job sharing an anchor: delete and the switch say so in their own words', () => {
    expect(refused(ALIASED, (text) => deleteJob(text ?? '', 'b'), 'delete').message).toMatch(/uses YAML anchors or aliases \(&name \/ \*name\) in jobs\.yaml, so Delegate did not delete the job: another job may share that part/);
    expect(refused(ALIASED, (text) => setJobEnabled(text ?? '', 'a', false), 'switch').message).toMatch(/, so Delegate did not change it: another job/);
  });

  it('a file Delegate cannot edit: the delete says it did not delete the job', () => {
    const text = 'jobs: [{id: a, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}]\n';
    expect(refused(text, (current) => deleteJob(current ?? '', 'a'), 'delete').message).toMatch(/, so it did not delete the job\.$/);
    expect(refused('jobs: 5\n', (current) => setJobEnabled(current ?? '', 'a', false), 'switch').message).toBe('jobs.yaml is not a jobs file Delegate can edit: "jobs" is not a list of jobs, so it did not change it.');
  });
});

describe('layouts', () => {
  it('a comment at the items\' column after the last job: every edit works and the comment stays last', () => {
    const before = `jobs:\n${A_LINES}${B_LINES}  # more jobs to come\n`;
    expect(appendJob(before, NEW_JOB)).toBe(`jobs:\n${A_LINES}${B_LINES}${NEW_JOB_LINES}  # more jobs to come\n`);
    expect(deleteJob(before, 'b')).toBe(`jobs:\n${A_LINES}  # more jobs to come\n`);
    expect(setJobEnabled(before, 'b', false)).toBe(before.replace('  - id: b\n', '  - id: b\n    enabled: false\n'));
    expect(replaceJob(before, 'b', { ...B, schedule: '0 3 * * *' })).toBe(before.replace('"0 2 * * *"', '"0 3 * * *"'));
  });

  it('a list at column 0 under jobs:, with a column-0 comment between jobs', () => {
    const col0 = (lines: string) => lines.replace(/^ {2}/gm, '');
    const before = `jobs:\n${col0(A_LINES)}# between\n${col0(B_LINES)}`;
    const text = appendJob(before, NEW_JOB);
    expect(text).toBe(`${before}${col0(NEW_JOB_LINES)}`);
    expect(jobsIn(text)).toEqual([A, B, NEW_JOB]);
    expect(deleteJob(before, 'a')).toBe(`jobs:\n# between\n${col0(B_LINES)}`);
    expect(setJobEnabled(before, 'a', false)).toBe(before.replace('- id: a\n', '- id: a\n  enabled: false\n'));
  });

  it('a 4-space file with notes at column 0 after its last job: a new job is indented like it, before the notes', () => {
    const before = 'jobs:\n    - id: a\n      schedule: "0 1 * * *"\n      action:\n          kind: graph.request\n          path: /me\n# notes at column 0\n';
    const mail = { id: 'weekly', schedule: '0 3 * * 1', action: { kind: 'mail.send', to: 'a@x.com', subject: 's', body: { html: '<p>a</p>\n' } } };
    const text = appendJob(before, mail);
    expect(text).toBe(before.replace('# notes', '    - id: weekly\n      schedule: 0 3 * * 1\n      action:\n          kind: mail.send\n          to: a@x.com\n          subject: s\n          body:\n              html: |\n                  <p>a</p>\n# notes'));
    expect(jobsIn(text)).toEqual([A, mail]);
    expect(deleteJob(before, 'a')).toBe('jobs:\n# notes at column 0\n');
  });

  it('4-space items with the first key on the line after the -', () => {
    const before = 'jobs:\n    -\n        id: a\n        schedule: "0 1 * * *"\n        action:\n            kind: graph.request\n            path: /me\n';
    expect(replaceJob(before, 'a', { ...A, action: { ...A.action, path: '/me/drive' } })).toBe(before.replace('path: /me\n', 'path: /me/drive\n'));
    expect(setJobEnabled(before, 'a', false)).toBe(before.replace('        id: a\n', '        id: a\n        enabled: false\n'));
    const text = appendJob(before, NEW_JOB);
    expect(text).toBe(`${before}    - id: weekly\n      schedule: 0 3 * * 1\n      action:\n          kind: graph.request\n          path: /me\n`);
    expect(jobsIn(text)).toEqual([A, NEW_JOB]);
  });

  it('tabs inside comments and after values are kept; a tab-indented comment line above a job is that job\'s own', () => {
    const before = `jobs:\n  - id: a\t# tab\tcomment\n    schedule: "0 1 * * *"\t\n    action: {kind: graph.request, path: /me}\n\t# tabbed comment line\n${B_LINES}`;
    expect(replaceJob(before, 'a', { ...A, schedule: '0 5 * * *' })).toBe(before.replace('"0 1 * * *"', '"0 5 * * *"'));
    // Indentation counts spaces (a tab is not YAML indentation), so the comment is at column 0, directly above b.
    expect(deleteJob(before, 'a')).toBe(`jobs:\n\t# tabbed comment line\n${B_LINES}`);
    expect(deleteJob(before, 'b')).toBe(before.replace(`\t# tabbed comment line\n${B_LINES}`, ''));
  });

  it('deleting the last job keeps the blank lines that end the job before it in a |+ text', () => {
    const keep = 'jobs:\n  - id: a\n    schedule: "0 1 * * *"\n    action:\n      kind: mail.send\n      to: a@x.com\n      subject: s\n      body:\n        text: |+\n          hello\n\n\n';
    const text = deleteJob(`${keep}${B_LINES}`, 'b');
    expect(text).toBe(keep);
    expect(jobsIn(text)).toEqual([{ id: 'a', schedule: '0 1 * * *', action: { kind: 'mail.send', to: 'a@x.com', subject: 's', body: { text: 'hello\n\n\n' } } }]);
  });

  it('quoted keys ("jobs":, "id":, \'schedule\':) are found and kept', () => {
    const before = `"jobs":\n  - "id": a\n    'schedule': "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n`;
    expect(setJobEnabled(before, 'a', false)).toBe(before.replace(`  - "id": a\n`, `  - "id": a\n    enabled: false\n`));
    expect(replaceJob(before, 'a', { ...A, schedule: '0 2 * * *' })).toBe(before.replace('"0 1 * * *"', '"0 2 * * *"'));
  });

  it('the Enabled switch on a job whose id is an explicit key (? id / : a) re-renders that job, and only it', () => {
    const before = `jobs:\n  - ? id\n    : a\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n${B_LINES}`;
    const text = setJobEnabled(before, 'a', false);
    expect(text).toBe(`jobs:\n  - id: a\n    schedule: 0 1 * * *\n    action:\n      kind: graph.request\n      path: /me\n    enabled: false\n${B_LINES}`);
    expect(jobsIn(text)).toEqual([{ ...A, enabled: false }, B]);
  });

  it('deleting the only job of a CRLF file without a final line break leaves "jobs:" (not refused over its line breaks)', () => {
    expect(deleteJob('# mine\r\njobs:  # list\r\n  - id: a\r\n    schedule: "0 1 * * *"\r\n    action: {kind: graph.request, path: /me}', 'a')).toBe('# mine\r\njobs:  # list');
  });

  it('a text with a line break but none at its end, inside a flow job or a flow list, is one quoted line', () => {
    const FLOW = `jobs:\n  - {id: a, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}  # flow job\n${B_LINES}`;
    const job = { id: 'a', name: 'two\nlines', schedule: '0 1 * * *', action: { kind: 'script', command: 'run', args: ['x\ny'] } };
    const text = replaceJob(FLOW, 'a', job);
    expect(text).toBe(`jobs:\n  - {id: a, schedule: "0 1 * * *", action: {kind: script, command: run, args: ["x\\ny"]}, name: "two\\nlines"}  # flow job\n${B_LINES}`);
    expect(jobsIn(text)).toEqual([job, B]);
    expect(replaceJob(`jobs:\n${A_LINES}`, 'a', job)).toBe(`jobs:\n${A_LINES.replace('    action: {kind: graph.request, path: /me}\n', '    action: {kind: script, command: run, args: ["x\\ny"]}\n    name: |-\n      two\n      lines\n')}`);
  });

  it('a CRLF file whose last job has no final line break', () => {
    const crlf = (lines: string) => lines.replace(/\n/g, '\r\n');
    const before = crlf(`jobs:\n${A_LINES}${B_LINES}`).replace(/\r\n$/, '');
    expect(appendJob(before, NEW_JOB)).toBe(crlf(`jobs:\n${A_LINES}${B_LINES}${NEW_JOB_LINES}`).replace(/\r\n$/, ''));
    expect(setJobEnabled(before, 'b', false)).toBe(crlf(`jobs:\n${A_LINES}  - id: b\n    enabled: false\n    schedule: "0 2 * * *"\n    action: {kind: graph.request, path: /me}`));
    expect(deleteJob(before, 'b')).toBe(crlf(`jobs:\n${A_LINES}`).replace(/\r\n$/, ''));
  });
});

describe('generated hand-written files', () => {
  /** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
  function generator(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const VALUES = ['x', 'yes', 'a # b', 'k: v', '*s', '"q', "'q", 'multi\nline\n', 'two\nlines', '<p>a</p>\n<p>b</p>\n', ' lead', 'trail ', 'ends\n\n', '- d', '{a}', '2026-01-01', 'tab\tx', '#c', '|', '~', '`'];
  const JOB_STYLES = [
    (id: string, s: string) => `${s}- {id: ${id}, schedule: "0 1 * * *", action: {kind: graph.request, path: /me}}  # c\n`,
    (id: string, s: string) => `${s}- id: ${id}   # c\n${s}  name: 'N'\n${s}  schedule: "0 1 * * *"\n${s}  action:\n${s}    kind: mail.send\n${s}    to: [a@x.com]\n${s}    subject: S  # subj\n${s}    body:\n${s}      html: |\n${s}        <p>x</p>\n${s}  # commented: field\n`,
    (id: string, s: string) => `${s}-\n${s}    id: ${id}\n${s}    schedule: "0 1 * * *"\n${s}    enabled:\n${s}    action: { kind: script, command: run, args: [a, b] }\n`,
    (id: string, s: string) => `${s}- id: ${id}\n${s}  schedule: '0 1 * * *'\n${s}  retries: {attempts: 1}\n${s}  action:\n${s}    kind: script\n${s}    command: run\n${s}    env:\n${s}      A: b\n`,
  ];

  it('every edit of 400 generated files keeps the other jobs\' and the header\'s bytes and reads back as intended', () => {
    const random = generator(20261204);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let round = 0; round < 400; round++) {
      const column = ' '.repeat(pick([0, 2, 4]));
      const ids = ['a', 'b', 'c'].slice(0, 1 + Math.floor(random() * 3));
      let text = `${pick(['', '# head\n', '%YAML 1.2\n---\n'])}jobs:${pick(['', '  # list'])}\n${ids.map((id) => pick(JOB_STYLES)(id, column)).join(pick(['', '\n', '\n# group\n']))}${pick(['', '# trailer\n', '...\n', `${column}# end\n`])}`;
      if (random() < 0.3) text = text.replace(/\n/g, '\r\n');
      if (random() < 0.2) text = text.replace(/\r?\n$/, '');
      const before = jobsIn(text) as Array<Record<string, unknown>>;
      const target = pick(ids);
      const value = pick(VALUES);
      const changed = { id: target, name: value, schedule: '0 2 * * *', notify: 'always', action: { kind: 'mail.send', to: 'a@x.com', subject: value.trim() || 's', body: { html: value } } };
      const enabled = random() < 0.5;
      const edits: Array<[string, () => string, unknown[]]> = [
        ['append', () => appendJob(text, { ...changed, id: 'z' }), [...before, { ...changed, id: 'z' }]],
        ['delete', () => deleteJob(text, target), before.filter((job) => job.id !== target)],
        // Resuming a job that does not say `enabled:` writes nothing: it already runs.
        ['switch', () => setJobEnabled(text, target, enabled), before.map((job) => (job.id === target && !(enabled && job.enabled === undefined) ? { ...job, enabled } : job))],
        ['replace', () => replaceJob(text, target, changed), before.map((job) => (job.id === target ? changed : job))],
      ];
      const [what, edit, expected] = pick(edits);
      const out = edit();
      const label = `${what} ${target} in ${JSON.stringify(text)}`;
      expect(jobsIn(out), label).toEqual(expected);
      const firstDash = /^ *-/m.exec(text)?.index ?? 0;
      expect(out.startsWith(text.slice(0, firstDash).replace(/\r?\n$/, '')), label).toBe(true);
      for (const id of ids.filter((other) => other !== target)) {
        const own = text.split(/\r?\n/).findIndex((line) => new RegExp(`(^|[ {])id: ${id}\\b`).test(line));
        expect(out.includes(text.split(/\r?\n/)[own] ?? '\u0000'), `${label}: the line with id ${id}`).toBe(true);
      }
    }
  });
});
