/**
 * The GraphClient a job run gets: the profile's Graph URL, CA and silent tokens, plus Delegate's own state
 * folder for download records, so job code never decides where that state lives.
 */
import { resolveDelegateHome } from '../home/delegate-home.js';
import { downloadStateDir as homeDownloadStateDir } from '../home/home-paths.js';
import { GraphClient } from './graph-client.js';
import type { GraphClientOptions } from './graph-client-options.js';

export type GraphClientSetup = Pick<GraphClientOptions, 'baseUrl' | 'getToken'> & Partial<Omit<GraphClientOptions, 'baseUrl' | 'getToken'>>;

/** `<home>/state/downloads`, shared by the app and the CLI because both resolve the same home. */
export function downloadStateDir(home: string = resolveDelegateHome()): string {
  return homeDownloadStateDir(home);
}

export function createGraphClient(setup: GraphClientSetup): GraphClient {
  return new GraphClient({ ...setup, stateDir: setup.stateDir ?? downloadStateDir() });
}
