/**
 * A GraphClient wired for tests: trusts the test server's CA, counts token requests, and records every wait
 * instead of sleeping, so throttling storms run in milliseconds.
 */
import { GraphClient } from '../../../../electron/core/graph/graph-client.js';
import type { GraphClientOptions } from '../../../../electron/core/graph/graph-client-options.js';
import type { RetryInfo } from '../../../../electron/core/graph/graph-exchange.js';

export interface GraphTestClient {
  client: GraphClient;
  /** Every wait the client asked for, in ms. */
  waits: number[];
  retries: RetryInfo[];
  /** Token requests: `force` marks the ones after a 401. */
  tokenCalls: Array<{ force: boolean }>;
}

export function graphTestClient(server: { baseUrl: string; caFile: string }, overrides: Partial<GraphClientOptions> = {}): GraphTestClient {
  const waits: number[] = [];
  const retries: RetryInfo[] = [];
  const tokenCalls: Array<{ force: boolean }> = [];
  const client = new GraphClient({
    baseUrl: server.baseUrl,
    caFile: server.caFile,
    getToken: async (options) => {
      tokenCalls.push({ force: options?.forceRefresh === true });
      return tokenCalls.filter((call) => call.force).length > 0 ? 'fresh-token' : 'cached-token';
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    onRetry: (info) => retries.push(info),
    random: () => 0.5,
    ...overrides,
  });
  return { client, waits, retries, tokenCalls };
}
