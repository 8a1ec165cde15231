import type { ServerResponse } from 'node:http';

/**
 * A finished Graph answer before it is written: what the router hands to the socket, and what a
 * `$batch` item becomes inside the batch response.
 */

/** What Graph sends as Content-Type on a JSON success. */
export const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export type GraphBody =
  | { readonly kind: 'json'; readonly value: unknown; readonly contentType: string }
  | { readonly kind: 'bytes'; readonly bytes: Buffer; readonly contentType: string }
  | { readonly kind: 'none' };

export interface GraphResponse {
  readonly status: number;
  /** Everything but Content-Type and Content-Length, which follow from the body. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: GraphBody;
}

export function writeGraphResponse(response: ServerResponse, graphResponse: GraphResponse): void {
  const { body } = graphResponse;
  const payload = body.kind === 'json' ? Buffer.from(JSON.stringify(body.value)) : body.kind === 'bytes' ? body.bytes : Buffer.alloc(0);
  response.writeHead(graphResponse.status, {
    ...(body.kind === 'none' ? {} : { 'Content-Type': body.contentType }),
    'Content-Length': payload.length,
    ...graphResponse.headers,
  });
  response.end(payload);
}
