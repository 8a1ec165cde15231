/**
 * Electronegativity (Doyensec's Electron security linter) over what ships: the built main process, preload and,
 * when built, the renderer. No high or medium finding may appear unless build/electronegativity-allowlist.json
 * names it with a reason; an allow-list entry that matches nothing fails too, so the list stays honest.
 *
 * The built files are staged with a .js extension because electronegativity reads only .js/.ts/.html files (it
 * would silently skip .cjs and then report the missing CSP, navigation limits and permission handler).
 * AvailableSecurityFixesGlobalCheck is left out: it downloads Electron's release list, and there is no network.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: Issue[]; errors: Array<{ file: string; message: string; tolerable: boolean }>; atomicChecks: number; globalChecks: number }>;
interface AllowEntry {
  check: string;
  file: string;
  match: string;
  reason: string;
}

const root = new URL('../..', import.meta.url).pathname;
const electronegativity = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const allowList = (JSON.parse(readFileSync(join(root, 'build/electronegativity-allowlist.json'), 'utf8')) as { allow: AllowEntry[] }).allow;
const SERIOUS = new Set(['HIGH', 'MEDIUM']);
const staging: string[] = [];

function stage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-electronegativity-'));
  staging.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    cpSync(contents, join(dir, path), { recursive: true });
  }
  return dir;
}

function scan(input: string): ReturnType<Run> {
  return electronegativity(
    { input, isRelative: true, isVerbose: false, customScan: [], excludeFromScan: ['availablesecurityfixesglobalcheck'], electronVersionOverride: '45.4.1', parserPlugins: [] },
    false,
  );
}

afterAll(() => {
  for (const dir of staging) rmSync(dir, { recursive: true, force: true });
});

describe('electronegativity', () => {
  let input: string;
  let result: Awaited<ReturnType<Run>>;

  beforeAll(async () => {
    // `npm test` builds first; a lone `vitest run` builds here when there is nothing to check.
    if (!existsSync(join(root, 'dist/shell/main.cjs'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    input = stage({ 'package.json': join(root, 'package.json') });
    cpSync(join(root, 'dist/shell/main.cjs'), join(input, 'dist/shell/main.js'));
    cpSync(join(root, 'dist/shell/preload.cjs'), join(input, 'dist/shell/preload.js'));
    if (existsSync(join(root, 'dist/renderer'))) {
      cpSync(join(root, 'dist/renderer'), join(input, 'dist/renderer'), { recursive: true, filter: (source) => !source.endsWith('.map') });
    }
    result = await scan(input);
  }, 120_000);

  it('parses every built file', () => {
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30);
  });

  it('finds no high or medium issue that the allow-list does not explain', () => {
    const line = (issue: Issue) => readFileSync(join(input, issue.file), 'utf8').split('\n')[issue.location.line - 1] ?? '';
    const unexplained = result.issues
      .filter((issue) => SERIOUS.has(issue.severity.name))
      .filter((issue) => !allowList.some((entry) => entry.check === issue.id && entry.file === issue.file && line(issue).includes(entry.match)))
      .map((issue) => `${issue.id} (${issue.severity.name}) ${issue.file}:${issue.location.line}: ${line(issue).trim().slice(0, 160)}`);
    expect(unexplained).toEqual([]);
  });

  it('has an allow-list whose every entry has a reason and still matches a finding', () => {
    const lines = new Map<string, string[]>();
    const sourceLines = (file: string) => {
      if (!lines.has(file)) lines.set(file, readFileSync(join(input, file), 'utf8').split('\n'));
      return lines.get(file) as string[];
    };
    for (const entry of allowList) {
      expect(entry.reason.length, entry.match).toBeGreaterThan(40);
      const used = result.issues.some((issue) => issue.id === entry.check && issue.file === entry.file && (sourceLines(issue.file)[issue.location.line - 1] ?? '').includes(entry.match));
      expect(used, `allow-list entry no longer needed: ${entry.check} ${entry.match}`).toBe(true);
    }
  });

  it('has teeth: it reports a window without context isolation or sandbox, and no navigation limits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegate-electronegativity-bad-'));
    staging.push(dir);
    writeFileSync(join(dir, 'bad.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
    const bad = await scan(dir);
    const serious = bad.issues.filter((issue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM').map((issue) => issue.id);
    expect(serious).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    expect(readdirSync(dir)).toEqual(['bad.js']);
  }, 60_000);
});
