import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { readAllFiles } from '../support/test-home.js';

const setup = useEmulatorHome({ signedIn: true });

const CALLS_ME = `
import json, os, ssl, sys, urllib.request
token = os.environ["GRAPH_TOKEN"]
# The token must be in no command line: not ours, not our parent's (Delegate's).
def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode(errors="replace")
print("argv clean:", token not in cmdline(os.getpid()) and token not in cmdline(os.getppid()))
context = ssl.create_default_context(cafile=os.environ["EMULATOR_CA"])
request = urllib.request.Request(os.environ["GRAPH_URL"] + "/v1.0/me", headers={"Authorization": "Bearer " + token})
me = json.load(urllib.request.urlopen(request, context=context))
print("the token was", token)
print("hello", me["userPrincipalName"])
`;

function scriptJob(id: string, script: string, extra: Record<string, unknown> = {}) {
  writeFileSync(join(setup.home, `${id}.py`), script);
  return { id, schedule: '0 7 * * *', profile: 'emu', ...extra, action: { kind: 'script', command: 'python3', args: [`${id}.py`], cwd: '.', env: { EMULATOR_CA: setup.emulator.caFile, GRAPH_URL: setup.emulator.graphBaseUrl }, tokens: [{ env: 'GRAPH_TOKEN' }] } };
}

/** Running, as opposed to gone or a zombie waiting for a parent (this sandbox's PID 1 may reap slowly). */
const alive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
};

describe('script jobs', () => {
  it('give a Python script a Graph token in its environment, never in argv, history or logs', async () => {
    writeJobs(setup.home, [scriptJob('whoami', CALLS_ME)]);
    const { result, run } = await runJob(setup.home, 'whoami');
    expect(result.code).toBe(0);
    expect(run).toMatchObject({ status: 'succeeded', summary: 'python3 exited with 0: hello adele.vance@contoso.onmicrosoft.com' });
    expect(run.outputTail).toContain('argv clean: True');
    expect(run.outputTail).toContain('the token was [redacted]');
    const tokens = await setup.emulator.issuedTokens();
    for (const file of readAllFiles(setup.home)) {
      for (const token of tokens) expect(file.contents.includes(token), `${file.path} holds a token`).toBe(false);
    }
    for (const token of tokens) expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('record a non-zero exit as failed with the end of the output', async () => {
    writeJobs(setup.home, [scriptJob('broken', 'import sys\nprint("loading rows")\nprint("KeyError: \'amount\'", file=sys.stderr)\nsys.exit(3)\n')]);
    const { result, run } = await runJob(setup.home, 'broken');
    expect(result.code).toBe(1);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'script-failed', message: 'The script exited with code 3.' } });
    expect(run.outputTail).toContain("KeyError: 'amount'");
  });

  it('end the whole process tree on timeout, even a child that ignores SIGTERM', async () => {
    const tree = `
import subprocess, time
polite = subprocess.Popen(["sleep", "300"])
stubborn = subprocess.Popen(["bash", "-c", "trap '' TERM; exec sleep 300"])
with open("pids.txt", "w") as f:
    f.write(f"{polite.pid} {stubborn.pid}")
print("started", flush=True)
time.sleep(300)
`;
    writeJobs(setup.home, [scriptJob('hang', tree, { timeoutMinutes: 0.03 })]);
    const started = Date.now();
    const { result, run } = await runJob(setup.home, 'hang');
    expect(result.code).toBe(1);
    expect(run).toMatchObject({ status: 'timed-out', error: { code: 'timed-out', message: 'The run took longer than 0.03 minutes and was stopped.' } });
    expect(run.outputTail).toContain('started');
    const pids = readFileSync(join(setup.home, 'pids.txt'), 'utf8').split(' ').map(Number);
    for (const pid of pids) expect(alive(pid), `process ${pid} survived`).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('name a program that does not exist', async () => {
    writeJobs(setup.home, [{ id: 'missing', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'script', command: 'no-such-program-xyz' } }]);
    const { run } = await runJob(setup.home, 'missing');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'script-failed', message: 'The program "no-such-program-xyz" was not found.' } });
    expect(existsSync(join(setup.home, 'history.sqlite'))).toBe(true);
    expect(readdirSync(setup.home)).toContain('jobs.yaml');
  });
});
