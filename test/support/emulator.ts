/**
 * The emulator, started in the test process, with the helpers the CLI tests share: a profile pointed at it,
 * a full device code sign-in approved through the control API, and the control API itself.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index.js';
import { httpsJson, type JsonResponse } from './https-json.js';
import { runCli, startCli, type CliResult } from './cli.js';

export interface TestEmulator extends RunningEmulator {
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>>;
  addProfile(home: string, name?: string, extra?: string[]): Promise<CliResult>;
  signIn(home: string, profile?: string, user?: string): Promise<CliResult>;
  issuedTokens(): Promise<string[]>;
}

/** @param options e.g. `hostname`, for a proxy test whose host names only the proxy resolves. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, deviceCodeIntervalSeconds: 1, quiet: true, ...options });
  const control = <T = unknown>(method: string, path: string, body?: unknown) => httpsJson<T>(emulator.caFile, method, `${emulator.controlUrl}${path}`, body);
  const helpers = {
    control,
    addProfile: (home: string, name = 'emu', extra: string[] = []) =>
      runCli(['profiles', 'add', name, '--cloud', 'custom', '--authority-host', emulator.authorityHost, '--graph-url', emulator.graphBaseUrl, '--ca-file', emulator.caFile, ...extra], { home }),
    async signIn(home: string, profile = 'emu', user?: string): Promise<CliResult> {
      const login = startCli(['login', '--json', '--profile', profile], { home });
      const event = await login.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
      const approved = await control('POST', `/device-codes/${event.userCode}/approve`, user ? { user } : undefined);
      if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
      return login.done;
    },
    async issuedTokens(): Promise<string[]> {
      const issued = await control<Array<{ token: string }>>('GET', '/issued');
      return issued.body.map((entry) => entry.token);
    },
  };
  return Object.assign(emulator, helpers);
}
