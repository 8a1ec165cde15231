import { describe, expect, it } from 'vitest';
import {
  GRAPH_APPLICATION_ONLY_PERMISSIONS,
  GRAPH_DELEGATED_PERMISSIONS,
  GRAPH_PERMISSIONS_REFERENCE_URL,
  LEGACY_GRAPH_DELEGATED_PERMISSIONS,
  OIDC_SCOPES,
  findGraphApplicationOnlyPermission,
  findGraphDelegatedPermission,
  findOidcScope,
} from '../../shared/graph-permissions.js';
import {
  DEFAULT_SIGN_IN_SCOPES,
  GRAPH_RESOURCES,
  parseScope,
  qualifyGraphScope,
  splitScopeText,
  suggestPermission,
  validateScopes,
  type ScopeProblem,
} from '../../shared/scopes.js';

function errorsOf(problems: readonly ScopeProblem[]): ScopeProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

describe('the Graph permission catalogue', () => {
  it('holds several hundred delegated permission names', () => {
    expect(GRAPH_DELEGATED_PERMISSIONS.length).toBeGreaterThan(300);
  });

  it('contains the permissions people ask for every day, in Graph’s own casing', () => {
    const everyday = [
      'Mail.Send',
      'Mail.Read',
      'Mail.ReadWrite.Shared',
      'Calendars.ReadWrite',
      'Calendars.Read.Shared',
      'Chat.ReadWrite',
      'ChannelMessage.Send',
      'Channel.ReadBasic.All',
      'Team.ReadBasic.All',
      'Files.ReadWrite.All',
      'Sites.ReadWrite.All',
      'Tasks.ReadWrite',
      'User.Read',
      'User.ReadBasic.All',
      'Group.ReadWrite.All',
      'Directory.Read.All',
      'Notes.ReadWrite',
      'People.Read',
      'Presence.Read.All',
      'OnlineMeetings.ReadWrite',
      'Contacts.ReadWrite',
      'MailboxSettings.ReadWrite',
      'eDiscovery.Read.All',
    ];
    for (const name of everyday) expect(GRAPH_DELEGATED_PERMISSIONS).toContain(name);
  });

  it('lists each permission once, even ignoring case', () => {
    const lower = GRAPH_DELEGATED_PERMISSIONS.map((name) => name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('spells every permission as dot-separated words', () => {
    for (const name of GRAPH_DELEGATED_PERMISSIONS) expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/);
  });

  it('keeps application-only permissions and OIDC scopes out of the delegated list', () => {
    for (const name of GRAPH_APPLICATION_ONLY_PERMISSIONS) expect(findGraphDelegatedPermission(name)).toBeUndefined();
    for (const scope of OIDC_SCOPES) expect(findGraphDelegatedPermission(scope)).toBeUndefined();
  });

  it('counts retired names as accepted permissions', () => {
    for (const name of LEGACY_GRAPH_DELEGATED_PERMISSIONS) expect(GRAPH_DELEGATED_PERMISSIONS).toContain(name);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(GRAPH_DELEGATED_PERMISSIONS)).toBe(true);
    expect(Object.isFrozen(GRAPH_APPLICATION_ONLY_PERMISSIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SIGN_IN_SCOPES)).toBe(true);
  });

  it('finds a permission whatever case it is typed in and answers with Graph’s spelling', () => {
    expect(findGraphDelegatedPermission('files.readwrite.all')).toBe('Files.ReadWrite.All');
    expect(findGraphDelegatedPermission('EDISCOVERY.READ.ALL')).toBe('eDiscovery.Read.All');
    expect(findGraphDelegatedPermission('Calendar.ReadWrite')).toBeUndefined();
    expect(findGraphApplicationOnlyPermission('chat.read.all')).toBe('Chat.Read.All');
    expect(findOidcScope('Offline_Access')).toBe('offline_access');
  });
});

describe('the default sign-in scopes', () => {
  it('are all real delegated Graph permissions', () => {
    for (const scope of DEFAULT_SIGN_IN_SCOPES) expect(findGraphDelegatedPermission(scope)).toBe(scope);
  });

  it('validate without a single problem', () => {
    const result = validateScopes(DEFAULT_SIGN_IN_SCOPES);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
  });

  it('use the corrected Calendars.ReadWrite, not the seed list’s Calendar.ReadWrite', () => {
    expect(DEFAULT_SIGN_IN_SCOPES).toContain('Calendars.ReadWrite');
    expect(DEFAULT_SIGN_IN_SCOPES).not.toContain('Calendar.ReadWrite');
  });
});

describe('misspelt Graph permissions', () => {
  it('reject Calendar.ReadWrite and suggest Calendars.ReadWrite in plain words', () => {
    const result = validateScopes(['Calendar.ReadWrite']);
    expect(result.ok).toBe(false);
    expect(result.scopes).toEqual([]);
    expect(result.problems).toEqual([
      {
        scope: 'Calendar.ReadWrite',
        code: 'unknown-graph-permission',
        severity: 'error',
        message: '"Calendar.ReadWrite" is not a Microsoft Graph permission. Did you mean "Calendars.ReadWrite"?',
        suggestion: 'Calendars.ReadWrite',
      },
    ]);
  });

  it.each([
    ['Calendar.ReadWrite', 'Calendars.ReadWrite'],
    ['Mail.Sent', 'Mail.Send'],
    ['Sites.FullControll.All', 'Sites.FullControl.All'],
    ['User.Reed', 'User.Read'],
    ['Mial.Send', 'Mail.Send'],
    ['Mail.ReadWrites', 'Mail.ReadWrite'],
    ['Calendars.ReadWrite.Share', 'Calendars.ReadWrite.Shared'],
    ['Chats.ReadWrite', 'Chat.ReadWrite'],
    ['ChannelMessages.Send', 'ChannelMessage.Send'],
    ['Team.ReadBasic', 'Team.ReadBasic.All'],
    ['Contact.Read', 'Contacts.Read'],
    ['Presense.Read', 'Presence.Read'],
    ['OnlineMeeting.ReadWrite', 'OnlineMeetings.ReadWrite'],
    ['Task.ReadWrite', 'Tasks.ReadWrite'],
    ['Directory.ReadAll', 'Directory.Read.All'],
    ['User.Read.Basic.All', 'User.ReadBasic.All'],
    ['MailboxSetting.ReadWrite', 'MailboxSettings.ReadWrite'],
    ['Calender.Read', 'Calendars.Read'],
    ['Sites.ReadWrite', 'Sites.ReadWrite.All'],
    ['Files.ReadWrite.Al', 'Files.ReadWrite.All'],
    ['Mail.Send.All', 'Mail.Send'],
    ['Mail.Write', 'Mail.ReadWrite'],
    ['Chat.Send', 'ChatMessage.Send'],
    ['Channel.Send', 'ChannelMessage.Send'],
    ['offline_acess', 'offline_access'],
  ])('suggest the intended permission when %s is typed', (typed, intended) => {
    expect(suggestPermission(typed)).toBe(intended);
    const [problem] = validateScopes([typed]).problems;
    expect(problem?.code).toBe('unknown-graph-permission');
    expect(problem?.suggestion).toBe(intended);
    expect(problem?.message).toBe(`"${typed}" is not a Microsoft Graph permission. Did you mean "${intended}"?`);
  });

  it('say when no permission is close, and point to the Graph permissions reference', () => {
    expect(suggestPermission('Foo.Bar')).toBeUndefined();
    const [problem] = validateScopes(['Foo.Bar']).problems;
    expect(problem?.code).toBe('unknown-graph-permission');
    expect(problem?.suggestion).toBeUndefined();
    expect(problem?.message).toContain('no permission name is close');
    expect(problem?.message).toContain(GRAPH_PERMISSIONS_REFERENCE_URL);
  });

  it('list real permissions of the resource when only the resource was typed', () => {
    const [problem] = validateScopes(['Mail']).problems;
    expect(problem?.suggestion).toBeUndefined();
    expect(problem?.message).toContain('Permissions for Mail include "Mail.Read", "Mail.Send"');
    expect(problem?.message).toContain(GRAPH_PERMISSIONS_REFERENCE_URL);
  });

  it('are suggested with the same Graph host they were qualified with', () => {
    const [problem] = validateScopes(['https://graph.microsoft.us/Calendar.Read']).problems;
    expect(problem?.suggestion).toBe('https://graph.microsoft.us/Calendars.Read');
  });

  it('are accepted when the caller vouches for a permission newer than the catalogue', () => {
    expect(validateScopes(['Brand.New.Permission']).ok).toBe(false);
    const result = validateScopes(['Brand.New.Permission'], { extraGraphPermissions: ['Brand.New.Permission'] });
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual(['Brand.New.Permission']);
  });
});

describe('casing and repeats', () => {
  it('accept a permission typed in the wrong case and request it in Graph’s casing', () => {
    const result = validateScopes(['files.readwrite.all']);
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual(['Files.ReadWrite.All']);
    expect(result.problems).toEqual([
      {
        scope: 'files.readwrite.all',
        code: 'wrong-case',
        severity: 'warning',
        message: '"files.readwrite.all" is written in the wrong case; it will be requested as "Files.ReadWrite.All".',
        suggestion: 'Files.ReadWrite.All',
      },
    ]);
  });

  it('drop a repeated scope, even one in another case, with a warning', () => {
    const result = validateScopes(['Mail.Send', 'mail.send', 'Mail.Send']);
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual(['Mail.Send']);
    expect(result.problems.filter((problem) => problem.code === 'duplicate').map((problem) => problem.message)).toEqual([
      '"mail.send" repeats "Mail.Send"; the repeat is ignored.',
      '"Mail.Send" is listed more than once; the repeat is ignored.',
    ]);
  });

  it('ignore spaces around a scope', () => {
    const result = validateScopes(['  Mail.Send ']);
    expect(result).toEqual({ ok: true, scopes: ['Mail.Send'], problems: [] });
  });
});

describe('scopes that are not single, well-formed names', () => {
  it('report an empty entry', () => {
    const result = validateScopes(['Mail.Send', '', '   ']);
    expect(result.ok).toBe(false);
    expect(result.scopes).toEqual(['Mail.Send']);
    expect(errorsOf(result.problems).map((problem) => problem.message)).toEqual([
      'An empty scope is listed. Remove the empty entry.',
      'An empty scope is listed. Remove the empty entry.',
    ]);
  });

  it('report an empty list', () => {
    const result = validateScopes([]);
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.code).toBe('no-scopes');
  });

  it('ask for a comma-separated paste to be listed as separate entries', () => {
    const [problem] = validateScopes(['Mail.Send, Mail.Read']).problems;
    expect(problem).toEqual({
      scope: 'Mail.Send, Mail.Read',
      code: 'malformed',
      severity: 'error',
      message: '"Mail.Send, Mail.Read" contains a comma, but each scope must be its own entry. List them separately: "Mail.Send", "Mail.Read".',
      parts: ['Mail.Send', 'Mail.Read'],
    });
  });

  it('ask for space-separated scopes in one entry to be split', () => {
    const [problem] = validateScopes(['Mail.Send Mail.Read']).problems;
    expect(problem?.code).toBe('malformed');
    expect(problem?.parts).toEqual(['Mail.Send', 'Mail.Read']);
  });

  it('suggest the joined name when a space slipped into one permission', () => {
    const [problem] = validateScopes(['Mail. Send']).problems;
    expect(problem?.message).toBe('"Mail. Send" contains a space, which a scope name never has. Did you mean "Mail.Send"?');
    expect(problem?.suggestion).toBe('Mail.Send');
  });

  it('name the stray characters of a pasted, quoted scope and suggest the clean one', () => {
    const [problem] = validateScopes(['"Mail.Send";']).problems;
    expect(problem?.message).toContain('contains a double quote and a semicolon');
    expect(problem?.suggestion).toBe('Mail.Send');
  });

  it('reject a trailing dot and suggest the name without it', () => {
    expect(validateScopes(['Mail.Send.']).problems[0]?.suggestion).toBe('Mail.Send');
  });

  it('explain that a resource URL needs a permission after it', () => {
    const [problem] = validateScopes(['https://contoso.sharepoint.com']).problems;
    expect(problem?.message).toContain('names a resource but no permission');
    expect(problem?.suggestion).toBe('https://contoso.sharepoint.com/.default');
  });

  it('reject a Graph URL with a version in it and show the right form', () => {
    const [problem] = validateScopes(['https://graph.microsoft.com/v1.0/Mail.Send']).problems;
    expect(problem?.message).toContain('has extra path segments');
    expect(problem?.suggestion).toBe('https://graph.microsoft.com/Mail.Send');
  });

  it('reject .default on its own and show it with the Graph resource', () => {
    expect(validateScopes(['.default']).problems[0]?.suggestion).toBe('https://graph.microsoft.com/.default');
  });
});

