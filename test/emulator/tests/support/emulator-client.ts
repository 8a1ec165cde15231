import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { RunningEmulator } from '../../index.js';

/**
 * A raw HTTPS client for the emulator tests: node:https trusting only the emulator's CA, no
 * redirects followed, bodies returned as text and parsed JSON.
 */

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly json: unknown;
  readonly bytes: Buffer;
}

export interface RequestOptions {
  readonly form?: Record<string, string>;
  readonly json?: unknown;
  /** A raw body (uploads), sent as is. */
  readonly raw?: Buffer;
  readonly headers?: Record<string, string>;
}

export const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
export const AZURE_CLI = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const GRAPH_POWERSHELL = '14d82eec-204b-4c2f-b7e8-296a70dab67e';
export const CUSTOM_CLIENT = '7f3c1a52-9d4e-4b8a-a1c6-2e5f0d9b8c74';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ADELE = 'adele.vance@contoso.onmicrosoft.com';
export const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';

export class EmulatorClient {
  private readonly ca: Buffer;

  constructor(readonly emulator: RunningEmulator) {
    this.ca = readFileSync(emulator.caFile);
  }

  send(method: string, url: string, options: RequestOptions = {}): Promise<RawResponse> {
    const body =
      options.form !== undefined
        ? new URLSearchParams(options.form).toString()
        : options.json !== undefined
          ? JSON.stringify(options.json)
          : options.raw;
    const headers: Record<string, string> = { ...options.headers };
    if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    // As real clients do; without it node:https would send the body chunked.
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const outgoing = httpsRequest(url, { method, headers, ca: this.ca }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let json: unknown;
          try {
            json = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json, bytes });
        });
      });
      outgoing.on('error', reject);
      if (body !== undefined) outgoing.write(body);
      outgoing.end();
    });
  }

  /** A Graph call with a bearer token: `graph('GET', '/me/messages', token)`. */
  graph(method: string, path: string, token: string, options: RequestOptions = {}): Promise<RawResponse> {
    const url = path.startsWith('https://') ? path : `${this.emulator.graphBaseUrl}/v1.0${path}`;
    return this.send(method, url, { ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  }

  get(pathOrUrl: string, headers?: Record<string, string>): Promise<RawResponse> {
    return this.send('GET', this.url(pathOrUrl), headers === undefined ? {} : { headers });
  }

  postForm(pathOrUrl: string, form: Record<string, string>, headers?: Record<string, string>): Promise<RawResponse> {
    return this.send('POST', this.url(pathOrUrl), headers === undefined ? { form } : { form, headers });
  }

  /** Calls the control API: `control('POST', '/clock/advance', {days: 1})`. */
  async control<T = unknown>(method: string, path: string, json?: unknown): Promise<T> {
    const response = await this.send(method, `${this.emulator.controlUrl}${path}`, json === undefined ? {} : { json });
    if (response.status >= 400) throw new Error(`control ${method} ${path} failed: ${response.status} ${response.text}`);
    return response.json as T;
  }

  token(form: Record<string, string>, tenant = 'organizations', headers?: Record<string, string>): Promise<RawResponse> {
    return this.postForm(`/${tenant}/oauth2/v2.0/token`, form, headers);
  }

  deviceCode(clientId: string, scope: string, tenant = 'organizations'): Promise<RawResponse> {
    return this.postForm(`/${tenant}/oauth2/v2.0/devicecode`, { client_id: clientId, scope });
  }

  /** Device code → approval through the control API → tokens: a complete sign-in. */
  async signIn(clientId: string, scope: string, user: string = ADELE): Promise<TokenResponse> {
    const started = await this.deviceCode(clientId, scope);
    const { user_code: userCode, device_code: deviceCode } = started.json as DeviceCodeResponse;
    await this.control('POST', `/device-codes/${userCode}/approve`, { user });
    const tokens = await this.token({ grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: deviceCode, client_info: '1' });
    if (tokens.status !== 200) throw new Error(`sign-in failed: ${tokens.text}`);
    return tokens.json as TokenResponse;
  }

  refresh(clientId: string, refreshToken: string, scope: string): Promise<RawResponse> {
    return this.token({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken, scope, client_info: '1' });
  }

  private url(pathOrUrl: string): string {
    return pathOrUrl.startsWith('https://') ? pathOrUrl : `${this.emulator.authorityHost}${pathOrUrl}`;
  }
}

export interface DeviceCodeResponse {
  user_code: string;
  device_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
  message: string;
}

export interface TokenResponse {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export interface EntraError {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri?: string;
  suberror?: string;
  claims?: string;
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

/** The claims of a JWT, unverified. */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function jwtHeader(token: string): Record<string, unknown> {
  const header = token.split('.')[0] ?? '';
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ENTRA_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
