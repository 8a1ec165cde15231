import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_SCOPES, defaultScopesFor, defaultScopesLeftOut, isDefaultScopeSetFor } from '../../shared/default-scopes.js';
import { findGraphDelegatedPermission } from '../../shared/graph-permissions.js';

const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const AZURE_CLI = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const GRAPH_POWERSHELL = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

describe('the default scopes of a profile follow what its client can get', () => {
  it('gives Office only what Microsoft pre-authorises it for: mail, calendars, files, tasks and user basics, no Teams posting', () => {
    expect(defaultScopesFor(OFFICE)).toEqual(['Mail.Send', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Files.ReadWrite.All', 'Tasks.ReadWrite', 'User.ReadBasic.All']);
    expect(defaultScopesLeftOut(OFFICE)).toEqual(['Mail.ReadWrite.Shared', 'Chat.ReadWrite', 'Chat.Create', 'ChannelMessage.Send', 'Channel.ReadBasic.All', 'Team.ReadBasic.All', 'Sites.ReadWrite.All', 'User.Read']);
    expect(defaultScopesFor(OFFICE.toUpperCase())).toEqual(defaultScopesFor(OFFICE));
  });

  it('still lets an Office profile read who signed in (/me takes User.ReadBasic.All as well as User.Read)', () => {
    expect(defaultScopesFor(OFFICE)).toContain('User.ReadBasic.All');
  });

  it('gives Azure CLI, which has none of the broad set, just a permission to read who signed in', () => {
    expect(defaultScopesFor(AZURE_CLI)).toEqual(['User.Read.All']);
    expect(defaultScopesLeftOut(AZURE_CLI)).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
  });

  it('gives Graph PowerShell and custom client IDs the whole broad set, as a fresh copy each time', () => {
    expect(defaultScopesFor(GRAPH_POWERSHELL)).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    expect(defaultScopesFor('11111111-2222-3333-4444-555555555555')).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    expect(defaultScopesLeftOut(GRAPH_POWERSHELL)).toEqual([]);
    const first = defaultScopesFor(GRAPH_POWERSHELL);
    first.push('Mail.Read');
    expect(defaultScopesFor(GRAPH_POWERSHELL)).not.toContain('Mail.Read');
  });

  it('asks only for real Graph delegated permissions, for every client', () => {
    for (const clientId of [OFFICE, AZURE_CLI, GRAPH_POWERSHELL]) {
      for (const scope of defaultScopesFor(clientId)) expect(findGraphDelegatedPermission(scope)).toBe(scope);
    }
  });

  it('recognises a client\'s default set in any order or case, and nothing else', () => {
    expect(isDefaultScopeSetFor(OFFICE, defaultScopesFor(OFFICE).toReversed().map((scope) => scope.toLowerCase()))).toBe(true);
    expect(isDefaultScopeSetFor(OFFICE, [...DEFAULT_SIGN_IN_SCOPES])).toBe(false);
    expect(isDefaultScopeSetFor(OFFICE, defaultScopesFor(OFFICE).slice(1))).toBe(false);
    expect(isDefaultScopeSetFor(GRAPH_POWERSHELL, [...DEFAULT_SIGN_IN_SCOPES])).toBe(true);
  });
});
