import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NET_PARTITION, installChromiumTransport, partitionFor } from '../../electron/shell/chromium-network.js';
import { createTransport, transportFactory, useTransportFactory, type TransportFactory } from '../../electron/core/net/transport-factory.js';
import { readProxySetting } from '../../electron/core/net/chromium-proxy.js';
import { ACCEPT, USE_CHROMIUM } from '../../electron/core/net/profile-ca-trust.js';
import type { OutgoingRequest } from '../../electron/core/net/http-transport.js';
import * as fake from './support/fake-electron.js';

vi.mock('electron', () => import('./support/fake-electron.js'));

let original: TransportFactory;

beforeEach(() => {
  fake.resetFakeElectron();
  original = transportFactory();
});

afterEach(() => {
  useTransportFactory(original);
});

const request = (url = 'https://graph.microsoft.com/v1.0/me'): OutgoingRequest => ({ method: 'GET', url: new URL(url), headers: {}, timeoutMs: 10_000, timeout: 'deadline' });

async function sendAndAnswer(options: Parameters<typeof createTransport>[0] = {}, url?: string): Promise<number> {
  const before = fake.net.requests.length;
  const sending = createTransport(options).send(request(url));
  for (let turn = 0; turn < 100 && fake.net.requests.length === before; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  const sent = fake.net.requests[before];
  if (!sent) throw new Error('nothing was sent through Electron net');
  sent.request.respond(204);
  return (await sending).status;
}

describe("the app's network", () => {
  it('sends every request of the app through Chromium, on an in-memory session of its own', async () => {
    installChromiumTransport();

    expect(transportFactory().name).toBe('chromium');
    expect(await sendAndAnswer()).toBe(204);
    const partition = fake.partitions.get(NET_PARTITION);
    expect(partition?.options).toEqual({ cache: false });
    expect(NET_PARTITION.startsWith('persist:')).toBe(false);
    expect(fake.net.requests[0]?.session).toBe(partition);
    expect(fake.net.requests[0]?.session).not.toBe(fake.session.defaultSession);
  });

  it("leaves the system's proxy settings (PAC, WPAD) in charge when config.json names no proxy", async () => {
    installChromiumTransport();
    await sendAndAnswer();

    expect(fake.partitions.get(NET_PARTITION)?.setProxy).not.toHaveBeenCalled();
  });

  it('applies "direct" and a configured proxy to sessions of their own, never with the password', async () => {
    installChromiumTransport();
    await sendAndAnswer({ proxy: 'direct' });
    await sendAndAnswer({ proxy: 'http://alice:s3cret@proxy.corp.test:3128' });

    const direct = fake.partitions.get(partitionFor(readProxySetting('direct')));
    const fixed = fake.partitions.get(partitionFor(readProxySetting('http://alice:s3cret@proxy.corp.test:3128')));
    expect(direct?.setProxy).toHaveBeenCalledWith({ mode: 'direct' });
    expect(fixed?.setProxy).toHaveBeenCalledWith({ mode: 'fixed_servers', proxyRules: 'http://proxy.corp.test:3128' });
    expect([...fake.partitions.keys()].join(' ')).not.toContain('s3cret');
    expect(fake.partitions.size).toBe(2);
  });

  it("trusts a profile's CA only on the hosts that profile's requests went to", async () => {
    const trust = installChromiumTransport();
    const verdicts: string[] = [];
    vi.spyOn(trust, 'verdict').mockImplementation((verifyRequest) => (verdicts.push(verifyRequest.hostname), verifyRequest.hostname === '127.0.0.1' ? ACCEPT : USE_CHROMIUM));
    await sendAndAnswer({ caFile: '/home/emu-ca.pem' }, 'https://127.0.0.1:8443/v1.0/me');
    const proc = fake.partitions.get(NET_PARTITION)?.verifyProc;
    const results: number[] = [];
    proc?.({ hostname: '127.0.0.1', certificate: { data: '' }, errorCode: -202 }, (result) => results.push(result));

    expect(results).toEqual([ACCEPT]);
    expect(verdicts).toEqual(['127.0.0.1']);
  });
});