describe('application permissions', () => {
  it('are refused with an explanation, pointing to the delegated permission when there is one', () => {
    const [problem] = validateScopes(['Chat.Read.All']).problems;
    expect(problem?.code).toBe('application-only');
    expect(problem?.message).toBe(
      '"Chat.Read.All" is an application permission, for apps that run without a signed-in user. Delegate signs in as you, so it can only use delegated permissions. Did you mean "Chat.Read"?',
    );
    expect(problem?.suggestion).toBe('Chat.Read');
  });

  it('point to the reference when no delegated permission is close', () => {
    const [problem] = validateScopes(['Calls.Initiate.All']).problems;
    expect(problem?.code).toBe('application-only');
    expect(problem?.suggestion).toBeUndefined();
    expect(problem?.message).toContain(GRAPH_PERMISSIONS_REFERENCE_URL);
  });
});

describe('other kinds of scope', () => {
  it('always allow the OIDC scopes, in lower case', () => {
    const result = validateScopes(['openid', 'Profile', 'email', 'offline_access', 'User.Read']);
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual(['openid', 'profile', 'email', 'offline_access', 'User.Read']);
    expect(result.problems.map((problem) => problem.code)).toEqual(['wrong-case']);
  });

  it('allow another API’s scopes without checking them against Graph', () => {
    expect(validateScopes(['api://11111111-2222-3333-4444-555555555555/access_as_user'])).toEqual({
      ok: true,
      scopes: ['api://11111111-2222-3333-4444-555555555555/access_as_user'],
      problems: [],
    });
    expect(validateScopes(['https://contoso.sharepoint.com/.default']).ok).toBe(true);
  });

  it('accept Graph permissions qualified with a national cloud’s Graph host', () => {
    const result = validateScopes(['https://graph.microsoft.us/Mail.Send', 'https://graph.microsoft.us/mail.read', 'User.Read']);
    expect(result.ok).toBe(true);
    expect(result.scopes).toEqual(['https://graph.microsoft.us/Mail.Send', 'https://graph.microsoft.us/Mail.Read', 'User.Read']);
  });

  it('refuse Graph’s .default next to individual Graph permissions', () => {
    const result = validateScopes(['https://graph.microsoft.com/.default', 'Mail.Send']);
    expect(result.ok).toBe(false);
    const [problem] = errorsOf(result.problems);
    expect(problem?.code).toBe('default-mixed');
    expect(problem?.scope).toBe('https://graph.microsoft.com/.default');
    expect(problem?.message).toContain('can\'t be combined with individual Microsoft Graph permissions such as "Mail.Send"');
  });

  it('refuse another resource’s .default next to Graph permission names', () => {
    const result = validateScopes(['Mail.Send', 'https://contoso.sharepoint.com/.default']);
    expect(result.ok).toBe(false);
    const [problem] = errorsOf(result.problems);
    expect(problem?.code).toBe('mixed-resources');
    expect(problem?.scope).toBe('https://contoso.sharepoint.com/.default');
    expect(problem?.message).toContain('Microsoft Graph and https://contoso.sharepoint.com');
  });

  it('refuse Graph permissions for two different clouds in one list', () => {
    const result = validateScopes(['https://graph.microsoft.us/Mail.Send', 'https://graph.microsoft.com/Mail.Read']);
    expect(errorsOf(result.problems).map((problem) => problem.code)).toEqual(['mixed-resources']);
  });
});

