/**
 * Values YAML likes to reinterpret (`yes`, `on`, `null`, `0123`, `#…`, `a: b`, leading spaces, multi-line HTML)
 * come back from jobs.yaml exactly as the editor sent them, whether the job is new or replaced, read by the same
 * loader the Jobs page uses.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { parseJobs } from '../../../electron/core/jobs/jobs-file.js';
import { HAND_WRITTEN, VARIANTS, reportJob } from './fixture.js';

const world = { profiles: new Set(['work']), defaultProfile: 'work', baseDir: '/tmp' };
const AWKWARD_IDS = ['yes', 'on', 'off', 'null', 'true', '0123', '1e3', '0x1F', 'no', 'y'];
const AWKWARD_TEXT = [
  'yes', 'on', 'null', '~', '0123', '12:30', '#not a comment', 'a: b', 'a #b', '- dash', '[x]', '{y}', '*alias', '&anchor', '!tag', '%directive',
  '@at', '`tick', '\'single', '"double', ' leading', 'trailing ', '  both  ', 'ünïcödé ✓ 日本語', 'tab\there', 'line\\backslash', '---', '...', '? key',
];
const HTML_BODIES = [
  '<html>\n  <body>\n    <p>Hello: "you" #1</p>\n  </body>\n</html>\n',
  '<p>no final newline</p>\n<p>second</p>',
  '   <p>indented first line</p>\n<p>then not</p>\n',
  '<p>trailing blank lines</p>\n\n\n',
  'crlf\r\ninside\r\n',
  '',
];

function mailJob(id: string, subject: string, html: string): Record<string, unknown> {
  return { id, name: subject, schedule: '0 7 * * 1-5', action: { kind: 'mail.send', to: ['a@x.com'], subject: subject.trim() === '' ? 'x' : subject, body: { html } } };
}

/** The job as the loader reads it back, checked to be valid and the only job with that id. */
function readBack(text: string, id: string): unknown {
  const loaded = parseJobs('jobs.yaml', text, world);
  expect(loaded.fileError).toBeUndefined();
  const raw = (parseDocument(text).toJS() as { jobs: Array<{ id: string }> }).jobs.filter((job) => job.id === id);
  expect(raw).toHaveLength(1);
  expect(loaded.jobs.map((job) => job.id)).toContain(id);
  return raw[0];
}

describe('awkward values round-trip', () => {
  it.each(AWKWARD_IDS)('a new job with the id %j is read back with that id, as text', (id) => {
    const job = mailJob(id, 'Subject', '<p>x</p>');
    expect(readBack(appendJob(HAND_WRITTEN, job), id)).toEqual(job);
  });

  it.each(AWKWARD_TEXT)('a name and subject of %j survive being added and being changed in place', (value) => {
    const job = mailJob('awkward', value, '<p>x</p>');
    expect(readBack(appendJob(HAND_WRITTEN, job), 'awkward')).toEqual(job);
    const replaced = { ...reportJob(), name: value, action: { ...(reportJob().action as object), subject: value } };
    expect(readBack(replaceJob(HAND_WRITTEN, 'report', replaced), 'report')).toEqual(replaced);
  });

  it.each(HTML_BODIES)('the HTML body %j survives, in LF, CRLF and BOM files', (html) => {
    for (const [, variant] of VARIANTS) {
      const job = mailJob('html', 'Subject', html);
      expect(readBack(appendJob(variant(HAND_WRITTEN), job), 'html')).toEqual(job);
      const replaced = { ...reportJob(), action: { ...(reportJob().action as object), body: { html } } };
      expect(readBack(replaceJob(variant(HAND_WRITTEN), 'report', replaced), 'report')).toEqual(replaced);
    }
  });

  it('an empty string where the schema allows one (a filter that matches every subject) is written and read back empty', () => {
    const job = { id: 'attachments', schedule: '0 * * * *', action: { kind: 'mail.attachments', filter: { subjectContains: '', from: 'boss@x.com' }, saveTo: '/tmp/in' } };
    const text = appendJob(HAND_WRITTEN, job);
    expect(readBack(text, 'attachments')).toEqual(job);
    expect(text).toContain('subjectContains: ""');
  });

  it('a script with arguments that look like YAML keeps them as text', () => {
    const job = { id: 'script', schedule: '0 * * * *', action: { kind: 'script', command: '/usr/bin/env', args: ['--flag=yes', 'on', '# x', 'a, b', '[', '{', '-', ''], env: { NO: 'no', EMPTY: '' } } };
    expect(readBack(appendJob(HAND_WRITTEN, job), 'script')).toEqual(job);
  });

  it('renaming a job (a new id for the same job) changes only its id on the dash line', () => {
    const text = replaceJob(HAND_WRITTEN, 'report', { ...reportJob(), id: 'morning' });
    expect(text).toBe(HAND_WRITTEN.replace('  - id: report   # the daily one', '  - id: morning   # the daily one'));
  });
});
