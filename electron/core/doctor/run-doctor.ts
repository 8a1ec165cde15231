/**
 * `delegate doctor` and "Check my setup": runs every check for a profile, the independent ones at once, each
 * bounded in time, and collects their findings in a fixed order (versions, sign-in, keychain, locks, proxies,
 * DNS/TCP/TLS per host, clock, scopes).
 *
 * A check that does not answer in time becomes a "timed out" finding; a check that throws becomes a failed
 * finding with what it said. Nothing here throws for a bad setup: finding bad setups is the point.
 */
import { readMetadata } from '../auth/profile-metadata.js';
import { checkClock } from './check-clock.js';
import { checkConnection, STEP_TIMEOUT_MS } from './check-connection.js';
import { checkKeychain } from './check-keychain.js';
import { checkLocks } from './check-locks.js';
import { checkProxy, type ProxyOutcome } from './check-proxy.js';
import { checkScopes } from './check-scopes.js';
import { checkService, serviceUnanswered } from './check-service.js';
import { checkSignIn } from './check-sign-in.js';
import { checkVersions } from './check-versions.js';
import { doctorEndpoints } from './doctor-endpoints.js';
import { loadTrustStores } from './trust-stores.js';
import { DeadlineExceeded, formatSeconds, withDeadline } from './with-deadline.js';
import type { DoctorContext } from './doctor-context.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { DoctorFinding, DoctorReport, FindingArea } from '../../../shared/models/doctor-report.js';

/** Upper bounds per check. Connection = three steps; the token may need one refresh over a slow link. */
export const DOCTOR_TIMEOUTS = {
  keychainMs: 12_000,
  proxyMs: 5_000,
  connectionMs: 3 * STEP_TIMEOUT_MS + 2_000,
  clockMs: 10_000,
  scopesMs: 20_000,
  serviceMs: 10_000,
};

export interface DoctorRunOptions {
  timeouts?: Partial<typeof DOCTOR_TIMEOUTS>;
  /** Per network step (DNS, TCP, TLS). */
  stepMs?: number;
}

interface Bounded {
  id: string;
  area: FindingArea;
  title: string;
  code: ErrorCode;
  ms: number;
  action: string;
}

async function bounded(spec: Bounded, work: () => Promise<DoctorFinding[]>): Promise<DoctorFinding[]> {
  try {
    return await withDeadline(work(), spec.ms);
  } catch (error) {
    return timedOutOrFailed(spec, error);
  }
}

function timedOutOrFailed(spec: Bounded, error: unknown): DoctorFinding[] {
  const timedOut = error instanceof DeadlineExceeded;
  return [
    {
      id: spec.id,
      area: spec.area,
      status: 'fail',
      code: timedOut ? spec.code : 'unexpected',
      title: spec.title,
      detail: timedOut ? `Timed out: no answer within ${formatSeconds(spec.ms)}.` : `The check itself failed: ${error instanceof Error ? error.message : String(error)}.`,
      action: timedOut ? spec.action : 'Check again; if it keeps happening, report it with this line.',
    },
  ];
}

export async function runDoctor(context: DoctorContext, options: DoctorRunOptions = {}): Promise<DoctorReport> {
  const timeouts = { ...DOCTOR_TIMEOUTS, ...options.timeouts };
  const username = readMetadata(context.paths).metadata.account?.username ?? null;
  const endpoints = doctorEndpoints(context.profile, username);
  const trust = loadTrustStores(context.profile.caFile);
  const networkAction = 'Check your network connection (VPN, Wi-Fi, proxy) and check again.';

  // Read before anything else starts: the token check below takes the cache lock itself, and doctor must not
  // report its own lock as another process's.
  const first = [checkVersions(context), checkSignIn(context)];
  const locks = checkLocks(context);
  const keychain = bounded(
    { id: 'keychain', area: 'keychain', title: 'Keychain: write, read and delete a test entry', code: 'keychain-locked', ms: timeouts.keychainMs, action: 'The keychain did not answer: unlock it (an unlock prompt may be waiting) or restart the keyring daemon, then check again.' },
    async () => [await checkKeychain(context)],
  );
  const proxies = Promise.all(
    endpoints.map((endpoint) =>
      withDeadline(checkProxy(context, endpoint), timeouts.proxyMs).catch((error: unknown): ProxyOutcome => {
        const [finding] = timedOutOrFailed(
          { id: `proxy:${endpoint.id}`, area: 'proxy', title: `Proxy for ${endpoint.label}`, code: 'network', ms: timeouts.proxyMs, action: 'The proxy configuration (PAC/WPAD) did not answer: check the system proxy settings.' },
          error,
        );
        return { endpoint, decision: null, finding: finding as DoctorFinding };
      }),
    ),
  );
  const connections = proxies.then((outcomes) => {
    // One connection per host: the emulator (or a gateway) serves sign-in, Graph and downloads on one origin.
    const byHost = new Map<string, { url: URL; labels: string[]; decision: NonNullable<ProxyOutcome['decision']> }>();
    for (const outcome of outcomes) {
      if (!outcome.endpoint.connect || !outcome.decision) continue;
      const key = outcome.endpoint.url.host;
      const entry = byHost.get(key);
      if (entry) entry.labels.push(outcome.endpoint.label);
      else byHost.set(key, { url: outcome.endpoint.url, labels: [outcome.endpoint.label], decision: outcome.decision });
    }
    return Promise.all(
      [...byHost.values()].map((host) =>
        bounded(
          { id: `tcp:${host.url.host}`, area: 'network', title: `Connection to ${host.url.host}`, code: 'network', ms: timeouts.connectionMs, action: networkAction },
          () => checkConnection({ url: host.url, label: host.labels.join(', '), decision: host.decision, profileName: context.profile.name, ...(context.transportOptions.proxy ? { configuredProxy: context.transportOptions.proxy } : {}) }, trust, options.stepMs),
        ),
      ),
    );
  });
  // A service manager that does not answer is a warning, never a failure: jobs may well run another way.
  const service = withDeadline(checkService(context), timeouts.serviceMs).catch(serviceUnanswered);
  const clock = bounded(
    { id: 'clock', area: 'clock', title: 'Clock compared with the sign-in server', code: 'network', ms: timeouts.clockMs, action: networkAction },
    async () => [await checkClock(context)],
  );
  const scopes = bounded(
    { id: 'scopes', area: 'scopes', title: 'Scopes the current token carries', code: 'network', ms: timeouts.scopesMs, action: 'Getting a token took too long: check the network and keychain lines above, then check again.' },
    () => checkScopes(context),
  );

  const findings: DoctorFinding[] = [
    ...first,
    ...(await keychain),
    ...locks,
    await service,
    ...(await proxies).map((outcome) => outcome.finding),
    ...(await connections).flat(),
    ...(await clock),
    ...(await scopes),
  ];
  return { profile: context.profile.name, ok: !findings.some((finding) => finding.status === 'fail'), transport: context.factory.name, checkedAt: context.clock.now().toISOString(), findings };
}
