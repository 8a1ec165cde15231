import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/core/config/config-store.js';
import { resolveProfile } from '../../../electron/core/config/profile-resolver.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const write = (value: unknown) => writeFileSync(join(home, 'config.json'), typeof value === 'string' ? value : JSON.stringify(value));

describe('the configuration file', () => {
  it('names the file and the position when it is not JSON', () => {
    write('{ "version": 1, "profiles": { ');
    expect(() => loadConfig(home)).toThrow(/config\.json is not valid:\n\s+not valid JSON: .*position|config\.json is not valid:\n\s+not valid JSON/);
  });

  it('names the field and the reason for a broken profile, and keeps the valid ones usable', async () => {
    await addProfile(home, 'good', { scopes: ['User.Read'] });
    const raw = JSON.parse(JSON.stringify(loadConfig(home).raw));
    raw.profiles.bad = { ...raw.profiles.good, clientId: 'not-a-guid', scope: ['x'] };
    write(raw);
    const config = loadConfig(home);
    const bad = config.entries.find((entry) => entry.name === 'bad');
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.problems.join('\n')).toMatch(/profiles\.bad\.clientId: must be a GUID/);
    expect(bad && !bad.ok && bad.problems.join('\n')).toMatch(/unknown field\(s\) "scope"/);
    expect(resolveProfile(home, 'good').profile.scopes).toEqual(['User.Read']);
    expect(() => resolveProfile(home, 'bad')).toThrow(/profiles\.bad\.clientId/);
  });

  it('rejects an unknown version with a precise message', () => {
    write({ version: 2, profiles: {} });
    expect(() => loadConfig(home)).toThrow(/version: must be 1/);
  });

  it('says which profiles exist when an unknown one is asked for', async () => {
    await addProfile(home, 'work', { scopes: ['User.Read'] });
    expect(() => resolveProfile(home, 'wrok')).toThrow(/no profile named "wrok" \(profiles: work\)/);
  });

  it('asks for a choice when there are several profiles and no default', async () => {
    await addProfile(home, 'a', { scopes: ['User.Read'] });
    await addProfile(home, 'b', { scopes: ['User.Read'] });
    const raw = loadConfig(home).raw;
    delete raw.defaultProfile;
    write(raw);
    expect(() => resolveProfile(home, undefined, {})).toThrow(/several profiles \(a, b\)/);
    expect(resolveProfile(home, undefined, { DELEGATE_PROFILE: 'b' }).profile.name).toBe('b');
  });

  it('rejects a custom cloud without its endpoints', async () => {
    await expect(addProfile(home, 'emu', { cloud: 'custom' })).rejects.toThrow(/--authority-host is required/);
  });

  it('rejects Calendar.ReadWrite and suggests Calendars.ReadWrite', async () => {
    await expect(addProfile(home, 'p', { scopes: ['Calendar.ReadWrite'] })).rejects.toMatchObject({
      code: 'invalid-scope',
      message: expect.stringContaining('Did you mean "Calendars.ReadWrite"'),
    });
  });

  it('accepts client ID presets by name and rejects malformed client IDs', async () => {
    expect((await addProfile(home, 'cli', { clientId: 'azure-cli', scopes: ['User.Read'] })).clientId).toBe('04b07795-8ddb-461a-bbee-02f9e1bf7b46');
    await expect(addProfile(home, 'x', { clientId: '1234' })).rejects.toThrow(/--client-id: "1234" is not a GUID/);
  });
});
