/**
 * What the Graph operations (download, upload, $batch) share with the client: the exchange that sends with
 * retries, and how Graph URLs are built and named. Kept apart from GraphClient so each operation lives in its
 * own file without reaching into the class.
 */
import type { GraphExchange } from './graph-exchange.js';

export interface GraphContext {
  exchange: GraphExchange;
  /** `{baseUrl}/v1.0{path}` with OData query options. */
  url(path: string, query?: Record<string, string>): URL;
  /** `GET /me/drive/root:/Reports`, for messages. */
  describe(method: string, url: URL): string;
  /** Delegate's folder for download records; see download-state.ts. */
  stateDir: string | undefined;
}
