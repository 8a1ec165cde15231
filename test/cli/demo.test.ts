/**
 * The README's first command, `bash scripts/demo.sh --auto-approve`, on a headless machine: it runs in a private
 * D-Bus session with a keyring of its own in the demo home, so a login keyring the person already has (with
 * another password) neither breaks the demo nor is touched by it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let scratch = '';
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function headlessEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), XDG_RUNTIME_DIR: join(home, 'run') };
  // A terminal without a desktop session: no bus, so the demo starts its own.
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DELEGATE_HOME', 'DELEGATE_PROFILE', 'DELEGATE_DEMO_IN_DBUS', 'DISPLAY']) delete env[name];
  return env;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the demo on a headless machine', () => {
  it('signs in even where a login keyring with another password already exists, and leaves that keyring untouched', () => {
    scratch = mkdtempSync(join(tmpdir(), 'delegate-demo-'));
    const home = join(scratch, 'home');
    mkdirSync(join(home, 'run'), { recursive: true, mode: 0o700 });
    const env = headlessEnv(home);
    // The person's own keyring, made with a password the demo does not know.
    spawnSync('dbus-run-session', ['--', 'sh', '-c', 'echo -n my-own-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; secret-tool store --label=mine app mine <<EOF\nsecret\nEOF'], { env, encoding: 'utf8', input: '' });
    const ownKeyring = join(home, '.local', 'share', 'keyrings', 'login.keyring');
    expect(existsSync(ownKeyring)).toBe(true);
    const before = sha256(ownKeyring);

    const demo = spawnSync('bash', [join(ROOT, 'scripts', 'demo.sh'), '--auto-approve'], {
      env: { ...env, DELEGATE_HOME: join(scratch, 'demo'), DELEGATE_DEMO_PORT: '0' },
      encoding: 'utf8',
      input: '',
      timeout: 90_000,
    });
    expect(demo.status, `${demo.stdout}\n${demo.stderr}`).toBe(0);
    expect(demo.stdout).toMatch(/Status\s+OK/);
    expect(demo.stdout).toContain('Cache       OS keychain');
    expect(sha256(ownKeyring)).toBe(before);
    expect(existsSync(join(scratch, 'demo', 'keyring-data', 'keyrings'))).toBe(true);
  });
});
