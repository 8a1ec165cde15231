/**
 * Tokens never reach the renderer: a full session through the test bridge — sign-in, probe, jobs that use
 * tokens (a Graph call, a mail, a script that prints its tokens), history, settings — and not one answer or event
 * written to the page holds a token the emulator issued, a piece of one, or anything shaped like a JWT.
 *
 * Driven from plain Node with the bridge's HTTP client, so it needs no browser; the bridge records every payload
 * it writes to the page, and the client checks what arrived.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { makeHome } from '../../support/test-home.js';
import { writeJobs } from '../../support/jobs.js';
import { startBridge, type Bridge } from '../../e2e/bridge/bridge-server.js';
import { connectBridgeClient, type BridgeClient } from '../../e2e/bridge/bridge-client.js';
import type { JobRun } from '../../../shared/models/job-run.js';

const PROFILE = 'emu';
const SHAREPOINT = 'https://contoso.sharepoint.com';
/** A script that does what a careless one does: prints its tokens, in every common shape. */
const PRINTS_TOKENS = `
import json, os
graph = os.environ["GRAPH_TOKEN"]
sharepoint = os.environ["SP_TOKEN"]
print("graph token:", graph)
print("Authorization: Bearer " + graph)
print(json.dumps({"access_token": sharepoint, "token_type": "Bearer"}))
print(graph[:40], graph[40:])
print(graph)
`;
/** `eyJ` is `{"` in base64url: the start of every JWT header. */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.?/;

let emulator: TestEmulator;
let home: { home: string; cleanup: () => void };
let bridge: Bridge;
let client: BridgeClient;
/** Where the bridge's save dialog puts the evidence pack: outside the home, as a person's Documents folder is. */
const evidenceDir = mkdtempSync(join(tmpdir(), 'delegate-evidence-ipc-'));
/** Every answer the client got, as the text it parsed. */
const answers: string[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  home = makeHome();
  await addProfile(home.home, PROFILE, { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile, extraResources: [SHAREPOINT] });
  writeFileSync(join(home.home, 'prints-tokens.py'), PRINTS_TOKENS);
  writeJobs(home.home, [
    { id: 'whoami', schedule: '0 9 * * 1', profile: PROFILE, action: { kind: 'graph.request', method: 'GET', path: '/me', saveTo: 'out/me.json' } },
    { id: 'report', schedule: '0 7 * * 1-5', profile: PROFILE, action: { kind: 'mail.send', to: ['megan.bowen@contoso.onmicrosoft.com'], subject: 'Report', body: { text: 'Numbers.' } } },
    { id: 'careless-script', schedule: '0 2 * * *', profile: PROFILE, action: { kind: 'script', command: 'python3', args: ['prints-tokens.py'], tokens: [{ env: 'GRAPH_TOKEN' }, { env: 'SP_TOKEN', resource: SHAREPOINT }] } },
    { id: 'missing-file', schedule: '0 3 * * *', profile: PROFILE, action: { kind: 'files.download', source: { drive: 'me', path: 'Nope/missing.xlsx' }, destination: 'data/missing.xlsx' } },
  ]);
  bridge = await startBridge({ home: home.home, platform: { evidenceFile: (name) => join(evidenceDir, name) } });
  client = connectBridgeClient(bridge.url);
  await client.ready;
}, 60_000);

afterAll(async () => {
  client?.close();
  await bridge?.close();
  await emulator?.close();
  home?.cleanup();
  rmSync(evidenceDir, { recursive: true, force: true });
});

async function ask(channel: Parameters<BridgeClient['raw']>[0], input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const answer = (await client.raw(channel, input)) as { ok: boolean; value?: unknown; error?: unknown };
  answers.push(JSON.stringify(answer));
  return answer;
}

