import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulatorClock, type EmulatorClock } from './clock.js';
import { TENANT_DOMAIN, TENANT_ID, USERS } from './directory/directory.js';
import type { EmulatorContext } from './emulator-context.js';
import { createRequestListener } from './emulator-server.js';
import { SIMPLE_UPLOAD_MAX_BYTES } from './graph/routes/files/simple-upload.js';
import { EmulatorState } from './state/emulator-state.js';
import { createTlsMaterial } from './tls/certificates.js';
import { createSigningKey } from './tokens/signing-key.js';

/**
 * The Entra ID + Microsoft Graph emulator: HTTPS on 127.0.0.1 with a certificate made at start.
 * See README.md in this folder for the endpoints and the control API.
 */

export type { EmulatorClock } from './clock.js';

export interface EmulatorOptions {
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Initial emulator clock; defaults to real now. */
  now?: Date;
  /** Polling interval handed out with device codes; Entra uses 5, tests use 1. */
  deviceCodeIntervalSeconds?: number;
  /** Device code lifetime; Entra uses 900. */
  deviceCodeExpiresInSeconds?: number;
  /** No request log on stderr. */
  quiet?: boolean;
  /**
   * The host name in the authority URL (and the pre-authenticated download URLs), e.g. `login.delegate.test`,
   * instead of 127.0.0.1: for tests behind a proxy that alone resolves it. The server still listens on
   * 127.0.0.1 and its certificate covers `*.delegate.test`; `controlUrl` stays on 127.0.0.1.
   */
  hostname?: string;
  /** Likewise for `graphBaseUrl`, e.g. `graph.delegate.test`; defaults to `hostname`. */
  graphHostname?: string;
}

export interface RunningEmulator {
  /** `https://127.0.0.1:N` (or the `hostname` option): use `${authorityHost}/organizations` as the MSAL authority. */
  authorityHost: string;
  /** `https://127.0.0.1:N/graph`, so `${graphBaseUrl}/v1.0/me` works. */
  graphBaseUrl: string;
  /** PEM of the CA that signed the server certificate, for NODE_EXTRA_CA_CERTS or `ca:`. */
  caFile: string;
  controlUrl: string;
  tenantId: string;
  tenantDomain: string;
  users: ReadonlyArray<{ upn: string; oid: string; displayName: string }>;
  /** In-process control of the emulator clock. */
  clock: EmulatorClock;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const [tls, signingKey, caDirectory] = await Promise.all([
    createTlsMaterial(),
    createSigningKey('{tenantid}'),
    mkdtemp(join(tmpdir(), 'delegate-emulator-')),
  ]);
  const caFile = join(caDirectory, 'emulator-ca.pem');
  await writeFile(caFile, tls.caCertificatePem, { mode: 0o644 });

  const clock = createEmulatorClock(options.now);
  const state = new EmulatorState(
    {
      deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
      deviceCodeExpiresInSeconds: options.deviceCodeExpiresInSeconds ?? 900,
      simpleUploadMaxBytes: SIMPLE_UPLOAD_MAX_BYTES,
      accessTokenLifetimeSeconds: null,
    },
    // File content of the emulated drives goes to disk next to the CA file, and goes with it on close.
    join(caDirectory, 'drive-content'),
  );
  try {
    await state.seedWorkloads(clock.now());
  } catch (error) {
    await rm(caDirectory, { recursive: true, force: true });
    throw error;
  }
  const log = options.quiet ? undefined : (line: string): void => void process.stderr.write(`[emulator] ${line}\n`);
  const server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertificatePem });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await rm(caDirectory, { recursive: true, force: true });
    throw new Error(`emulator: cannot listen on 127.0.0.1:${options.port ?? 0}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { port } = server.address() as AddressInfo;
  const authorityHost = `https://${options.hostname ?? '127.0.0.1'}:${port}`;
  const graphBaseUrl = `https://${options.graphHostname ?? options.hostname ?? '127.0.0.1'}:${port}/graph`;
  const context: EmulatorContext = { clock, state, signingKey, origin: authorityHost, graphBaseUrl };
  // The port (and so every URL the emulator hands out) is known only once listening; requests are
  // handled from the same tick on, before the event loop can deliver one.
  server.on('request', createRequestListener(context, log));

  let closing: Promise<void> | undefined;
  return {
    authorityHost,
    graphBaseUrl,
    caFile,
    controlUrl: `https://127.0.0.1:${port}/_control`,
    tenantId: TENANT_ID,
    tenantDomain: TENANT_DOMAIN,
    users: USERS.map(({ upn, oid, displayName }) => ({ upn, oid, displayName })),
    clock,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections from clients would hold close() open indefinitely.
          server.closeAllConnections();
        });
        await rm(caDirectory, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
