import { describe, expect, it } from 'vitest';
import { checkDraft, fieldKeysFor, hasIssues } from '../../renderer/jobs/editor/job-issues.js';
import { newDraft } from '../../renderer/jobs/editor/job-draft.js';
import { addEntries, recipientsList, recipientsValue, splitAddresses } from '../../renderer/jobs/editor/recipients.js';

const none = { otherIds: [], local: {} };
const mail = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id: 'report', schedule: '0 7 * * 1-5', ...extra, action: { kind: 'mail.send', to: 'ops@contoso.com', subject: 'Hi', body: { text: '' }, ...action } });

describe('the schema\'s issues on the form', () => {
  it('a valid job has none', () => {
    expect(hasIssues(checkDraft(mail({}), none))).toBe(false);
  });

  it('a wrong address in a list is shown on the recipients field, naming the address', () => {
    const issues = checkDraft(mail({ to: ['ops@contoso.com', 'not-an-address'] }), none);
    expect(issues.fields['action.to']).toBe('“not-an-address”: must be an email address');
    expect(issues.summary).toEqual([]);
  });

  it('a missing required field says it is required or what it must be, on that field', () => {
    const draft = newDraft('mail.send');
    const issues = checkDraft(draft, none);
    expect(issues.fields['action.to']).toBe('Must be an email address');
    expect(issues.fields['action.subject']).toBe('Must be a subject');
    expect(issues.fields.id).toMatch(/^Must be up to 64 letters/);
  });

  it('a schedule that never fires is an error on the schedule', () => {
    expect(checkDraft(mail({}, { schedule: '0 0 30 2 *' }), none).fields.schedule).toMatch(/never/);
  });

  it('a drive location is checked in the shape the person chose (site URL), not the first the schema lists', () => {
    const job = { id: 'pull', schedule: '0 6 * * *', action: { kind: 'files.download', source: { site: 'http://contoso.sharepoint.com' }, destination: 'x.xlsx' } };
    const issues = checkDraft(job, none);
    expect(issues.fields['action.source.site']).toBe('Must be an https:// SharePoint site URL');
    expect(issues.fields['action.source.path']).toBe("Must be a path inside the site's document library");
    const mine = checkDraft({ ...job, action: { ...job.action, source: { drive: 'me' } } }, none);
    expect(mine.fields['action.source.path']).toBe('Must be a path inside your OneDrive');
  });

  it('a Teams post with a team but no channel is shown on the chat/channel choice', () => {
    const job = { id: 'post', schedule: '0 6 * * *', action: { kind: 'teams.message', teamId: 'x', body: { text: 'hi' } } };
    expect(checkDraft(job, none).fields.action).toBe('A channel needs both teamId and channelId');
  });

  it('a token variable that cannot hold a token is shown on its row', () => {
    const job = { id: 'etl', schedule: '0 2 * * *', action: { kind: 'script', command: 'python3', tokens: [{ env: 'GRAPH_TOKEN' }, { env: 'PATH' }] } };
    expect(fieldKeysFor(job)).toContain('action.tokens.1.env');
    expect(checkDraft(job, none).fields['action.tokens.1.env']).toMatch(/^Cannot hold a token/);
  });

  it('numbers typed as words, fractions of a retry and out-of-range values get plain messages', () => {
    const issues = checkDraft(mail({}, { timeoutMinutes: 'ten', retries: { attempts: 1.5, backoffSeconds: -1 } }), none);
    expect(issues.fields.timeoutMinutes).toBe('Must be a number');
    expect(issues.fields['retries.attempts']).toBe('Must be a whole number');
    expect(issues.fields['retries.backoffSeconds']).toBe('Must be at least 0');
  });

  it('a field the form does not know (a typo in the file) goes in the summary, as it cannot be shown on a field', () => {
    const issues = checkDraft(mail({ colour: 'blue' }, { sheduel: 'x' }), none);
    expect(issues.summary.map((issue) => issue.text).sort()).toEqual(['The job: has a field Delegate does not know: sheduel', 'action: has a field Delegate does not know: colour']);
    expect(issues.summary.map((issue) => issue.unknown)).toContainEqual({ path: ['action'], key: 'colour' });
    const teams = checkDraft({ id: 'post', schedule: '0 6 * * *', action: { kind: 'teams.message', chatId: '19:x', body: { text: 'hi' }, colour: 'blue' } }, none);
    expect(teams.summary.map((issue) => issue.text)).toEqual(['action: has a field Delegate does not know: colour']);
    expect(teams.fields).toEqual({});
    expect(issues.fields).toEqual({});
  });

  it('an id another job has is refused on the id field, ignoring case', () => {
    expect(checkDraft(mail({}), { otherIds: ['Report'], local: {} }).fields.id).toBe('Another job already has this id: choose another');
  });

  it('a name that makes no id (another script, only punctuation) says to type an id, naming the name; a Latin one keeps the rule', () => {
    expect(checkDraft(mail({}, { id: '', name: 'Отчёт' }), none).fields.id).toBe('Type an id: “Отчёт” has no letters a–z or digits to make one from');
    expect(checkDraft(mail({}, { id: '', name: ' !!! ' }), none).fields.id).toBe('Type an id: “!!!” has no letters a–z or digits to make one from');
    expect(checkDraft(mail({}, { id: '', name: 'Отчёт'.repeat(20) }), none).fields.id).toMatch(/^Type an id: “(Отчёт){8}…” has no/);
    // The id was cleared by hand but the name would make one: the schema's rule says what an id is.
    expect(checkDraft(mail({}, { id: '', name: 'Report' }), none).fields.id).toMatch(/^Must be up to 64 letters/);
    expect(checkDraft(mail({}, { id: 'report-ru', name: 'Отчёт' }), none).fields.id).toBeUndefined();
  });

  it('a field the window could not read (JSON that does not parse) is an issue too', () => {
    const issues = checkDraft(mail({}), { otherIds: [], local: { 'action.body': 'Is not valid JSON: Unexpected token' } });
    expect(issues.fields['action.body']).toBe('Is not valid JSON: Unexpected token');
    expect(hasIssues(issues)).toBe(true);
  });
});

describe('recipients as chips', () => {
  it('pasting "a@x.com; b@x.com" gives two chips, and Outlook\'s "Name <address>" gives the address', () => {
    expect(splitAddresses('a@x.com; b@x.com')).toEqual(['a@x.com', 'b@x.com']);
    expect(splitAddresses('Alex Wilber <alex@contoso.com>, "Megan" <megan@contoso.com>\nc@x.com')).toEqual(['alex@contoso.com', 'megan@contoso.com', 'c@x.com']);
  });

  it('an address already there is not added twice', () => {
    expect(addEntries(['a@x.com'], ['A@x.com', 'b@x.com'])).toEqual(['a@x.com', 'b@x.com']);
  });

  it('one recipient is written as text, several as a list, none not at all', () => {
    expect(recipientsValue(['a@x.com'])).toBe('a@x.com');
    expect(recipientsValue(['a@x.com', 'b@x.com'])).toEqual(['a@x.com', 'b@x.com']);
    expect(recipientsValue([])).toBeUndefined();
    expect(recipientsList('a@x.com')).toEqual(['a@x.com']);
  });
});