describe('what the renderer is sent', () => {
  it('never holds a token, through sign-in, probes, jobs that use tokens, history and settings', async () => {
    // Sign in: the device code arrives as an event, a person approves it, the window hears it finished.
    const codeShown = client.next('auth:state', (state) => state.phase === 'device-code' && state.deviceCode !== undefined);
    const signedIn = client.next('auth:state', (state) => state.phase === 'signed-in' || state.phase === 'failed');
    expect(await ask('auth:start-device-code', { profile: PROFILE })).toMatchObject({ ok: true });
    const code = await codeShown;
    expect(await ask('auth:copy-code-and-open', {})).toMatchObject({ ok: true, value: { copied: true } });
    expect((await emulator.control('POST', `/device-codes/${code.deviceCode?.userCode}/approve`)).status).toBe(200);
    expect(await signedIn).toMatchObject({ phase: 'signed-in' });

    expect(await ask('app:get-state', {})).toMatchObject({ ok: true, value: { health: { status: 'ok' } } });
    expect(await ask('auth:probe', { profile: PROFILE })).toMatchObject({ ok: true, value: { status: 'ok', lastProbe: { outcome: 'ok' } } });

    const runs: JobRun[] = [];
    for (const jobId of ['whoami', 'report', 'careless-script', 'missing-file']) {
      const answer = await ask('jobs:run-now', { jobId });
      expect(answer, jobId).toMatchObject({ ok: true });
      runs.push(answer.value as JobRun);
    }
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed']);
    // The script really printed its tokens, and what came back was redacted.
    const script = runs[2] as JobRun;
    expect(script.outputTail).toContain('graph token: [redacted]');
    expect(script.outputTail).toContain('Authorization: Bearer [redacted]');

    expect(await ask('jobs:list', {})).toMatchObject({ ok: true });
    expect(await ask('history:query', {})).toMatchObject({ ok: true, value: { total: 4 } });
    expect(await ask('history:query', { jobId: 'careless-script', status: ['succeeded'], limit: 5 })).toMatchObject({ ok: true });
    for (const run of runs) expect(await ask('history:get-run', { id: run.id })).toMatchObject({ ok: true });

    expect(await ask('settings:get', {})).toMatchObject({ ok: true });
    expect(await ask('settings:check-scopes', { scopes: ['Calendar.ReadWrite', 'Mail.Send'] })).toMatchObject({ ok: true });
    expect(await ask('settings:save-profile', { name: PROFILE, create: false, changes: { warningDays: 10 } })).toMatchObject({ ok: true });
    expect(await ask('settings:set-launch-at-login', { enabled: true })).toMatchObject({ ok: true });
    // "Check my setup" acquires a token to read its scopes: only the scope names may come back.
    expect(await ask('settings:check-setup', { profile: PROFILE })).toMatchObject({ ok: true, value: { profile: PROFILE } });
    // The evidence pack: the window hears only where it went; the file itself holds no token either (checked below).
    const evidence = await ask('settings:write-evidence', { profile: PROFILE });
    expect(evidence).toMatchObject({ ok: true, value: { path: expect.stringMatching(/delegate-evidence-emu-\d{4}-\d{2}-\d{2}\.html$/), profiles: 1, jobs: 4 } });
    const packPath = (evidence.value as { path: string }).path;
    expect(existsSync(packPath)).toBe(true);
    const listed = await ask('jobs:list', {});
    const version = (listed.value as { version: string | null }).version;
    // The editor's channels: a job's source, saving it back, a new job and deleting it; no token in any answer.
    const source = await ask('jobs:get-source', { jobId: 'whoami' });
    expect(source).toMatchObject({ ok: true, value: { jobId: 'whoami', version, source: { id: 'whoami' } } });
    const saved = await ask('jobs:save', { version, originalId: 'whoami', job: (source.value as { source: Record<string, unknown> }).source });
    expect(saved).toMatchObject({ ok: true });
    const created = await ask('jobs:save', { version: (saved.value as { version: string }).version, job: { id: 'extra', schedule: '0 7 * * 1', action: { kind: 'graph.request', path: '/me' } } });
    expect(created).toMatchObject({ ok: true });
    const deleted = await ask('jobs:delete', { jobId: 'extra', version: (created.value as { version: string }).version });
    expect(deleted).toMatchObject({ ok: true });
    expect(await ask('jobs:set-enabled', { jobId: 'whoami', enabled: false, version: (deleted.value as { version: string }).version })).toMatchObject({ ok: true });
    expect(await ask('jobs:set-paused', { paused: true })).toMatchObject({ ok: true });
    expect(await ask('jobs:set-paused', { paused: false })).toMatchObject({ ok: true });

    // A second sign-in started and cancelled, and a browser sign-in started and cancelled.
    const secondCode = client.next('auth:state', (state) => state.phase === 'device-code' && state.deviceCode !== undefined);
    await ask('auth:start-device-code', {});
    await secondCode;
    await ask('auth:cancel', {});
    await ask('auth:start-browser', { profile: PROFILE });
    await ask('auth:cancel', {});
    expect(await ask('auth:probe', { profile: PROFILE })).toMatchObject({ ok: true, value: { status: 'ok' } });
    await ask('app:get-state', {});
    // Let the last events arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const issued = (await emulator.control<Array<{ kind: string; token: string; audience: string }>>('GET', '/issued')).body;
    expect(new Set(issued.map((entry) => entry.kind))).toEqual(new Set(['access', 'refresh', 'id']));
    expect(issued.some((entry) => entry.kind === 'access' && entry.audience.startsWith(SHAREPOINT))).toBe(true);
    // Every token, and every long piece of one (a JWT's payload or signature, a refresh token's body).
    const secrets = new Set<string>();
    for (const { token } of issued) {
      secrets.add(token);
      for (const piece of token.split('.')) if (piece.length >= 16) secrets.add(piece);
    }

    const written = bridge.sent.map((payload) => ({ where: `${payload.kind} ${payload.channel}`, text: payload.text }));
    const received = [...answers.map((text) => ({ where: 'answer received', text })), ...client.received.map((event) => ({ where: `event received ${event.channel}`, text: JSON.stringify(event.payload) }))];
    expect(written.filter((payload) => payload.where.startsWith('event')).length).toBeGreaterThan(10);
    expect(written.filter((payload) => payload.where.startsWith('answer')).length).toBe(answers.length);
    const pack = { where: 'the evidence pack file', text: readFileSync(packPath, 'utf8') };
    expect(pack.text).toContain('careless-script');
    for (const { where, text } of [...written, ...received, pack]) {
      for (const secret of secrets) {
        if (text.includes(secret)) expect.fail(`${where} holds token material (${secret.slice(0, 12)}…): ${text.slice(0, 300)}`);
      }
      const jwt = JWT_SHAPE.exec(text);
      if (jwt) expect.fail(`${where} holds something JWT-shaped (${jwt[0].slice(0, 24)}…): ${text.slice(0, 300)}`);
    }
  });
});
