/**
 * Packaging cannot run here (electron-builder downloads Electron from GitHub), so the configuration is checked
 * offline: by electron-builder's own loader and JSON-schema validation, and for what Delegate needs of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const CONFIG = 'build/electron-builder.yml';
const config = parse(readFileSync(join(root, CONFIG), 'utf8')) as Record<string, Record<string, unknown> & unknown>;

describe('the electron-builder configuration', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const loaded = await getConfig(root, CONFIG, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be refused by that validation if it were wrong (the check has teeth)', async () => {
    await expect(validateConfiguration({ ...config, mac: { ...(config.mac as object), targett: 'dmg' } }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.mac/);
  });

  it('names the app, packs dist/ and package.json into an asar with the native addons outside it', () => {
    expect(config).toMatchObject({ appId: 'com.delegate.app', productName: 'Delegate', asar: true, npmRebuild: false });
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/keytar/**', 'node_modules/@azure/msal-node-extensions/**']));
    expect((config.directories as Record<string, string>).output).not.toBe('dist');
  });

  it('builds a hardened-runtime dmg, an NSIS installer, an AppImage and a deb in the Utility category', () => {
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.win).toMatchObject({ target: 'nsis' });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Utility' });
    for (const path of [config.mac?.icon, config.win?.icon, config.linux?.icon, config.mac?.entitlements] as string[]) expect(existsSync(join(root, path)), path).toBe(true);
    expect(readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('turns off the Electron fuses an attacker could use (run as Node, NODE_OPTIONS, --inspect)', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('starts from package.json\'s main, the bundled shell', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/shell/main.cjs');
    // Through the Node hand-over wrapper, so `npm start` works where the machine's Node is older than 22.12.
    expect(pkg.scripts.start).toBe('node scripts/with-node.cjs electron .');
    expect(pkg.scripts.dist).toContain(`electron-builder --config ${CONFIG}`);
  });
});