describe('parseScope', () => {
  it('tells short, qualified and unknown Graph names apart', () => {
    expect(parseScope('Mail.Send')).toEqual({ kind: 'graph', input: 'Mail.Send', name: 'Mail.Send', graphResource: null, catalogue: 'delegated', canonical: 'Mail.Send' });
    expect(parseScope('https://graph.microsoft.com/Mail.Send')).toMatchObject({ kind: 'graph', graphResource: 'https://graph.microsoft.com', canonical: 'Mail.Send' });
    expect(parseScope('Calendar.ReadWrite')).toMatchObject({ kind: 'graph', catalogue: 'unknown', canonical: null });
    expect(parseScope('Chat.Read.All')).toMatchObject({ kind: 'graph', catalogue: 'application-only' });
  });

  it('recognises every national cloud’s Graph host', () => {
    for (const host of ['https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn']) {
      expect(GRAPH_RESOURCES).toContain(host);
      expect(parseScope(`${host}/Mail.Send`)).toMatchObject({ kind: 'graph', graphResource: host });
    }
  });

  it('treats Graph’s application ID in place of its URL as Graph', () => {
    expect(parseScope('00000003-0000-0000-c000-000000000000/Mail.Send')).toMatchObject({ kind: 'graph', canonical: 'Mail.Send' });
    expect(parseScope('00000003-0000-0000-c000-000000000000/.default')).toMatchObject({ kind: 'resource-default', isGraph: true });
    expect(validateScopes(['00000003-0000-0000-c000-000000000000/Mail.Send', 'User.Read']).ok).toBe(true);
    expect(validateScopes(['00000003-0000-0000-c000-000000000000/v1.0/Mail.Send']).problems[0]?.suggestion).toBe('00000003-0000-0000-c000-000000000000/Mail.Send');
  });

  it('recognises OIDC scopes, .default scopes and other resources’ scopes', () => {
    expect(parseScope('offline_access')).toEqual({ kind: 'oidc', input: 'offline_access', scope: 'offline_access' });
    expect(parseScope('https://graph.microsoft.com/.default')).toMatchObject({ kind: 'resource-default', resource: 'https://graph.microsoft.com', isGraph: true });
    expect(parseScope('https://contoso.sharepoint.com/.default')).toMatchObject({ kind: 'resource-default', resource: 'https://contoso.sharepoint.com', isGraph: false });
    expect(parseScope('https://management.core.windows.net//.default')).toMatchObject({ kind: 'resource-default', resource: 'https://management.core.windows.net/' });
    expect(parseScope('https://x/y')).toEqual({ kind: 'resource', input: 'https://x/y', resource: 'https://x', permission: 'y' });
    expect(parseScope('api://1234/scope')).toMatchObject({ kind: 'resource', resource: 'api://1234', permission: 'scope' });
  });

  it('reports why a scope string is unusable', () => {
    expect(parseScope('  ')).toMatchObject({ kind: 'malformed', reason: 'empty' });
    expect(parseScope('Mail.Send, Mail.Read')).toMatchObject({ kind: 'malformed', reason: 'comma' });
    expect(parseScope('Mail. Send')).toMatchObject({ kind: 'malformed', reason: 'whitespace' });
    expect(parseScope('Mail.Send;')).toMatchObject({ kind: 'malformed', reason: 'invalid-characters' });
    expect(parseScope('https://contoso.sharepoint.com')).toMatchObject({ kind: 'malformed', reason: 'missing-permission' });
  });
});

