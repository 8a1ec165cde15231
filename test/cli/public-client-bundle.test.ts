/**
 * The bundled CLI carries msal-node as the public client it is (scripts/build.mjs): no jsonwebtoken (only a
 * confidential client's certificate assertion uses it) and no native broker runtime behind msal-node-extensions
 * (electron/core/auth/msal-extensions.ts). Both were measurable start-up of every `delegate token` refresh; what
 * matters to a person is that a refresh still works, through the keychain, with the code left out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { BROKER_NOT_LOADED, msalExtensions } from '../../electron/core/auth/msal-extensions.js';
import standIn, { CLIENT_ASSERTION_UNSUPPORTED } from '../../electron/core/auth/bundle-stand-ins/jsonwebtoken.js';

const setup = useEmulatorHome({ signedIn: true });
const scratch = mkdtempSync(join(tmpdir(), 'delegate-modules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs the CLI with a preload that writes, at exit, every module file the process loaded through require/import and
 * the files mapped into it (/proc/self/maps: a native library dlopen'ed shows there, whatever require.cache holds).
 */
async function runListingModules(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; modules: string[]; mapped: string }> {
  const list = join(scratch, `modules-${Math.random().toString(36).slice(2)}.json`);
  const preload = join(scratch, 'list-modules.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify({ modules: Object.keys(require.cache), mapped: require('node:fs').readFileSync('/proc/self/maps', 'utf8') })));\n`);
  const result = await runCli(args, { home: setup.home, env: { NODE_OPTIONS: `--require ${preload}` } });
  return { ...result, ...(JSON.parse(readFileSync(list, 'utf8')) as { modules: string[]; mapped: string }) };
}

const loaded = (modules: string[], name: string) => modules.some((file) => file.includes(`/node_modules/${name}/`));
const audience = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { aud: string }).aud;

describe('the bundled CLI as a public client', () => {
  it('refreshes `delegate token` through the keychain without loading jsonwebtoken or the broker runtime', async () => {
    // No cached token for SharePoint yet: the fast path finds none and the full path redeems the refresh token.
    const refresh = await runListingModules(['token', '--resource', 'https://contoso.sharepoint.com', '--profile', 'emu']);
    expect(refresh.stderr).toBe('');
    expect(refresh.code).toBe(0);
    expect(audience(refresh.stdout)).toBe('https://contoso.sharepoint.com');
    expect(loaded(refresh.modules, '@azure/msal-node-extensions'), 'the keychain storage was opened').toBe(true);
    expect(refresh.mapped).toContain('keytar.node');
    expect(refresh.mapped).not.toContain('msal-node-runtime');
    expect(loaded(refresh.modules, 'jsonwebtoken')).toBe(false);
    // …and what it stored serves the next call from the cache.
    const cached = await runCli(['token', '--resource', 'https://contoso.sharepoint.com', '--profile', 'emu'], { home: setup.home });
    expect(cached.stdout).toBe(refresh.stdout);
  });

  it('probes a sign-in through the ESM CLI the same way', async () => {
    const probe = await runListingModules(['status', '--probe', '--json', '--profile', 'emu']);
    expect(probe.code).toBe(0);
    expect(JSON.parse(probe.stdout)).toMatchObject({ profile: 'emu', status: 'ok' });
    expect(loaded(probe.modules, '@azure/msal-node-extensions')).toBe(true);
    expect(probe.mapped).toContain('keytar.node');
    expect(probe.mapped).not.toContain('msal-node-runtime');
    expect(loaded(probe.modules, 'jsonwebtoken')).toBe(false);
  });

  it('leaves a broker reporting itself unavailable, and a client assertion failing loudly, should either be reached', () => {
    const { NativeBrokerPlugin, LibSecretPersistence } = msalExtensions();
    expect(typeof LibSecretPersistence.create).toBe('function');
    expect(new NativeBrokerPlugin().isBrokerAvailable).toBe(false);
    expect(() => standIn.sign()).toThrow(CLIENT_ASSERTION_UNSUPPORTED);
    expect(BROKER_NOT_LOADED).toMatch(/broker/);
  });
});
