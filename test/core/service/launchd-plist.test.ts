/**
 * The LaunchAgent read back by a real plist parser (Python's plistlib, in /usr/bin/python3's standard library):
 * every key launchd needs, with values — hostile paths included — exactly as described.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeService } from '../../../electron/core/service/service-description.js';
import { LAUNCHD_LABEL, launchdPlistPath, renderLaunchdPlist } from '../../../electron/core/service/launchd-plist.js';

const PYTHON = '/usr/bin/python3';

function parsePlist(text: string): Record<string, unknown> {
  const result = spawnSync(PYTHON, ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read(), fmt=plistlib.FMT_XML)))'], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`plistlib refused the plist: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const HOSTILE = `/Users/ann lee/Ann's <"Delegate"> & Co 100% $HOME`;

function description(home: string, env: NodeJS.ProcessEnv = {}) {
  return describeService({ home, env, userHome: '/Users/ann lee', program: { program: `${HOSTILE}/bin/node`, args: [`${HOSTILE}/bin/delegate.cjs`], how: 'test' } });
}

describe.skipIf(!existsSync(PYTHON))('the launchd LaunchAgent', () => {
  it('parses as a plist whose keys start the daemon at login and again after a failure, and never after a clean stop', () => {
    const plist = parsePlist(renderLaunchdPlist(description('/Users/ann lee/Library/Application Support/Delegate')));
    expect(plist.Label).toBe(LAUNCHD_LABEL);
    expect(plist.RunAtLoad).toBe(true);
    expect(plist.KeepAlive).toEqual({ SuccessfulExit: false });
    expect(plist.ThrottleInterval).toBe(30);
    expect(plist.ExitTimeOut).toBe(60);
    expect(plist.ProcessType).toBe('Standard');
    expect(plist.Umask).toBe(0o077);
    expect(plist.WorkingDirectory).toBe('/Users/ann lee');
  });

  it('gives back the program, arguments and home exactly, through spaces, quotes, <, >, & and %', () => {
    const home = `${HOSTILE}/home`;
    const plist = parsePlist(renderLaunchdPlist(description(home, { HTTPS_PROXY: 'http://proxy.corp:8080', NO_PROXY: 'a&b,<c>' })));
    expect(plist.ProgramArguments).toEqual([`${HOSTILE}/bin/node`, `${HOSTILE}/bin/delegate.cjs`, 'daemon']);
    expect(plist.EnvironmentVariables).toMatchObject({ DELEGATE_HOME: home, HTTPS_PROXY: 'http://proxy.corp:8080', NO_PROXY: 'a&b,<c>' });
    expect(plist.StandardErrorPath).toBe(`${home}/logs/launchd-stderr.log`);
    // Every daemon line is already in Delegate's rotated logs: launchd's own file would only grow.
    expect(plist.StandardOutPath).toBe('/dev/null');
  });

  it('never writes a proxy password into the plist, which anyone on the Mac can read', () => {
    const text = renderLaunchdPlist(description('/Users/ann/D', { HTTPS_PROXY: 'http://ann:s3cret@proxy.corp:8080' }));
    expect(text).not.toContain('s3cret');
    expect(parsePlist(text).EnvironmentVariables).not.toHaveProperty('HTTPS_PROXY');
  });

  it('lives in ~/Library/LaunchAgents under its label', () => {
    expect(launchdPlistPath('/Users/ann lee')).toBe(`/Users/ann lee/Library/LaunchAgents/${LAUNCHD_LABEL}.plist`);
  });
});