describe('qualifyGraphScope', () => {
  it('qualifies a short Graph name with the given Graph resource', () => {
    expect(qualifyGraphScope('Mail.Send', 'https://graph.microsoft.com')).toBe('https://graph.microsoft.com/Mail.Send');
    expect(qualifyGraphScope('mail.send', 'https://graph.microsoft.us/')).toBe('https://graph.microsoft.us/Mail.Send');
  });

  it('moves a scope qualified for one cloud’s Graph to another', () => {
    expect(qualifyGraphScope('https://graph.microsoft.com/Mail.Send', 'https://dod-graph.microsoft.us')).toBe('https://dod-graph.microsoft.us/Mail.Send');
    expect(qualifyGraphScope('https://graph.microsoft.com/.default', 'https://microsoftgraph.chinacloudapi.cn')).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
  });

  it('leaves OIDC scopes and other resources’ scopes alone', () => {
    expect(qualifyGraphScope('openid', 'https://graph.microsoft.us')).toBe('openid');
    expect(qualifyGraphScope('https://contoso.sharepoint.com/.default', 'https://graph.microsoft.us')).toBe('https://contoso.sharepoint.com/.default');
  });
});

describe('splitScopeText', () => {
  it('splits pasted text at spaces, commas and semicolons', () => {
    expect(splitScopeText(' Mail.Send, Mail.Read;User.Read\n offline_access ')).toEqual(['Mail.Send', 'Mail.Read', 'User.Read', 'offline_access']);
  });
});
