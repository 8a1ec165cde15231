/**
 * Editing a job from the window changes that job's bytes and nothing else: comments, quoting, flow style, blank
 * lines, CRLF, a missing final line break and a byte order mark all stay. Expected texts are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { appendJob } from '../../../electron/core/job-editing/append-job.js';
import { deleteJob } from '../../../electron/core/job-editing/delete-job.js';
import { replaceJob } from '../../../electron/core/job-editing/replace-job.js';
import { setJobEnabled } from '../../../electron/core/job-editing/set-job-enabled.js';
import { HAND_WRITTEN, NEW_JOB, NEW_JOB_LINES, VARIANTS, reportJob } from './fixture.js';

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function edited(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

const REPORT_HEAD = '  - id: report   # the daily one\n';
const PING_LINE = '  - {id: ping, schedule: "*/5 * * * *", action: {kind: graph.request, path: /me}}\n';
const REPORT_BLOCK = HAND_WRITTEN.slice(HAND_WRITTEN.indexOf('  # The morning report'), HAND_WRITTEN.indexOf(PING_LINE));
const BACKUP_BLOCK = HAND_WRITTEN.slice(HAND_WRITTEN.indexOf('\n  # Backups') + 1);

const CASES: Array<[string, (text: string) => string, string]> = [
  ['adding a job appends it after the last job, separated by a blank line like the others', (text) => appendJob(text, NEW_JOB), `${HAND_WRITTEN}\n${NEW_JOB_LINES}`],
  ['changing the subject changes only the subject\'s text, keeping its double quotes', (text) => replaceJob(text, 'report', { ...reportJob(), action: { ...(reportJob().action as object), subject: 'Report for Monday' } }), edited(HAND_WRITTEN, '"Report for today"', '"Report for Monday"')],
  ['changing only the schedule changes only the schedule\'s text', (text) => replaceJob(text, 'report', { ...reportJob(), schedule: '30 6 * * 1-5' }), edited(HAND_WRITTEN, '"0 7 * * 1-5"', '"30 6 * * 1-5"')],
  [
    'removing the time zone takes its line; adding notify puts it after the last field, before the trailing comment',
    (text) => {
      const { timezone: _gone, ...job } = reportJob();
      return replaceJob(text, 'report', { ...job, notify: 'always' });
    },
    edited(edited(HAND_WRITTEN, '    timezone: Europe/Berlin\n', ''), '    retries: {attempts: 2, backoffSeconds: 30}\n', '    retries: {attempts: 2, backoffSeconds: 30}\n    notify: always\n'),
  ],
  ['changing one recipient rewrites only the flow list', (text) => replaceJob(text, 'report', { ...reportJob(), action: { ...(reportJob().action as object), to: ['a@x.com', 'c@x.com'] } }), edited(HAND_WRITTEN, '[a@x.com, b@x.com]', '[a@x.com, c@x.com]')],
  ['changing the retries rewrites only the flow mapping', (text) => replaceJob(text, 'report', { ...reportJob(), retries: { attempts: 3, backoffSeconds: 30 } }), edited(HAND_WRITTEN, '{attempts: 2, backoffSeconds: 30}', '{attempts: 3, backoffSeconds: 30}')],
  ['saving a job unchanged changes nothing', (text) => replaceJob(text, 'report', reportJob()), HAND_WRITTEN],
  ['deleting the first job takes its own comment, its commented-out field and the blank line after it', (text) => deleteJob(text, 'report'), edited(HAND_WRITTEN, `${REPORT_BLOCK}`, '')],
  ['deleting the middle job takes its line and the blank line after it', (text) => deleteJob(text, 'ping'), edited(HAND_WRITTEN, `${PING_LINE}\n`, '')],
  ['deleting the last job takes its comment and the blank line before it', (text) => deleteJob(text, 'backup'), edited(HAND_WRITTEN, `\n${BACKUP_BLOCK}`, '')],
  ['pausing a job without an enabled field adds one line under its id', (text) => setJobEnabled(text, 'report', false), edited(HAND_WRITTEN, REPORT_HEAD, `${REPORT_HEAD}    enabled: false\n`)],
  ['pausing a job with enabled: true changes only that word', (text) => setJobEnabled(text, 'backup', false), edited(HAND_WRITTEN, 'enabled: true', 'enabled: false')],
  ['resuming a job that is already running changes nothing', (text) => setJobEnabled(text, 'backup', true), HAND_WRITTEN],
  ['pausing a job written in flow style rewrites that one line only', (text) => setJobEnabled(text, 'ping', false), edited(HAND_WRITTEN, PING_LINE, '  - {id: ping, schedule: "*/5 * * * *", action: {kind: graph.request, path: /me}, enabled: false}\n')],
  ['changing a job written in flow style rewrites that one line only', (text) => replaceJob(text, 'ping', { id: 'ping', schedule: '*/10 * * * *', action: { kind: 'graph.request', path: '/me/drive' } }), edited(HAND_WRITTEN, PING_LINE, '  - {id: ping, schedule: "*/10 * * * *", action: {kind: graph.request, path: /me/drive}}\n')],
];

