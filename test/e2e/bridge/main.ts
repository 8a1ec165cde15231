/**
 * The test bridge by hand: the real window over the real core in any browser, against the emulator.
 *
 *   npx vite build && npx tsx test/e2e/bridge/main.ts
 *
 * Starts the emulator, a fresh Delegate home with a profile `emu` on it (plaintext cache, so no keychain is
 * needed), and the bridge; prints the window's URL (with this launch's secret, like Jupyter's token: other
 * processes on the machine cannot use the window without it) and the emulator's verification page. Ctrl+C stops all.
 * With DELEGATE_HOME set, that home is used as it is (no profile is added, nothing is deleted).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/index.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { startBridge } from './bridge-server.js';

const emulator = await startEmulator({ port: 0, deviceCodeIntervalSeconds: 1, quiet: true });
const givenHome = process.env.DELEGATE_HOME;
const home = givenHome ?? mkdtempSync(join(tmpdir(), 'delegate-bridge-'));
if (!givenHome) await addProfile(home, 'emu', { cloud: 'custom', authorityHost: emulator.authorityHost, graphBaseUrl: emulator.graphBaseUrl, caFile: emulator.caFile, cacheBackend: 'plaintext' });
const bridge = await startBridge({
  home,
  log: (line) => console.error(line),
  platform: { onOpenExternal: (url) => console.log(`the app would open: ${url}`) },
});
console.log(`Delegate's window: ${bridge.url}`);
console.log('  (the token in this link is the key to your sign-in: do not share it; it changes at every launch)');
console.log(`Verification page: ${emulator.authorityHost}/devicelogin (self-signed certificate)`);
console.log(`Home: ${home}`);

const stop = async () => {
  await bridge.close();
  await emulator.close();
  if (!givenHome) rmSync(home, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
