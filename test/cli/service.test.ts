/**
 * `delegate service` as a person runs it on Linux: the real CLI, a throwaway HOME, and either no systemd user
 * manager at all (this machine, CI) or a stand-in `systemctl`/`loginctl` on PATH that records what it is asked.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let root: string;
let userHome: string;
let delegateHome: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'delegate-service-'));
  userHome = join(root, 'ann');
  // The home a person would pick with DELEGATE_HOME, spaces and a % included.
  delegateHome = join(root, 'Delegate home 100%');
  mkdirSync(userHome);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * Runs `delegate service …` with HOME in the temp folder, so nothing lands in the real ~/.config, and with no way
 * to reach a real user manager (an empty runtime folder, no session bus) even on a desktop that has one.
 */
function service(args: string[], env: NodeJS.ProcessEnv = {}) {
  const runtime = join(root, 'no-runtime');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return runCli(['service', ...args], { home: delegateHome, env: { HOME: userHome, XDG_CONFIG_HOME: '', XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtime, 'none')}`, ...env } });
}

const unitPath = () => join(userHome, '.config', 'systemd', 'user', 'delegate.service');

/** Stand-ins for systemctl and loginctl: each call appended to calls.log; answers as a running user manager. */
function fakeSystemd(): { env: NodeJS.ProcessEnv; calls: () => string[]; setActive: (state: string) => void } {
  const bin = join(root, 'fake-bin');
  mkdirSync(bin);
  const log = join(root, 'calls.log');
  const state = join(root, 'active-state');
  writeFileSync(state, 'active');
  writeFileSync(
    join(bin, 'systemctl'),
    `#!/bin/sh
echo "systemctl $*" >> '${log}'
case "$*" in
  --version) echo "systemd 252 (252.39-1~deb12u2)";;
  "--user is-system-running") echo running;;
  "--user show-environment") echo "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/0/bus";;
  "--user show"*) echo "LoadState=loaded"; echo "ActiveState=$(cat '${state}')"; echo "SubState=running"; echo "MainPID=4242"; echo "NRestarts=0"; echo "ExecMainStatus=0"; echo "UnitFileState=enabled";;
esac
exit 0
`,
  );
  writeFileSync(join(bin, 'loginctl'), `#!/bin/sh\necho "loginctl $*" >> '${log}'\necho Linger=no\n`);
  chmodSync(join(bin, 'systemctl'), 0o755);
  chmodSync(join(bin, 'loginctl'), 0o755);
  return {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
    setActive: (value) => writeFileSync(state, value),
  };
}

