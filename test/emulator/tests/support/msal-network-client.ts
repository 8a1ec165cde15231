import { request as httpsRequest } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * msal-node's INetworkModule over node:https, trusting one extra CA: how a Node process reaches
 * the emulator without NODE_EXTRA_CA_CERTS. Like msal's own client it never throws on 4xx/5xx,
 * because msal reads Entra's error body to decide what the failure means.
 */
export function createCaTrustingNetworkClient(ca: Buffer): INetworkModule {
  const send = <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const outgoing = httpsRequest(url, { method, headers: options?.headers ?? {}, ca }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          try {
            resolve({ headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T, status: incoming.statusCode ?? 0 });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
      outgoing.on('error', reject);
      if (method === 'POST') outgoing.write(options?.body ?? '');
      outgoing.end();
    });
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
