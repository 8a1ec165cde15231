import { describe, expect, it } from 'vitest';
import { jobSchema, type Job } from '../../../shared/jobs/job-schema.js';
import { checkJobScopes, missingScopes, scopesNeeded } from '../../../electron/core/jobs/job-scopes.js';
import { findRefusedScopes } from '../../../electron/core/auth/scope-refusal.js';
import { suggestClientFor } from '../../../shared/preauthorized-scopes.js';

const job = (action: Record<string, unknown>): Job => jobSchema.parse({ id: 'j', schedule: '0 7 * * *', action });
const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const AZURE_CLI = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

describe('the scopes each job kind needs', () => {
  it('needs Mail.Send to send mail, and nothing else covers it', () => {
    const send = job({ kind: 'mail.send', to: 'a@b.com', subject: 's', body: { text: 't' } });
    expect(scopesNeeded(send)).toEqual([{ anyOf: ['Mail.Send'], purpose: 'send mail as you' }]);
    expect(missingScopes(send, ['Mail.ReadWrite', 'Mail.ReadWrite.Shared'])).toHaveLength(1);
    expect(missingScopes(send, ['mail.send'])).toEqual([]); // Entra compares names without regard to case
  });

  it('accepts any one of the alternatives Graph accepts: Files.ReadWrite.All for reading your OneDrive', () => {
    const download = job({ kind: 'files.download', source: { drive: 'me', path: 'a.txt' }, destination: 'a.txt' });
    expect(missingScopes(download, ['Files.ReadWrite.All'])).toEqual([]);
    const library = job({ kind: 'files.download', source: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'a.txt' }, destination: 'a.txt' });
    expect(missingScopes(library, ['Files.ReadWrite'])).toHaveLength(1); // own-drive permission does not reach a site
    expect(missingScopes(library, ['Sites.Read.All'])).toEqual([]);
  });

  it('needs a Sites permission for a library named by its site URL (finding the site takes one), Files.*.All for a drive ID', () => {
    const bySite = job({ kind: 'files.download', source: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'a.txt' }, destination: 'a.txt' });
    expect(missingScopes(bySite, ['Files.ReadWrite.All'])).toHaveLength(1);
    const upload = job({ kind: 'files.upload', source: 'a.txt', destination: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'In' } });
    expect(missingScopes(upload, ['Sites.Read.All'])).toHaveLength(1);
    expect(missingScopes(upload, ['Sites.ReadWrite.All'])).toEqual([]);
    const byDrive = job({ kind: 'files.download', source: { driveId: 'b!x', path: 'a.txt' }, destination: 'a.txt' });
    expect(missingScopes(byDrive, ['Files.ReadWrite.All'])).toEqual([]);
  });

  it('needs the .Shared permissions for another mailbox, and the write one to mark or move mail there', () => {
    const read = job({ kind: 'mail.attachments', mailbox: 'finance@contoso.com', saveTo: 'in' });
    expect(scopesNeeded(read)?.[0]?.anyOf).toEqual(['Mail.Read.Shared', 'Mail.ReadWrite.Shared']);
    const move = job({ kind: 'mail.attachments', mailbox: 'finance@contoso.com', saveTo: 'in', moveTo: 'Done' });
    expect(missingScopes(move, ['Mail.Read.Shared', 'Mail.ReadWrite'])).toHaveLength(1);
  });

  it('tells chats from channels', () => {
    expect(scopesNeeded(job({ kind: 'teams.message', chatId: 'c', body: { text: 't' } }))?.[0]?.anyOf).toContain('ChatMessage.Send');
    expect(scopesNeeded(job({ kind: 'teams.message', teamId: 't', channelId: 'c', body: { text: 't' } }))?.[0]?.anyOf).toContain('ChannelMessage.Send');
  });

  it('knows nothing about a Graph request or script that declares nothing, and never flags it', () => {
    expect(scopesNeeded(job({ kind: 'graph.request', path: '/me' }))).toBeNull();
    expect(scopesNeeded(job({ kind: 'script', command: 'x' }))).toBeNull();
    expect(missingScopes(job({ kind: 'graph.request', path: '/me' }), [])).toEqual([]);
    const declared = job({ kind: 'graph.request', path: '/sites/root', scopes: ['Sites.Read.All'] });
    expect(missingScopes(declared, ['User.Read'])).toEqual([{ anyOf: ['Sites.Read.All'], purpose: 'GET /sites/root' }]);
    const script = job({ kind: 'script', command: 'x', tokens: [{ env: 'T', scopes: ['Chat.Read'] }, { env: 'SP', resource: 'https://contoso.sharepoint.com' }] });
    expect(scopesNeeded(script)).toEqual([{ anyOf: ['Chat.Read'], purpose: "the script's T" }]);
  });

  it('flags nothing while the granted set is unknown, and names a refused scope with a client that has it', () => {
    const send = job({ kind: 'mail.send', to: 'a@b.com', subject: 's', body: { text: 't' } });
    expect(checkJobScopes(send, 'work', { granted: null, refused: [], clientId: AZURE_CLI })).toBeNull();
    const verdict = checkJobScopes(send, 'work', { granted: ['User.Read.All'], refused: ['Mail.Send'], clientId: AZURE_CLI });
    expect(verdict?.message).toContain('Microsoft does not let client ID 04b07795-8ddb-461a-bbee-02f9e1bf7b46 use Mail.Send (AADSTS65002)');
    expect(verdict?.action).toContain('--client-id office');
    const notAsked = checkJobScopes(send, 'work', { granted: ['User.Read'], refused: [], clientId: OFFICE });
    expect(notAsked?.action).toContain('Add Mail.Send to the profile');
  });

  it('sends a Teams post or a shared mailbox on Office to a Graph PowerShell profile instead of a scope Office cannot ask for', () => {
    const officeDefaults = ['Mail.Send', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Files.ReadWrite.All', 'Tasks.ReadWrite', 'User.ReadBasic.All'];
    const post = job({ kind: 'teams.message', teamId: 't', channelId: 'c', body: { text: 'hi' } });
    const verdict = checkJobScopes(post, 'work', { granted: officeDefaults, refused: [], clientId: OFFICE });
    expect(verdict?.message).toContain('Microsoft is not known to let client ID d3590ed6-52b3-4102-aeff-aad2292ab01c (Microsoft Office) ask for ChannelMessage.Send (AADSTS65002)');
    expect(verdict?.action).toContain('`delegate profiles add work-graph-powershell --client-id graph-powershell`');
    expect(verdict?.action).toContain('`profile: work-graph-powershell` in the job');
    expect(verdict?.action).not.toContain('Add ChannelMessage.Send');
    // Office does have the broader Group.ReadWrite.All, which Graph also accepts for channel posts: said as the other way.
    expect(verdict?.action).toContain('Or add the broader Group.ReadWrite.All');

    const shared = job({ kind: 'mail.attachments', mailbox: 'finance@contoso.com', saveTo: 'in', markRead: true });
    const sharedVerdict = checkJobScopes(shared, 'work', { granted: officeDefaults, refused: [], clientId: OFFICE });
    expect(sharedVerdict?.action).toContain('--client-id graph-powershell');
    expect(sharedVerdict?.action).not.toContain('Or add');

    // On Graph PowerShell nothing is out of reach: add the scope and sign in again.
    const onPowerShell = checkJobScopes(post, 'teams', { granted: officeDefaults, refused: [], clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' });
    expect(onPowerShell?.action).toContain('Add ChannelMessage.Send to the profile');
  });
});

describe('finding refused scopes', () => {
  it('finds each refused scope by halving, in few requests', async () => {
    const refused = new Set(['C', 'F']);
    let requests = 0;
    const found = await findRefusedScopes(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], async (scopes) => {
      requests += 1;
      return scopes.some((scope) => refused.has(scope)) ? 'refused' : 'granted';
    });
    expect(found).toEqual(['C', 'F']);
    expect(requests).toBeLessThanOrEqual(2 * 8);
    expect(await findRefusedScopes(['A'], async () => 'granted')).toEqual([]);
  });

  it('stops a server that refuses everything inconsistently instead of asking forever', async () => {
    const many = Array.from({ length: 200 }, (_, index) => `S${index}`);
    await expect(findRefusedScopes(many, async () => 'refused')).rejects.toMatchObject({ code: 'auth-failed' });
  });

  it('suggests a client seen pre-authorised for all the refused scopes, never the same one', () => {
    expect(suggestClientFor(['Mail.Send'], AZURE_CLI)).toBe('office');
    expect(suggestClientFor(['ChannelMessage.Send'], OFFICE)).toBe('graph-powershell');
    expect(suggestClientFor(['Mail.Send'], OFFICE.toUpperCase())).toBe('graph-powershell');
    expect(suggestClientFor([], OFFICE)).toBeUndefined();
  });
});

