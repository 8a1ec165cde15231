import { describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';

const setup = useEmulatorHome({ signedIn: false });

async function startLogin() {
  const login = startCli(['login', '--json', '--profile', 'emu'], { home: setup.home });
  const event = await login.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
  return { ...login, userCode: event.userCode };
}

describe('device code sign-in', () => {
  it('honours slow_down by adding 5 seconds to the polling interval', async () => {
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'device_code', error: 'slow_down', count: 1 });
    const login = await startLogin();
    // let the slowed-down poll and the next one happen, then approve
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await setup.emulator.control('POST', `/device-codes/${login.userCode}/approve`);
    const result = await login.done;
    expect(result.code).toBe(0);
    const polls = (await setup.emulator.control<Array<{ path: string; grantType?: string; time: string }>>('GET', '/requests')).body
      .filter((request) => request.grantType === 'device_code' || request.grantType === 'urn:ietf:params:oauth:grant-type:device_code')
      .map((request) => Date.parse(request.time));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    const gaps = polls.slice(1).map((time, index) => time - (polls[index] as number));
    // interval 1 s + 5 s for slow_down: every poll after the slow_down waits at least 6 s
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_900);
  }, 40_000);

  it('reports a declined sign-in clearly', async () => {
    const login = await startLogin();
    await setup.emulator.control('POST', `/device-codes/${login.userCode}/decline`);
    const result = await login.done;
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}').error).toMatchObject({ code: 'device-code-declined', message: expect.stringContaining('declined') });
  });

  it('reports an expired code clearly', async () => {
    const login = await startLogin();
    await setup.emulator.control('POST', '/clock/advance', { minutes: 16 });
    const result = await login.done;
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}').error).toMatchObject({ code: 'device-code-expired', message: expect.stringContaining('expired') });
  });

  it('stops at once when cancelled with Ctrl+C and stores nothing', async () => {
    const login = await startLogin();
    const started = Date.now();
    login.child.kill('SIGINT');
    const result = await login.done;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}').error.code).toBe('cancelled');
    const pending = await setup.emulator.control<Array<{ userCode: string }>>('GET', '/device-codes');
    await setup.emulator.control('POST', `/device-codes/${login.userCode}/approve`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const issued = await setup.emulator.issuedTokens();
    expect(issued).toEqual([]);
    expect(pending.status).toBe(200);
  });
});
