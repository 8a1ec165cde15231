import type { ServerResponse } from 'node:http';

/** Writing responses: JSON, HTML pages and redirects. */

export type HeaderMap = Record<string, string | number>;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

export function sendHtml(response: ServerResponse, status: number, html: string, headers: HeaderMap = {}): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    // The pages are self-contained: no scripts, no external resources.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*",
    ...headers,
  });
  response.end(html);
}

export function sendRedirect(response: ServerResponse, location: string, headers: HeaderMap = {}): void {
  response.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0, ...headers });
  response.end();
}
