/**
 * Packaging cannot run here (electron-builder downloads Electron from GitHub), so the configuration is checked
 * offline: by electron-builder's own loader and JSON-schema validation, and for what Delegate needs of it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  describe('puts the delegate command on PATH', () => {
    const resources = (section: unknown) => (section as { extraResources?: Array<{ from: string; to: string }> }).extraResources ?? [];
    const executable = (path: string) => (statSync(join(root, path)).mode & 0o111) === 0o111;

    it('ships the launcher in resources/bin on every OS, executable where the OS cares', () => {
      expect(resources(config.mac)).toContainEqual({ from: 'build/bin/delegate', to: 'bin/delegate' });
      expect(resources(config.linux)).toContainEqual({ from: 'build/bin/delegate', to: 'bin/delegate' });
      expect(resources(config.win)).toContainEqual({ from: 'build/bin/delegate.cmd', to: 'bin/delegate.cmd' });
      expect(executable('build/bin/delegate')).toBe(true);
      // cmd.exe reads batch files with CRLF line ends; a LF-only file can misparse labels such as :run.
      expect(readFileSync(join(root, 'build/bin/delegate.cmd'), 'utf8')).toMatch(/^@echo off\r\n(?:[^\n]*\r\n)+$/);
      expect(readFileSync(join(root, 'build/bin/delegate.cmd'), 'utf8')).toContain('"%~dp0..\\..\\Delegate.exe" --delegate-cli -- %*\r\nexit /b %ERRORLEVEL%');
    });

    it('names the Linux binary delegate-app, the name the launcher runs, so the deb\'s /usr/bin/delegate is the launcher', () => {
      expect((config.linux as Record<string, unknown>).executableName).toBe('delegate-app');
      expect(readFileSync(join(root, 'build/bin/delegate'), 'utf8')).toContain('"$resources/../delegate-app"');
    });

    it('runs the deb scripts that link /usr/bin/delegate, and they are executable', () => {
      expect(config.deb).toMatchObject({ afterInstall: 'build/linux/after-install.sh', afterRemove: 'build/linux/after-remove.sh' });
      for (const script of ['build/linux/after-install.sh', 'build/linux/after-remove.sh']) {
        expect(existsSync(join(root, script)), script).toBe(true);
        expect(executable(script), script).toBe(true);
      }
    });

    it('includes the NSIS script that adds resources\\bin to the user\'s PATH and takes it out on uninstall', () => {
      expect(config.nsis).toMatchObject({ include: 'build/installer.nsh' });
      const script = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
      expect(script).toMatch(/!macro customInstall\s+Push "\$INSTDIR\\resources\\bin"\s+Call DelegateAddToUserPath/);
      expect(script).toMatch(/!macro customUnInstall\s+Push "\$INSTDIR\\resources\\bin"\s+Call un\.DelegateRemoveFromUserPath/);
      expect(script).toContain('WriteRegExpandStr HKCU "Environment" "Path"');
    });

    const makensis = spawnSync('makensis', ['-VERSION']).status === 0;
    it.skipIf(!makensis)('compiles the NSIS include with warnings as errors, as electron-builder does, for the installer and the uninstaller (skipped without makensis: apt-get install nsis)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'delegate-nsis-'));
      try {
        const include = join(root, 'build/installer.nsh');
        writeFileSync(join(dir, 'installer.nsi'), `Unicode true\nOutFile "${dir}/installer.exe"\nRequestExecutionLevel user\n!include "${include}"\nSection "install"\n  !insertmacro customInstall\nSectionEnd\n`);
        writeFileSync(
          join(dir, 'uninstaller.nsi'),
          `Unicode true\n!define BUILD_UNINSTALLER\nOutFile "${dir}/maker.exe"\nRequestExecutionLevel user\n!include "${include}"\nSection "install"\n  WriteUninstaller "${dir}/uninstall.exe"\nSectionEnd\nSection "un.Uninstall"\n  !insertmacro customUnInstall\nSectionEnd\n`,
        );
        for (const name of ['installer.nsi', 'uninstaller.nsi']) {
          const result = spawnSync('makensis', ['-V2', '-WX', join(dir, name)], { encoding: 'utf8' });
          expect(result.status, `${name}: ${result.stdout}${result.stderr}`).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
