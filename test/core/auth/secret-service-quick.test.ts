/**
 * The in-process `Locked` question (secret-service-quick.ts) that spares the cached `delegate token` a dbus-send:
 * it may only ever say "usable" where dbus-send says so too, and must leave every other answer to dbus-send.
 * A private keyring (its own bus), so locking it does not lock the one the other test files use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretServiceSaysUsable, socketPath } from '../../../electron/core/auth/secret-service-quick.js';
import { secretServiceState } from '../../../electron/core/auth/secret-service-state.js';
import { secretServicePid, startPrivateKeyring, type PrivateKeyring } from '../../support/private-keyring.js';
import { lockKeyring, unlockKeyring } from '../../support/secret-service.js';

let keyring: PrivateKeyring | undefined;
beforeAll(async () => {
  keyring = await startPrivateKeyring();
});
afterAll(() => keyring?.stop());

describe('the Secret Service asked over the bus socket', () => {
  it('says usable for an unlocked keyring, as dbus-send does, and leaves a locked one to dbus-send', async () => {
    expect(await secretServiceState()).toEqual({ state: 'usable' });
    expect(await secretServiceSaysUsable()).toBe(true);
    lockKeyring();
    try {
      expect(await secretServiceState()).toMatchObject({ state: 'locked' });
      expect(await secretServiceSaysUsable()).toBeUndefined();
    } finally {
      unlockKeyring();
    }
    expect(await secretServiceSaysUsable()).toBe(true);
  });

  it('leaves a keyring daemon that does not answer to dbus-send, within a second', async () => {
    const pid = secretServicePid();
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      expect(await secretServiceSaysUsable()).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await secretServiceSaysUsable()).toBe(true);
  });

  it('leaves a bus that refuses the authentication (its BEGIN and messages sent along unread) to dbus-send', async () => {
    // The question is written in one go, AUTH to the last message: a bus that says REJECTED must still end in "ask dbus-send".
    const dir = mkdtempSync(join(tmpdir(), 'delegate-bus-'));
    const heard: Buffer[] = [];
    const server = createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        heard.push(chunk);
        socket.write('REJECTED EXTERNAL\r\n');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(join(dir, 'bus'), resolve));
    try {
      expect(await secretServiceSaysUsable({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'bus')}` })).toBeUndefined();
      expect(Buffer.concat(heard).toString('latin1')).toMatch(/^\0AUTH EXTERNAL [0-9a-f]+\r\nBEGIN\r\n/);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says nothing without a bus, or for an address it does not read', async () => {
    expect(await secretServiceSaysUsable({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/delegate-test-bus' })).toBeUndefined();
    expect(await secretServiceSaysUsable({})).toBeUndefined();
    expect(await secretServiceSaysUsable({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1' })).toBeUndefined();
    expect(socketPath('unix:abstract=/tmp/dbus-x,guid=1')).toBe('\0/tmp/dbus-x');
    expect(socketPath('tcp:host=a,port=1;unix:path=/run/user/1/bus')).toBe('/run/user/1/bus');
    expect(socketPath('unix:path=/tmp/with%20escape')).toBeUndefined();
  });
});