describe.each(VARIANTS)('a hand-written jobs.yaml (%s)', (_variant, variant) => {
  it.each(CASES)('%s', (_name, edit, expected) => {
    expect(edit(variant(HAND_WRITTEN))).toBe(variant(expected));
  });
});

describe('files without jobs yet', () => {
  it('a new file is "jobs:" with the job as a block list item', () => {
    expect(appendJob(undefined, NEW_JOB)).toBe(`jobs:\n${NEW_JOB_LINES}`);
  });

  it('"jobs: []" becomes a block list, keeping a comment after it', () => {
    expect(appendJob('# mine\njobs: [] # none yet\n', NEW_JOB)).toBe(`# mine\njobs: # none yet\n${NEW_JOB_LINES}`);
    expect(appendJob('jobs: []\n', NEW_JOB)).toBe(`jobs:\n${NEW_JOB_LINES}`);
  });

  it('"jobs:" with only commented-out jobs under it gets the job after them', () => {
    expect(appendJob('jobs:\n#  - id: old\n#    schedule: "0 1 * * *"\n', NEW_JOB)).toBe(`jobs:\n#  - id: old\n#    schedule: "0 1 * * *"\n${NEW_JOB_LINES}`);
  });

  it('a file with only comments keeps them and gets a jobs list', () => {
    expect(appendJob('# my jobs will go here', NEW_JOB)).toBe(`# my jobs will go here\njobs:\n${NEW_JOB_LINES.replace(/\n$/, '')}`);
    expect(appendJob('', NEW_JOB)).toBe(`jobs:\n${NEW_JOB_LINES}`);
  });

  it('a CRLF file with a single job gets the new job with CRLF and no blank line (its jobs are not separated)', () => {
    const one = 'jobs:\r\n  - id: a\r\n    schedule: "0 1 * * *"\r\n    action: {kind: graph.request, path: /me}\r\n';
    expect(appendJob(one, NEW_JOB)).toBe(one + NEW_JOB_LINES.replace(/\n/g, '\r\n'));
  });

  it('a file indented with four spaces gets the new job indented the same way', () => {
    const four = 'jobs:\n    -   id: a\n        schedule: "0 1 * * *"\n        action:\n            kind: graph.request\n            path: /me\n';
    expect(appendJob(four, NEW_JOB)).toBe(`${four}    - id: weekly\n      schedule: 0 3 * * 1\n      action:\n          kind: graph.request\n          path: /me\n`);
  });

  it('deleting the only job leaves "jobs:" (read as no jobs) with the header comment', () => {
    expect(deleteJob('# header\njobs:\n  - id: a\n    schedule: "0 1 * * *"\n    action: {kind: graph.request, path: /me}\n', 'a')).toBe('# header\njobs:\n');
  });
});

describe('values that change shape', () => {
  const SHORT_BODY = `jobs:
  - id: note
    schedule: "0 9 * * 1"
    action:
      kind: teams.message
      chatId: "19:abc@thread.v2"   # the team chat
      body:
        html: "<p>short</p>"   # one line for now
`;
  const job = (html: string) => ({ id: 'note', schedule: '0 9 * * 1', action: { kind: 'teams.message', chatId: '19:abc@thread.v2', body: { html } } });

  it('a one-line body that becomes several lines is written as a block under its key, keeping the key\'s comment', () => {
    expect(replaceJob(SHORT_BODY, 'note', job('<p>first</p>\n<p>second</p>\n'))).toBe(SHORT_BODY.replace('        html: "<p>short</p>"   # one line for now\n', '        html: | # one line for now\n          <p>first</p>\n          <p>second</p>\n'));
  });

  it('a block body changed is rewritten at the same indentation, and nothing else moves', () => {
    const html = '<p>Bye,</p>\n<p>see you.</p>\n';
    const replaced = { ...reportJob(), action: { ...(reportJob().action as object), body: { html } } };
    expect(replaceJob(HAND_WRITTEN, 'report', replaced)).toBe(edited(HAND_WRITTEN, '          <p>Hello,</p>\n          <p>the report.</p>\n', '          <p>Bye,</p>\n          <p>see you.</p>\n'));
  });

  it('a value that stays on its line keeps its trailing comment', () => {
    expect(replaceJob(SHORT_BODY, 'note', job('<p>still short</p>'))).toBe(SHORT_BODY.replace('"<p>short</p>"', '"<p>still short</p>"'));
  });
});
