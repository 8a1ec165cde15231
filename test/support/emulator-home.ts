/**
 * The common set-up of the CLI tests: one emulator per file, a fresh Delegate home per test with a profile
 * `emu` pointing at the emulator, optionally signed in already.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startTestEmulator, type TestEmulator } from './emulator.js';
import { makeHome } from './test-home.js';

export interface EmulatorHome {
  emulator: TestEmulator;
  home: string;
}

export interface EmulatorHomeOptions {
  signedIn?: boolean;
  /**
   * The client of `emu` (`graph-powershell`, a GUID); default: Delegate's default, Office. Teams posts, shared
   * mailboxes and site URLs need Graph PowerShell: the emulator plays Office's real pre-authorised list.
   */
  clientId?: string;
}

export function useEmulatorHome(options: EmulatorHomeOptions = {}): EmulatorHome {
  const state = {} as EmulatorHome;
  let cleanup = () => {};
  beforeAll(async () => {
    state.emulator = await startTestEmulator();
  });
  afterAll(async () => state.emulator.close());
  beforeEach(async () => {
    ({ home: state.home, cleanup } = makeHome());
    await state.emulator.control('POST', '/reset');
    expect((await state.emulator.addProfile(state.home, 'emu', options.clientId ? ['--client-id', options.clientId] : [])).code).toBe(0);
    if (options.signedIn) expect((await state.emulator.signIn(state.home)).code).toBe(0);
  });
  afterEach(() => cleanup());
  return state;
}
