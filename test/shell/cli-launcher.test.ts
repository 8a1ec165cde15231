/**
 * The installed `delegate` command, offline: the POSIX launcher (build/bin/delegate) run through /usr/bin-style
 * links against a fake app binary in folders with spaces, then through the real built main process
 * (dist/shell/main.cjs under a stub Electron runtime) to the real CLI; and the deb scripts that make the link.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const LAUNCHER = join(root, 'build/bin/delegate');
const STUB = join(root, 'test/shell/support/electron-stub-runtime.cjs');
const BUNDLE = join(root, 'dist/shell/main.cjs');

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delegate launcher '));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeExecutable(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** An installed Linux layout: <prefix>/delegate-app (the binary) and <prefix>/resources/bin/delegate. */
function installLinux(prefix: string, binary: string): string {
  writeExecutable(join(prefix, 'delegate-app'), binary);
  const launcher = join(prefix, 'resources', 'bin', 'delegate');
  mkdirSync(join(launcher, '..'), { recursive: true });
  copyFileSync(LAUNCHER, launcher);
  chmodSync(launcher, 0o755);
  return launcher;
}

/** A fake app binary that writes each argument it got (NUL-separated) to a file and exits with a chosen code. */
const recordingBinary = (record: string, code = 0) => `#!/bin/sh\nprintf '%s\\0' "$@" > '${record}'\nexit ${code}\n`;
/** A fake app binary that is the real built main process under the stub Electron runtime. */
const bundleBinary = () => `#!/bin/sh\nexec '${process.execPath}' -r '${STUB}' '${BUNDLE}' "$@"\n`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const recorded = (path: string) => readFileSync(path, 'utf8').split('\0').slice(0, -1);