describe('declared scopes written the ways Entra accepts them', () => {
  const granted = ['User.Read', 'Sites.Read.All', 'Files.ReadWrite.All'];

  it('a script asking for https://graph.microsoft.com/.default (as azure-identity does) is never flagged: it asks for whatever was granted', () => {
    const script = job({ kind: 'script', command: 'python3', tokens: [{ env: 'T', scopes: ['https://graph.microsoft.com/.default'] }] });
    expect(missingScopes(script, granted)).toEqual([]);
  });

  it('a Graph request declaring a permission with its resource URL is covered by the same permission in the token', () => {
    const request = job({ kind: 'graph.request', path: '/sites/root', scopes: ['https://graph.microsoft.com/Sites.Read.All'] });
    expect(missingScopes(request, granted)).toEqual([]);
    // …and still flagged when the token really lacks it.
    const send = job({ kind: 'graph.request', method: 'POST', path: '/me/sendMail', scopes: ['https://graph.microsoft.com/Mail.Send'] });
    expect(missingScopes(send, granted)).toHaveLength(1);
  });

  it('the OpenID scopes a script token lists (offline_access, openid) are never in a token\'s scp and are not flagged', () => {
    const script = job({ kind: 'script', command: 'x', tokens: [{ env: 'T', scopes: ['User.Read', 'offline_access', 'openid'] }] });
    expect(missingScopes(script, granted)).toEqual([]);
  });
});