describe('delegate service install --dry-run', () => {
  it('prints, on stdout alone, a unit for this home that systemd-analyze verify --user accepts, and changes nothing', async () => {
    const { code, stdout, stderr } = await service(['install', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('[Service]');
    expect(stdout).toContain(`Environment="DELEGATE_HOME=${delegateHome.replace('%', '%%')}"`);
    expect(stdout).toMatch(/^ExecStart=".+" ".+\/bin\/delegate\.cjs" "daemon"$/m);
    expect(stderr).toContain('nothing was changed');
    expect(stderr).toContain(`would be written to ${unitPath()}`);
    expect(stderr).toContain('systemctl --user enable delegate.service');
    expect(existsSync(unitPath())).toBe(false);
    expect(existsSync(delegateHome)).toBe(false);

    const file = join(root, 'delegate.service');
    writeFileSync(file, stdout);
    const runtime = join(root, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const verify = spawnSync('systemd-analyze', ['verify', '--user', file], { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
    expect(`${verify.stdout}${verify.stderr}`.trim()).toBe('');
    expect(verify.status).toBe(0);
  });

  it('warns that install would fail here without a systemd user manager, and says what to do', async () => {
    const { code, stderr } = await service(['install', '--dry-run']);
    expect(code).toBe(0);
    expect(stderr).toContain('It would fail here: service install: no systemd user manager is running for you');
    expect(stderr).toContain('loginctl enable-linger');
  });

  it('leaves a proxy password out of the unit (readable by everyone) and says where to put it instead', async () => {
    const { stdout, stderr } = await service(['install', '--dry-run'], { HTTPS_PROXY: 'http://ann:s3cret@proxy.corp:8080', NO_PROXY: '.corp' });
    expect(stdout).not.toContain('s3cret');
    expect(stderr).not.toContain('s3cret');
    expect(stdout).toContain('Environment="NO_PROXY=.corp"');
    expect(stderr).toContain('Not carried into the service: HTTPS_PROXY');
    expect(stderr).toContain('config.json "proxy"');
  });

  it('--json gives the file, the steps and the blocker as data', async () => {
    const { code, stdout } = await service(['install', '--dry-run', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as { manager: string; file: { path: string; text: string }; steps: string[]; blocker?: { code: string } };
    expect(plan.manager).toBe('systemd');
    expect(plan.file.path).toBe(unitPath());
    expect(plan.steps).toContain('systemctl --user daemon-reload');
    expect(plan.blocker?.code).toBe('service-manager');
  });
});

describe('delegate service install without a systemd user manager (this machine)', () => {
  it('fails with exit 1, names the problem and the fix, and writes nothing', async () => {
    const { code, stderr, stdout } = await service(['install']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no systemd user manager is running for you');
    expect(stderr).toContain('Nothing was changed');
    expect(stderr).toContain('What to do:');
    expect(stderr).toContain('delegate service install --dry-run');
    expect(existsSync(unitPath())).toBe(false);
  });

  it('status says not installed, and that the app or `delegate daemon` runs the jobs (exit 0)', async () => {
    const { code, stdout } = await service(['status']);
    expect(code).toBe(0);
    expect(stdout).toContain('not-installed');
    expect(stdout).toContain('The app or `delegate daemon` runs the jobs');
  });
});

describe('delegate service with a user manager (a stand-in systemctl)', () => {
  it('install writes the unit and enables and starts it; status sees it running; uninstall stops and removes it', async () => {
    const systemd = fakeSystemd();
    const install = await service(['install'], systemd.env);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    expect(install.stdout).toContain(`Installed Delegate's systemd user unit for ${delegateHome}`);
    expect(install.stdout).toContain('Now: running. Running (process 4242).');
    expect(install.stdout).toContain('loginctl enable-linger');
    expect(install.stdout).toContain('pam_gnome_keyring');
    expect(readFileSync(unitPath(), 'utf8')).toContain('[Install]');
    expect(systemd.calls()).toEqual(expect.arrayContaining(['systemctl --user daemon-reload', 'systemctl --user enable delegate.service', 'systemctl --user restart delegate.service']));

    const status = await service(['status', '--json'], systemd.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ manager: 'systemd', installed: true, state: 'running', pid: 4242, file: unitPath() });

    systemd.setActive('failed');
    const failed = await service(['status'], systemd.env);
    expect(failed.stdout).toContain('failed');
    expect(failed.stdout).toContain('What to do:');

    const uninstall = await service(['uninstall'], systemd.env);
    expect(uninstall.code).toBe(0);
    expect(existsSync(unitPath())).toBe(false);
    expect(systemd.calls()).toContain('systemctl --user disable --now delegate.service');
  });

  it('honours XDG_CONFIG_HOME for where the unit goes', async () => {
    const systemd = fakeSystemd();
    const config = join(root, 'cfg dir');
    const { code } = await service(['install'], { ...systemd.env, XDG_CONFIG_HOME: config });
    expect(code).toBe(0);
    expect(existsSync(join(config, 'systemd', 'user', 'delegate.service'))).toBe(true);
    expect(existsSync(dirname(unitPath()))).toBe(false);
  });
});

describe('delegate service with bad input', () => {
  it('asks what to do, refuses unknown actions and --dry-run on status (exit 2)', async () => {
    expect((await service([])).code).toBe(2);
    const unknown = await service(['restart']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown action "restart"');
    expect((await service(['status', '--dry-run'])).code).toBe(2);
  });

  it('uninstall when nothing is installed says so and succeeds', async () => {
    const { code, stdout } = await service(['uninstall']);
    expect(code).toBe(0);
    expect(stdout).toContain('not installed');
  });
});
