import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run emulator` as scripts and the README demo use it: one JSON line on stdout, hints on
 * stderr, a CA file that Node trusts through NODE_EXTRA_CA_CERTS, a clean exit on SIGTERM.
 */

const here = dirname(fileURLToPath(import.meta.url));
const mainScript = join(here, '..', 'main.ts');
const tsxCli = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

interface Announcement {
  authorityHost: string;
  graphBaseUrl: string;
  caFile: string;
  controlUrl: string;
  tenantId: string;
}

let child: ChildProcessWithoutNullStreams;
let stdout = '';
let stderr = '';
let announcement: Announcement;

function runNode(code: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, ['-e', code], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    process_.on('close', (exitCode) => resolve({ code: exitCode, out, err }));
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [tsxCli, mainScript, '--port', '0', '--device-code-interval', '1'], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
  });
  announcement = await new Promise<Announcement>((resolve, reject) => {
    // stdout and stderr are separate pipes: wait until both the JSON line and the hints arrived.
    const settle = (): void => {
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line !== undefined && stderr.includes('stop with Ctrl+C')) resolve(JSON.parse(line) as Announcement);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      settle();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      settle();
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early with ${code}: ${stderr}`)));
  });
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm run emulator', () => {
  it('prints exactly one JSON line with the URLs and the CA file, and human hints on stderr', () => {
    expect(announcement.authorityHost).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(announcement.graphBaseUrl).toBe(`${announcement.authorityHost}/graph`);
    expect(announcement.controlUrl).toBe(`${announcement.authorityHost}/_control`);
    expect(existsSync(announcement.caFile)).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${announcement.authorityHost}/devicelogin`);
    expect(stderr).toContain('adele.vance@contoso.onmicrosoft.com');
  });

  it('is trusted by a Node process started with NODE_EXTRA_CA_CERTS pointing at the CA file', async () => {
    const url = `${announcement.authorityHost}/organizations/v2.0/.well-known/openid-configuration`;
    const result = await runNode(`fetch(${JSON.stringify(url)}).then((r) => r.json()).then((m) => console.log(m.issuer))`, {
      NODE_EXTRA_CA_CERTS: announcement.caFile,
    });
    expect(result.err).toBe('');
    expect(result.out.trim()).toBe(`${announcement.authorityHost}/{tenantid}/v2.0`);
  });

  it('is not trusted without the CA, as a real TLS client must behave', async () => {
    const result = await runNode(`fetch(${JSON.stringify(announcement.authorityHost)}).then(() => console.log('trusted'), (e) => console.log(e.cause?.code ?? e.message))`, {
      NODE_EXTRA_CA_CERTS: '',
    });
    expect(result.out.trim()).not.toBe('trusted');
  });

  it('shuts down cleanly on SIGTERM and removes its CA file', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(announcement.caFile)).toBe(false);
  });
});
