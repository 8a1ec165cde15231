import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, historyPath, INTERRUPTED_ERROR } from '../../../electron/core/history/history-store.js';
import { makeHome } from '../../support/test-home.js';

// tsx's loader in this very process: its CLI would run the script in a grandchild that SIGKILL does not reach.
const TSX_LOADER = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const CHILD = fileURLToPath(new URL('./history-child.ts', import.meta.url));

interface Child {
  /** Resolves with the first line the child prints. */
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill: () => void;
}

function startChild(args: string[]): Child {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // vitest's own loader options must not leak into the child
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(stdout.slice(0, end));
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { firstLine, exit, kill: () => child.kill('SIGKILL') };
}

let home: { home: string; cleanup: () => void };
let path: string;
beforeEach(() => {
  home = makeHome();
  path = historyPath(home.home);
});
afterEach(() => home.cleanup());

describe('history across processes', () => {
  it('keeps every finished run and marks the cut-off one interrupted after the process is killed', async () => {
    const child = startChild(['crash', path]);
    const line = await child.firstLine;
    const runningId = Number(line.replace('running ', ''));
    child.kill();
    expect((await child.exit).signal).toBe('SIGKILL');

    const store = new HistoryStore(path);
    try {
      expect(store.isRunning('doomed')).toBe(true);
      const now = new Date('2026-01-02T00:00:00.000Z');
      expect(store.markInterrupted(now)).toBe(1);
      expect(store.getRun(runningId)).toMatchObject({ jobId: 'doomed', status: 'interrupted', endedAt: now.toISOString(), error: INTERRUPTED_ERROR });
      expect(store.countByStatus('steady')).toMatchObject({ succeeded: 50, running: 0 });
      expect(store.recentRuns({ jobId: 'steady', limit: 100 }).runs.map((run) => run.summary)).toEqual(
        Array.from({ length: 50 }, (_, i) => `run ${49 - i} of steady`),
      );
    } finally {
      store.close();
    }
  });

  it('lets two processes record runs at the same time without losing any', async () => {
    const startAt = String(Date.now() + 1_500);
    const writers = [startChild(['write', path, 'app', '500', startAt]), startChild(['write', path, 'daemon', '500', startAt])];
    const exits = await Promise.all(writers.map((writer) => writer.exit));
    for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });

    const store = new HistoryStore(path);
    try {
      expect(store.countByStatus('app').succeeded).toBe(500);
      expect(store.countByStatus('daemon').succeeded).toBe(500);
      const ids = store.recentRuns({ limit: 1_000 }).runs.map((run) => run.id);
      expect(new Set(ids).size).toBe(1_000);
    } finally {
      store.close();
    }
  });

  it('prints no SQLite experimental warning but still prints other warnings', async () => {
    const { code, stderr } = await startChild(['warn', path]).exit;
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/SQLite/);
    expect(stderr).toContain('DeprecationWarning: an unrelated warning');
  });
});