describe('the delegate launcher on Linux and macOS', () => {
  it('runs the app binary with the CLI marker and exactly the arguments typed, through a /usr/bin link, in folders with spaces', () => {
    const record = join(dir, 'argv');
    const launcher = installLinux(join(dir, 'opt', 'My Delegate'), recordingBinary(record, 0));
    const link = join(dir, 'usr bin', 'delegate');
    mkdirSync(join(link, '..'));
    symlinkSync(launcher, link);
    const args = ['run', '--delegate-cli', '--', 'two words', '', '$HOME', '*', "it's"];
    const result = run(link, args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(recorded(record)).toEqual(['--delegate-cli', '--', ...args]);
  });

  it('follows a chain of relative links (an alternatives-style link to a link) to the real launcher', () => {
    const record = join(dir, 'argv');
    installLinux(join(dir, 'opt', 'Delegate'), recordingBinary(record));
    mkdirSync(join(dir, 'etc', 'alternatives'), { recursive: true });
    mkdirSync(join(dir, 'usr', 'bin'), { recursive: true });
    symlinkSync('../../opt/Delegate/resources/bin/delegate', join(dir, 'etc', 'alternatives', 'delegate'));
    symlinkSync('../../etc/alternatives/delegate', join(dir, 'usr', 'bin', 'delegate'));
    expect(run(join(dir, 'usr', 'bin', 'delegate'), ['status']).code).toBe(0);
    expect(recorded(record)).toEqual(['--delegate-cli', '--', 'status']);
  });

  it('is found on PATH by its link and passes the command\'s exit code on', () => {
    const record = join(dir, 'argv');
    const launcher = installLinux(join(dir, 'opt', 'Delegate'), recordingBinary(record, 3));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(launcher, join(dir, 'bin', 'delegate'));
    const result = spawnSync('sh', ['-c', 'delegate token --json'], { encoding: 'utf8', env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin` } });
    expect(result.status).toBe(3);
    expect(recorded(record)).toEqual(['--delegate-cli', '--', 'token', '--json']);
  });

  it('runs Delegate.app\'s own binary from Contents/Resources/bin on macOS', () => {
    const record = join(dir, 'argv');
    const contents = join(dir, 'Applications', 'Delegate.app', 'Contents');
    writeExecutable(join(contents, 'MacOS', 'Delegate'), recordingBinary(record, 0));
    const launcher = join(contents, 'Resources', 'bin', 'delegate');
    mkdirSync(join(launcher, '..'), { recursive: true });
    copyFileSync(LAUNCHER, launcher);
    chmodSync(launcher, 0o755);
    mkdirSync(join(dir, 'usr', 'local', 'bin'), { recursive: true });
    symlinkSync(launcher, join(dir, 'usr', 'local', 'bin', 'delegate'));
    expect(run(join(dir, 'usr', 'local', 'bin', 'delegate'), ['logs', '--follow']).code).toBe(0);
    expect(recorded(record)).toEqual(['--delegate-cli', '--', 'logs', '--follow']);
  });

  it('says the app is missing, and what to do, when the launcher was copied away from it', () => {
    const lonely = join(dir, 'somewhere', 'bin', 'delegate');
    mkdirSync(join(lonely, '..'), { recursive: true });
    copyFileSync(LAUNCHER, lonely);
    chmodSync(lonely, 0o755);
    const result = run(lonely, ['status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the Delegate app was not found next to this launcher[\s\S]*What to do: reinstall Delegate/);
  });

  it('is valid POSIX sh and bash', () => {
    expect(spawnSync('sh', ['-n', LAUNCHER]).status).toBe(0);
    expect(spawnSync('bash', ['-n', LAUNCHER]).status).toBe(0);
    expect(readFileSync(LAUNCHER, 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
  });
});

describe('the built app binary behind the launcher (dist/shell/main.cjs, stub Electron)', () => {
  const ready = existsSync(BUNDLE);

  it.runIf(ready)('runs the real CLI without starting the app: its output, its exit code', () => {
    const launcher = installLinux(join(dir, 'opt', 'Delegate App'), bundleBinary());
    const home = join(dir, 'home with space');
    const version = run(launcher, ['--version'], { DELEGATE_HOME: home });
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n` });
    expect(version.stderr).not.toContain('APP MODE');
    const unknown = run(launcher, ['--delegate-cli'], { DELEGATE_HOME: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('delegate: unknown command "--delegate-cli"');
    const profiles = run(launcher, ['profiles', 'list', '--json'], { DELEGATE_HOME: home });
    expect(profiles.code, profiles.stderr).toBe(0);
    expect(JSON.parse(profiles.stdout)).toBeTruthy();
  });

  it.runIf(ready)('uses the app\'s home under the app-data folder when DELEGATE_HOME is not set', () => {
    const launcher = installLinux(join(dir, 'opt', 'Delegate'), bundleBinary());
    const appData = join(dir, 'config');
    const result = run(launcher, ['profiles', 'add', 'work', '--plaintext-cache'], { STUB_APP_DATA: appData });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(appData, 'Delegate', 'config.json'), 'utf8')).toContain('"work"');
  });

  it.runIf(ready)('starts the desktop app, not the CLI, when the marker is absent or follows a file', () => {
    writeExecutable(join(dir, 'app'), bundleBinary());
    for (const args of [[], ['--hidden'], ['/home/me/file.txt', '--delegate-cli', '--', 'status']]) {
      const result = run(join(dir, 'app'), args);
      expect(result.code, args.join(' ')).toBe(90);
      expect(result.stderr).toMatch(/^APP MODE: /);
    }
  });

  it.runIf(ready)('gives the CLI code inside the CommonJS bundle a real import.meta.url (keytar is loaded through it)', () => {
    expect(readFileSync(BUNDLE, 'utf8')).not.toMatch(/\bimport_meta\b/);
  });
});

/** electron-builder's template expansion of deb scripts (FpmTarget's writeConfigFile): unknown macros fail the build. */
function renderDebScript(path: string): string {
  const macros: Record<string, string> = { executable: 'delegate-app', sanitizedProductName: 'Delegate', productFilename: 'Delegate' };
  return readFileSync(path, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    if (!(name in macros)) throw new Error(`Macro ${name} is not defined`);
    return macros[name] as string;
  });
}

