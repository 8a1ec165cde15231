/**
 * What the service starts, and with which variables: paths that survive upgrades, the installed app's launcher
 * when there is one, and nothing secret written into a world-readable file.
 */
import { describe, expect, it } from 'vitest';
import { resolveServiceProgram, stableNodePath } from '../../../electron/core/service/service-program.js';
import { serviceEnvironment } from '../../../electron/core/service/service-env.js';

/** A tiny file system: which paths exist and where each link leads. */
function machine(links: Record<string, string>, files: string[] = []) {
  const all = new Set([...Object.keys(links), ...Object.values(links), ...files]);
  return { exists: (path: string) => all.has(path), realpath: (path: string) => links[path] ?? path };
}

describe('the program the service starts', () => {
  it("prefers the `node` on PATH that is this very binary over its versioned real path (Homebrew's Cellar)", () => {
    const fs = machine({ '/opt/homebrew/bin/node': '/opt/homebrew/Cellar/node/22.12.0/bin/node' });
    expect(stableNodePath({ platform: 'darwin', env: { PATH: '/usr/bin:/opt/homebrew/bin' }, execPath: '/opt/homebrew/Cellar/node/22.12.0/bin/node', ...fs })).toBe('/opt/homebrew/bin/node');
  });

  it('keeps the binary itself when no PATH entry leads to it (another Node first on PATH)', () => {
    const fs = machine({ '/usr/bin/node': '/usr/lib/node20/node' }, ['/home/ann/.nvm/versions/node/v22.12.0/bin/node']);
    expect(stableNodePath({ platform: 'linux', env: { PATH: '/usr/bin' }, execPath: '/home/ann/.nvm/versions/node/v22.12.0/bin/node', ...fs })).toBe('/home/ann/.nvm/versions/node/v22.12.0/bin/node');
  });

  it('finds node.exe on a Windows Path', () => {
    const fs = machine({}, ['C:\\Program Files\\nodejs\\node.exe']);
    expect(stableNodePath({ platform: 'win32', env: { Path: 'C:\\Windows;C:\\Program Files\\nodejs\\' }, execPath: 'C:\\Program Files\\nodejs\\node.exe', ...fs })).toBe('C:\\Program Files\\nodejs\\node.exe');
  });

  it('runs Node with the launcher script as it was started (an npm link symlink stays a symlink)', () => {
    const fs = machine({ '/usr/local/bin/delegate': '/home/ann/src/delegate/bin/delegate.cjs' }, ['/usr/bin/node']);
    const program = resolveServiceProgram({ platform: 'linux', env: { PATH: '/usr/bin' }, execPath: '/usr/bin/node', scriptPath: '/usr/local/bin/delegate', electron: false, ...fs });
    expect(program).toMatchObject({ program: '/usr/bin/node', args: ['/usr/local/bin/delegate'] });
  });

  it("uses the installed app's launcher when it says where it is (DELEGATE_LAUNCHER), with no Node at all", () => {
    const fs = machine({}, ['/usr/bin/delegate']);
    const program = resolveServiceProgram({ platform: 'linux', env: { DELEGATE_LAUNCHER: '/usr/bin/delegate' }, execPath: '/opt/Delegate/delegate', scriptPath: undefined, electron: true, ...fs });
    expect(program).toMatchObject({ program: '/usr/bin/delegate', args: [] });
  });

  it("inside the app, starts the app's own binary with the CLI marker (no Node, no launcher variable needed)", () => {
    const fs = machine({}, ['/opt/Delegate/delegate-app']);
    const program = resolveServiceProgram({
      platform: 'linux',
      env: {},
      execPath: '/opt/Delegate/delegate-app',
      scriptPath: '--delegate-cli',
      electron: true,
      appCommand: ['/opt/Delegate/delegate-app', '--delegate-cli', '--'],
      ...fs,
    });
    expect(program).toMatchObject({ program: '/opt/Delegate/delegate-app', args: ['--delegate-cli', '--'] });
  });

  it('refuses inside the app without its launcher, and a DELEGATE_LAUNCHER that is not there, saying what to do', () => {
    const fs = machine({});
    expect(() => resolveServiceProgram({ platform: 'linux', env: {}, execPath: '/opt/Delegate/delegate', scriptPath: undefined, electron: true, ...fs })).toThrow(/cannot tell what a service should start/);
    expect(() => resolveServiceProgram({ platform: 'linux', env: { DELEGATE_LAUNCHER: 'delegate' }, execPath: '/usr/bin/node', scriptPath: '/x', electron: false, ...fs })).toThrow(/not an absolute path to an existing file/);
  });
});

describe('the variables the service carries', () => {
  it('always pins the home as an absolute path', () => {
    expect(serviceEnvironment('/srv/d', {}).env).toEqual({ DELEGATE_HOME: '/srv/d' });
    expect(serviceEnvironment('relative/home', {}).env.DELEGATE_HOME).toMatch(/^\/.*\/relative\/home$/);
  });

  it('carries proxy and trust variables, and skips any proxy URL with a user or password, saying why', () => {
    const { env, skipped } = serviceEnvironment('/h', {
      https_proxy: 'http://proxy.corp:8080',
      HTTP_PROXY: 'CORP%5Cann:p%40ss@proxy.corp:3128',
      ALL_PROXY: 'socks5://ann@proxy.corp',
      NO_PROXY: '.corp,localhost',
      NODE_EXTRA_CA_CERTS: '/etc/corp-root.pem',
      AZURE_CLIENT_SECRET: 'nope',
      HOME: '/home/ann',
    });
    expect(env).toEqual({ DELEGATE_HOME: '/h', https_proxy: 'http://proxy.corp:8080', NO_PROXY: '.corp,localhost', NODE_EXTRA_CA_CERTS: '/etc/corp-root.pem' });
    expect(skipped.map((variable) => variable.name)).toEqual(['HTTP_PROXY', 'ALL_PROXY']);
    expect(skipped[0]?.reason).toContain('config.json "proxy"');
    expect(JSON.stringify({ env, skipped })).not.toContain('p%40ss');
  });
});
