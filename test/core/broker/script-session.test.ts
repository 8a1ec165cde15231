/**
 * Script session: what a child of Delegate gets, and what is kept out of what it prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openScriptSession, type ScriptSession } from '../../../electron/core/jobs/kinds/script-session.js';
import { tokenEnvRefusal } from '../../../shared/jobs/token-env-names.js';

const GRAPH = 'https://graph.microsoft.com';
let session: ScriptSession | undefined;
const folders: string[] = [];
afterEach(async () => {
  await session?.broker.close();
  session = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function open(tokens: Array<{ env: string }>, issued: string[] = [], broker?: false | { resources: string[] }) {
  const stateDir = mkdtempSync(join(tmpdir(), 'delegate-session-'));
  folders.push(stateDir);
  return openScriptSession({
    stateDir,
    network: {},
    tokens,
    issue: async () => {
      const accessToken = `opaque-${issued.length}-x7Qk2`;
      issued.push(accessToken);
      return { accessToken, expiresOn: null };
    },
    graphRoot: GRAPH,
    extraResources: [],
    ...(broker === undefined ? {} : { broker }),
    owner: 'job "etl"',
    log: () => undefined,
    inherited: { PATH: '/usr/bin:/bin' },
  });
}

function askBroker(opened: ScriptSession): Promise<number> {
  return askFor(opened).then((answer) => answer.status);
}

function askFor(opened: ScriptSession): Promise<{ status: number; message: string }> {
  const url = new URL(opened.broker.endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: url.port, path: `${url.pathname}?api-version=2019-08-01&resource=${encodeURIComponent(GRAPH)}`, headers: { 'X-IDENTITY-HEADER': opened.broker.secret }, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, message: (JSON.parse(text) as { message?: string }).message ?? '' }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a script session', () => {
  it('refuses a jobs file that puts a token in PATH, LD_PRELOAD or IDENTITY_HEADER, before any token is fetched', async () => {
    for (const env of ['PATH', 'ld_preload', 'IDENTITY_HEADER', 'NODE_OPTIONS']) {
      const issued: string[] = [];
      await expect(open([{ env }], issued), env).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining(`job "etl" asks for a token in ${env}, which cannot carry one`) });
      expect(issued).toEqual([]);
    }
  });

  it('lets a token go into a variable of the job’s own naming', () => {
    for (const env of ['GRAPH_TOKEN', 'SP_TOKEN', 'token', '_T1', 'PATHFINDER_TOKEN']) expect(tokenEnvRefusal(env), env).toBeNull();
    for (const env of ['1ABC', 'A-B', '', 'ß', 'TOKEN_É', 'PATH', 'Path', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'PYTHONSTARTUP', 'AZURE_CLIENT_SECRET', 'MSI_SECRET', 'HTTPS_PROXY', 'DELEGATE_HOME']) {
      expect(tokenEnvRefusal(env), env).not.toBeNull();
    }
  });

  it('keeps a token the script got from the broker out of what it printed, even when the token has no JWT shape', async () => {
    const issued: string[] = [];
    session = await open([], issued);
    expect(await askBroker(session)).toBe(200);
    expect(issued).toHaveLength(1);
    expect(session.redact(`debug: token is ${issued[0]}\n`)).toBe('debug: token is [redacted]\n');
  });

  it('keeps the broker’s secret out of what a script that prints its environment printed', async () => {
    session = await open([{ env: 'GRAPH_TOKEN' }]);
    const printed = Object.entries(session.env).map(([name, value]) => `${name}=${value}`).join('\n');
    const redacted = session.redact(printed);
    expect(redacted).toContain('IDENTITY_HEADER=[redacted]');
    expect(redacted).toContain('GRAPH_TOKEN=[redacted]');
    expect(redacted).not.toContain(session.broker.secret);
  });

  it('tells a script of a job whose broker.resources is empty to list a resource, not that broker: false turned it off', async () => {
    session = await open([], [], { resources: [] });
    const answer = await askFor(session);
    expect(answer.status).toBe(400);
    expect(answer.message).toContain('broker.resources');
    expect(answer.message).not.toContain('broker: false');
    await session.broker.close();
    session = await open([], [], false);
    expect((await askFor(session)).message).toContain('broker: false');
  });
});