/** Delegate's part of a deb script (everything after electron-builder's own), run against a DPKG_ROOT. */
function runDelegatePart(script: string, dpkgRoot: string) {
  const rendered = renderDebScript(join(root, script));
  const part = rendered.slice(rendered.indexOf('# --- Delegate'));
  return spawnSync('bash', ['-c', part], { encoding: 'utf8', env: { PATH: process.env.PATH, DPKG_ROOT: dpkgRoot } });
}

describe('the deb package\'s scripts', () => {
  const TEMPLATES = join(root, 'node_modules/app-builder-lib/templates/linux');

  it('keep electron-builder\'s own after-install and after-remove scripts whole (chrome-sandbox, AppArmor, the app link)', () => {
    expect(readFileSync(join(root, 'build/linux/after-install.sh'), 'utf8')).toContain(readFileSync(join(TEMPLATES, 'after-install.tpl'), 'utf8'));
    expect(readFileSync(join(root, 'build/linux/after-remove.sh'), 'utf8')).toContain(readFileSync(join(TEMPLATES, 'after-remove.tpl'), 'utf8'));
  });

  it('expand with electron-builder\'s macros only and are valid bash', () => {
    for (const script of ['build/linux/after-install.sh', 'build/linux/after-remove.sh']) {
      const rendered = renderDebScript(join(root, script));
      expect(rendered).not.toContain('${');
      expect(spawnSync('bash', ['-n', '-c', rendered]).status, script).toBe(0);
    }
  });

  it('link /usr/bin/delegate to the launcher on install, again quietly on reinstall, and remove only that link', () => {
    mkdirSync(join(dir, 'usr', 'bin'), { recursive: true });
    const launcher = join(dir, 'opt', 'Delegate', 'resources', 'bin', 'delegate');
    mkdirSync(join(launcher, '..'), { recursive: true });
    copyFileSync(LAUNCHER, launcher);
    chmodSync(launcher, 0o644);
    const link = join(dir, 'usr', 'bin', 'delegate');
    const first = runDelegatePart('build/linux/after-install.sh', dir);
    expect(first.status).toBe(0);
    expect(readlinkSync(link)).toBe('/opt/Delegate/resources/bin/delegate');
    expect(lstatSync(launcher).mode & 0o777).toBe(0o755);
    const again = runDelegatePart('build/linux/after-install.sh', dir);
    expect(again).toMatchObject({ status: 0, stdout: '' });
    expect(runDelegatePart('build/linux/after-remove.sh', dir).status).toBe(0);
    expect(() => lstatSync(link)).toThrow();
  });

  it('leave a /usr/bin/delegate that is not Delegate\'s alone on install and removal, and say so', () => {
    mkdirSync(join(dir, 'usr', 'bin'), { recursive: true });
    const link = join(dir, 'usr', 'bin', 'delegate');
    symlinkSync('/usr/lib/node_modules/delegate/bin/delegate.cjs', link);
    const install = runDelegatePart('build/linux/after-install.sh', dir);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('exists and is not Delegate\'s launcher; it was left as it is');
    expect(readlinkSync(link)).toBe('/usr/lib/node_modules/delegate/bin/delegate.cjs');
    expect(runDelegatePart('build/linux/after-remove.sh', dir).status).toBe(0);
    expect(readlinkSync(link)).toBe('/usr/lib/node_modules/delegate/bin/delegate.cjs');

    rmSync(link);
    writeFileSync(link, '#!/bin/sh\necho mine\n');
    expect(runDelegatePart('build/linux/after-install.sh', dir).stdout).toContain('left as it is');
    runDelegatePart('build/linux/after-remove.sh', dir);
    expect(readFileSync(link, 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });
});
