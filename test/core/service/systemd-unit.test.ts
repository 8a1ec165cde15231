/**
 * The systemd user unit as systemd itself reads it: `systemd-analyze verify --user` (systemd 252 here, offline,
 * no user manager needed once XDG_RUNTIME_DIR points at a private folder) must accept it without a single
 * warning, including for a Node and a home under hostile paths. verify also checks that ExecStart's program
 * exists and is executable *after* unquoting and specifier expansion, so a path that survives it was escaped right.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeService } from '../../../electron/core/service/service-description.js';
import { renderSystemdUnit, systemdExecStart, systemdQuote, systemdUnitPath } from '../../../electron/core/service/systemd-unit.js';

const root = mkdtempSync(join(tmpdir(), 'delegate-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const runtimeDir = join(root, 'runtime');
mkdirSync(runtimeDir, { mode: 0o700 });

/** A folder whose name holds what systemd treats specially in a quoted word: spaces, %, specifiers, $. */
const HOSTILE = `Ann Lee 100% $HOME %h ${'${X}'} ~ ; | & *`;
/** Characters systemd refuses in a program path even when quoted: both quotes and a backslash. */
const REFUSED = `Ann's "Delegate" \\ 100% $HOME`;

function verify(unitText: string): { code: number | null; output: string } {
  const dir = mkdtempSync(join(root, 'unit-'));
  const file = join(dir, 'delegate.service');
  writeFileSync(file, unitText);
  const result = spawnSync('systemd-analyze', ['verify', '--user', file], { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir, SYSTEMD_LOG_COLOR: '0' } });
  return { code: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

function hostileNode(name = HOSTILE): string {
  const dir = join(root, name, 'bin');
  mkdirSync(dir, { recursive: true });
  const node = join(dir, 'node');
  symlinkSync(process.execPath, node);
  return node;
}

function description(program: string, home: string, env: NodeJS.ProcessEnv = {}) {
  return describeService({ home, env, userHome: '/home/ann', program: { program, args: [join(root, HOSTILE, 'bin', 'delegate.cjs')], how: 'test' } });
}

describe('the systemd user unit', () => {
  it('is accepted by systemd-analyze verify --user without a warning', () => {
    const result = verify(renderSystemdUnit(description(process.execPath, '/home/ann/.config/Delegate'), 252));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('is accepted when Node, the CLI and the home all live under a path with spaces, %, specifiers, $ and shell characters', () => {
    const node = hostileNode();
    const home = join(root, HOSTILE, 'home');
    const unit = renderSystemdUnit(description(node, home, { HTTPS_PROXY: 'http://proxy.corp:8080', NO_PROXY: '.corp,localhost' }), 252);
    const result = verify(unit);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
    // The check has teeth: the same path written unescaped is rejected (specifiers expand, quotes unbalance).
    const naive = unit.replace(/^ExecStart=.*$/m, `ExecStart=${node} daemon`);
    expect(verify(naive).code).not.toBe(0);
  });

  it('starts a Node whose path systemd refuses as a program name (quotes, backslash) through /bin/sh, and verify accepts it', () => {
    const node = hostileNode(REFUSED);
    const unit = renderSystemdUnit(description(node, join(root, REFUSED, 'home')), 252);
    expect(unit).toMatch(/^ExecStart="\/bin\/sh" "-c" "exec \\"\$\$0\\" \\"\$\$@\\"" /m);
    const result = verify(unit);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
    // Without the detour systemd itself refuses it.
    const direct = unit.replace(/^ExecStart=.*$/m, `ExecStart=${systemdQuote(node, { exec: false })} daemon`);
    expect(verify(direct).output).toContain('Executable name contains special characters');
  });

  it('is rejected by verify when the program it names does not exist, so a moved Node would be caught', () => {
    const result = verify(renderSystemdUnit(description('/nonexistent/node', '/home/ann/.config/Delegate'), 252));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('/nonexistent/node');
  });

  it('restarts on failure after 30 s without ever giving up, is wanted by default.target, and stops gently', () => {
    const unit = renderSystemdUnit(description(process.execPath, '/home/ann/.config/Delegate'), 252);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartSec=30s$/m);
    expect(unit).toMatch(/^StartLimitIntervalSec=0$/m);
    expect(unit).toMatch(/^WantedBy=default\.target$/m);
    expect(unit).toMatch(/^KillMode=mixed$/m);
    expect(unit).toMatch(/^ExecStart=".*" ".*delegate\.cjs" "daemon"$/m);
    // Nothing that needs namespaces in a user manager or hides the session bus / home.
    expect(unit).not.toMatch(/ProtectHome|ProtectSystem|PrivateTmp|PrivateUsers|MemoryDenyWriteExecute/);
  });

  it('backs off between restarts only on systemd 254 and later, which know RestartSteps', () => {
    const old = renderSystemdUnit(description(process.execPath, '/h'), 252);
    const modern = renderSystemdUnit(description(process.execPath, '/h'), 255);
    expect(old).not.toContain('RestartSteps');
    expect(modern).toMatch(/^RestartSteps=5$/m);
    expect(modern).toMatch(/^RestartMaxDelaySec=600s$/m);
    expect(renderSystemdUnit(description(process.execPath, '/h'), undefined)).not.toContain('RestartSteps');
  });

  it('always names the home it was installed for, so the daemon does not fall back to another default', () => {
    const unit = renderSystemdUnit(description(process.execPath, '/srv/delegate home'), 252);
    expect(unit).toContain('Environment="DELEGATE_HOME=/srv/delegate home"');
  });

  it('escapes per systemd.syntax: % doubled everywhere, $ doubled only on the command line, quotes and backslashes escaped', () => {
    expect(systemdQuote('/a b/100%/$HOME/"q"/\\', { exec: true })).toBe('"/a b/100%%/$$HOME/\\"q\\"/\\\\"');
    expect(systemdQuote('X=/a b/100%/$HOME', { exec: false })).toBe('"X=/a b/100%%/$HOME"');
    expect(systemdExecStart('/opt/100% $x/node', ['/a $b/delegate.cjs', 'daemon'])).toBe('"/opt/100%% $x/node" "/a $$b/delegate.cjs" "daemon"');
  });

  it('goes to $XDG_CONFIG_HOME/systemd/user when set, ~/.config/systemd/user otherwise', () => {
    expect(systemdUnitPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/systemd/user/delegate.service');
    expect(systemdUnitPath({}, '/home/ann')).toBe('/home/ann/.config/systemd/user/delegate.service');
    expect(systemdUnitPath({ XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.config/systemd/user/delegate.service');
  });
});

describe('the service description', () => {
  it('refuses a path with a newline instead of writing a broken or injected unit', () => {
    expect(() => description(process.execPath, '/home/ann/evil\nExecStartPre=/bin/rm')).toThrow(/control character/);
    expect(() => description(process.execPath, '/home/ann/\u202egnp.exe')).toThrow(/bidi override/);
  });
});
