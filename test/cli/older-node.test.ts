/**
 * The README's commands on a machine whose own Node is older than 22.12: `npx delegate`, `npm link`'s `delegate`
 * and the npm scripts run the launcher or the script wrapper on that old Node, which hand over to the project's
 * Node in .tools/ (scripts/setup.sh puts it there). Runs where such an old Node and .tools/ exist, as on CI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DELEGATE_BIN, cliEnv } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WITH_NODE = join(ROOT, 'scripts', 'with-node.cjs');

function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', '/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12)) return candidate;
  }
  return undefined;
}

const oldNode = olderNode();
const haveProjectNode = existsSync(join(ROOT, '.tools', 'node_modules', 'node', 'bin', 'node'));
let cleanup = () => {};
afterEach(() => cleanup());

describe.skipIf(!oldNode || !haveProjectNode)('on a machine whose Node is older than 22.12', () => {
  const old = oldNode as string;

  it('delegate run by the old Node (npx, npm link) still answers, with the exit code of the real command', () => {
    const made = makeHome();
    cleanup = made.cleanup;
    const result = spawnSync(old, [DELEGATE_BIN, 'status', '--json'], { env: cliEnv(made.home), encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/needs Node/);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'signed-out' });
    expect(result.status).toBe(3);
  });

  it('an npm script started by the old Node runs its tools on Node 22.12 or newer, with the arguments npm passes on', () => {
    const result = spawnSync(old, [WITH_NODE, 'node', '-e', 'console.log(process.versions.node, process.argv[1])', 'two words'], { encoding: 'utf8' });
    const [version, argument] = result.stdout.trim().split(' ', 2);
    const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
    expect(argument).toBe('two');
    expect(result.stdout.trim()).toMatch(/two words$/);
  });

  it('an npm script whose command is a whole line (`a && b`) gets the arguments after `--` at its end, as npm gives them', () => {
    // package.json's "screenshots:renderer" is such a line; `npm run screenshots:renderer -- job-editor` once failed
    // with ENOENT because the line and its argument were taken for one program's name.
    const line = 'node -e "process.stdout.write(process.versions.node)" && node -e "console.log(\'\', JSON.stringify(process.argv.slice(1)))"';
    const result = spawnSync(old, [WITH_NODE, line, 'job-editor', "it's $HOME"], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const output = result.stdout.trim();
    const [major = 0, minor = 0] = output.slice(0, output.indexOf(' ')).split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
    expect(JSON.parse(output.slice(output.indexOf(' ') + 1))).toEqual(['job-editor', "it's $HOME"]);
  });

  it('a delegate daemon started through the old Node stops cleanly when that process is sent SIGTERM', async () => {
    const made = makeHome();
    cleanup = made.cleanup;
    const launcher = spawn(old, [DELEGATE_BIN, 'daemon'], { env: cliEnv(made.home), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    launcher.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => launcher.on('close', (code, signal) => resolve({ code, signal })));
    for (let i = 0; i < 200 && !/daemon started/.test(stdout); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stdout).toMatch(/daemon started/);
    launcher.kill('SIGTERM');
    const ended = await closed;
    expect(ended).toEqual({ code: 0, signal: null });
    // The daemon itself (the Node 22 child) has gone too: its scheduler lock is released.
    expect(existsSync(join(made.home, 'scheduler.lock'))).toBe(false);
  });
});
