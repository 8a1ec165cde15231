/**
 * Kept-alive connections of msal's network client: every silent token (each job, each probe) makes its own msal
 * app and transport. Its kept-alive sockets must end with it, or a daemon holds one more open connection (and,
 * behind a proxy, one more tunnel) per refresh until the far end tires of them.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { authContext, type AuthContext } from '../../electron/core/auth/auth-context.js';
import { signInWithDeviceCode } from '../../electron/core/auth/sign-in.js';
import { acquireTokenSilently } from '../../electron/core/auth/silent-token.js';
import { addProfile } from '../../electron/core/profiles/profile-service.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { makeHome } from '../support/test-home.js';

let emulator: TestEmulator;
let cleanup: () => void;
let context: AuthContext;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  let home: string;
  ({ home, cleanup } = makeHome());
  await emulator.control('POST', '/reset');
  const profile = await addProfile(home, 'emu', { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile });
  context = authContext(home, { now: () => emulator.clock.now() }, profile);
  await signInWithDeviceCode(context, { onDeviceCode: (info) => void emulator.control('POST', `/device-codes/${info.userCode}/approve`) });
});
afterEach(() => cleanup());

/**
 * Open TCP connections of this process that hold it alive: the emulator's ends (it runs in this process). An
 * idle kept-alive client end is unref'd and not listed, but the emulator's end of it is, for as long as it is open.
 */
function openTlsSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

it('twenty token refreshes in a row leave no connections open behind them', async () => {
  await sleep(200);
  const before = openTlsSockets();
  for (let refresh = 0; refresh < 20; refresh++) {
    const token = await acquireTokenSilently(context, { forceRefresh: true });
    expect(token.fromCache).toBe(false);
  }
  // Let the emulator's side see the closes.
  await sleep(200);
  expect(openTlsSockets() - before).toBeLessThan(5);
}, 60_000);
