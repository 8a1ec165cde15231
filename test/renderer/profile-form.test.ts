import { describe, expect, it } from 'vitest';
import { CLIENT_PRESETS } from '../../shared/client-presets.js';
import type { Profile } from '../../shared/models/profile.js';
import { changesSignIn, checkForm, formFromProfile, profileInput, replaceScope, splitScopes, withClientPreset } from '../../renderer/settings/profile-form.js';
import { DEFAULT_SIGN_IN_SCOPES, defaultScopesFor } from '../../shared/default-scopes.js';

const presets = CLIENT_PRESETS.map(({ id, label, clientId }) => ({ id, label, clientId }));
const work: Profile = {
  name: 'work',
  id: 'x',
  cloud: 'global',
  clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  tenant: 'organizations',
  scopes: ['Mail.Send', 'User.Read'],
  extraResources: [],
  lifetimeDays: 90,
  warningDays: 7,
  cacheBackend: 'keychain',
};
const options = { creating: false, existingNames: ['work'], presets };

describe('the profile form', () => {
  it('reads scopes the way the command line does: new lines, spaces, commas and semicolons', () => {
    expect(splitScopes('Mail.Send, Mail.Read\nUser.Read;  Files.Read\n\n')).toEqual(['Mail.Send', 'Mail.Read', 'User.Read', 'Files.Read']);
  });

  it('applies a suggested scope in place, one scope per line', () => {
    expect(replaceScope('Mail.Send Calendar.ReadWrite\nUser.Read', 'Calendar.ReadWrite', ['Calendars.ReadWrite'])).toBe('Mail.Send\nCalendars.ReadWrite\nUser.Read');
  });

  it('starts a new Office profile with only the scopes Office can get, and moves untouched defaults along with the client', () => {
    const fresh = formFromProfile(null, presets);
    expect(splitScopes(fresh.scopesText)).toEqual(defaultScopesFor('d3590ed6-52b3-4102-aeff-aad2292ab01c'));
    const powerShell = withClientPreset(fresh, 'graph-powershell', presets);
    expect(splitScopes(powerShell.scopesText)).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    expect(splitScopes(withClientPreset(powerShell, 'office', presets).scopesText)).not.toContain('ChannelMessage.Send');
    // Scopes the person typed stay as typed, whatever the client.
    expect(withClientPreset({ ...fresh, scopesText: 'Mail.Send' }, 'graph-powershell', presets).scopesText).toBe('Mail.Send');
  });

  it('recognises a preset client ID and starts a new profile with the defaults', () => {
    expect(formFromProfile(work, presets).clientPreset).toBe('office');
    const fresh = formFromProfile(null, presets);
    expect(fresh).toMatchObject({ cloud: 'global', tenant: 'organizations', lifetimeDays: '90', warningDays: '7', cacheBackend: 'keychain' });
    expect(splitScopes(fresh.scopesText).length).toBeGreaterThan(5);
  });

  it('sends only what changed when editing', () => {
    const form = { ...formFromProfile(work, presets), warningDays: '14', scopesText: 'Mail.Send\nUser.Read' };
    expect(profileInput(form, work, presets)).toEqual({ warningDays: 14 });
  });

  it('gives a global-cloud profile the root of a TLS-inspecting proxy, and takes it away again when the field is emptied', () => {
    const withRoot = { ...formFromProfile(work, presets), caFile: ' /etc/corp/inspection-root.pem ' };
    expect(profileInput(withRoot, work, presets)).toEqual({ caFile: '/etc/corp/inspection-root.pem' });
    const saved: Profile = { ...work, caFile: '/etc/corp/inspection-root.pem' };
    const emptied = { ...formFromProfile(saved, presets), caFile: '  ' };
    expect(profileInput(emptied, saved, presets)).toEqual({ caFile: '' });
    expect(profileInput(formFromProfile(saved, presets), saved, presets)).toEqual({});
  });

  it('sends every field, with the custom cloud endpoints, when creating', () => {
    const form = { ...formFromProfile(null, presets), name: 'lab', cloud: 'custom' as const, authorityHost: 'https://127.0.0.1:8443', graphBaseUrl: 'https://127.0.0.1:8443/graph' };
    expect(profileInput(form, null, presets)).toMatchObject({ cloud: 'custom', authorityHost: 'https://127.0.0.1:8443', graphBaseUrl: 'https://127.0.0.1:8443/graph', lifetimeDays: 90 });
  });

  it('knows which changes end the current sign-in', () => {
    expect(changesSignIn({ tenant: 'contoso.com' })).toBe(true);
    expect(changesSignIn({ cacheBackend: 'plaintext' })).toBe(true);
    expect(changesSignIn({ warningDays: 3, scopes: ['User.Read'] })).toBe(false);
  });

  it('explains each field it can check by itself', () => {
    const form = {
      ...formFromProfile(work, presets),
      clientPreset: 'custom',
      customClientId: 'office365',
      tenant: ' ',
      lifetimeDays: '90',
      warningDays: '120',
      extraResourcesText: 'http://contoso.sharepoint.com',
    };
    expect(checkForm(form, options)).toEqual({
      customClientId: expect.stringContaining('GUID'),
      tenant: expect.any(String),
      warningDays: expect.stringContaining('fewer days than the lifetime'),
      extraResourcesText: expect.stringContaining('not an https:// address'),
    });
  });

  it('refuses a new name that is taken or malformed', () => {
    const fresh = formFromProfile(null, presets);
    expect(checkForm({ ...fresh, name: 'Work' }, { ...options, creating: true }).name).toContain('already');
    expect(checkForm({ ...fresh, name: 'my profile' }, { ...options, creating: true }).name).toContain('letters, digits');
  });

  it('asks for an explicit yes before a plaintext token cache', () => {
    const form = { ...formFromProfile(work, presets), cacheBackend: 'plaintext' as const };
    expect(checkForm(form, options).plaintext).toBeDefined();
    expect(checkForm({ ...form, plaintextAcknowledged: true }, options).plaintext).toBeUndefined();
  });
});
