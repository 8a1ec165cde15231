/**
 * DNS, TCP and TLS towards one host, the way Delegate's requests go: straight there, or through the proxy the
 * decision names (then DNS and TCP are the proxy's, and TLS runs inside its CONNECT tunnel, so a TLS-inspecting
 * proxy's certificate is what is examined). A failed step ends the line for that host: the later ones would only
 * repeat its cause.
 */
import { DeadlineExceeded, formatSeconds, withDeadline } from './with-deadline.js';
import { ProxyRefused, openTunnel, resolveHost, tcpConnect, tlsHandshake, type Handshake } from './connection-probes.js';
import { describeChain, findAnchor, readableName } from './tls-anchor.js';
import { effectivePort, proxyWithCredentials } from './proxy-credentials.js';
import type { LoadedTrust } from './trust-stores.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';
import type { ProxyDecision } from '../net/proxy-decision.js';

/** Per step: a healthy network answers each in well under a second; a dead one must not hold doctor for long. */
export const STEP_TIMEOUT_MS = 6_000;

export interface ConnectionTarget {
  url: URL;
  /** Which endpoints live on this host, for people: "the sign-in host, Microsoft Graph". */
  label: string;
  decision: ProxyDecision;
  profileName: string;
  /** The profile's or config's proxy setting, to find the proxy's password again (never shown). */
  configuredProxy?: string;
}

export async function checkConnection(target: ConnectionTarget, trust: LoadedTrust, stepMs = STEP_TIMEOUT_MS): Promise<DoctorFinding[]> {
  const host = target.url.hostname;
  const port = effectivePort(target.url);
  const key = target.url.host;
  const proxy = target.decision.proxy ? proxyWithCredentials(target.decision.proxy, [target.configuredProxy]) : null;
  const findings: DoctorFinding[] = [];
  const step = async <T>(work: (register: (cleanup: () => void) => void) => Promise<T>): Promise<T> => {
    const cleanups: Array<() => void> = [];
    try {
      return await withDeadline(work((cleanup) => cleanups.push(cleanup)), stepMs);
    } finally {
      for (const cleanup of cleanups) cleanup();
    }
  };

  // DNS: the target's name, or the proxy's (the proxy resolves the target's name itself).
  const dnsName = proxy ? proxy.hostname : host;
  try {
    const { addresses } = await step(() => resolveHost(dnsName));
    const list = addresses.map((entry) => entry.address).join(', ');
    findings.push({
      id: `dns:${key}`,
      area: 'network',
      status: 'pass',
      title: proxy ? `DNS for ${key} (the proxy's name)` : `DNS for ${key}`,
      detail: proxy ? `${dnsName} → ${list}; the proxy resolves ${host} itself.` : `${host} → ${list}.`,
      data: { name: dnsName, addresses },
    });
  } catch (error) {
    findings.push({
      id: `dns:${key}`,
      area: 'network',
      status: 'fail',
      code: 'network',
      title: proxy ? `DNS for ${key} (the proxy's name)` : `DNS for ${key}`,
      detail: `${dnsName} could not be resolved: ${describe(error, stepMs)}.${target.label ? ` Needed for ${target.label}.` : ''}`,
      action: proxy
        ? `Check the proxy's name in HTTPS_PROXY (or the proxy setting) and your network connection (VPN, Wi-Fi).`
        : 'Check your network connection and DNS (VPN, Wi-Fi). If this network reaches the internet only through a proxy, set HTTPS_PROXY=http://proxy:port (or the proxy setting in config.json).',
      data: { name: dnsName },
    });
    return findings;
  }

  // TCP: to the host, or to the proxy and then a CONNECT tunnel through it.
  let tunnel: import('node:net').Socket | undefined;
  const tcpTitle = proxy ? `TCP to ${key} through the proxy` : `TCP to ${key}`;
  try {
    if (proxy) {
      if (proxy.protocol !== 'http:') {
        findings.push({
          id: `tcp:${key}`,
          area: 'network',
          status: 'warn',
          title: tcpTitle,
          detail: `The proxy ${target.decision.proxy} is not an http:// proxy; doctor opens tunnels through http:// proxies only, so TCP and TLS to ${key} were not checked.`,
          action: 'Run a job or `delegate status --probe` to see whether requests through this proxy work.',
        });
        return findings;
      }
      const started = Date.now();
      tunnel = await step((register) => openTunnel(proxy, `${host}:${port}`, register));
      findings.push({
        id: `tcp:${key}`,
        area: 'network',
        status: 'pass',
        title: tcpTitle,
        detail: `Connected to the proxy ${proxy.host} and it opened a tunnel to ${host}:${port} (${Date.now() - started} ms).`,
        data: { proxy: target.decision.proxy },
      });
    } else {
      const started = Date.now();
      const { address } = await step((register) => tcpConnect(host, port, register));
      findings.push({ id: `tcp:${key}`, area: 'network', status: 'pass', title: tcpTitle, detail: `Connected to ${address} port ${port} (${Date.now() - started} ms).`, data: { address, port } });
    }
  } catch (error) {
    findings.push({ id: `tcp:${key}`, area: 'network', status: 'fail', code: 'network', title: tcpTitle, ...tcpFailure(error, host, port, target, stepMs) });
    return findings;
  }

  // TLS: the chain and the store that trusts it.
  const tlsTitle = `TLS to ${key}`;
  let handshake: Handshake;
  try {
    const socket = tunnel;
    handshake = await step((register) => tlsHandshake({ host, port, ca: trust.pems, ...(socket ? { socket } : {}) }, register));
  } catch (error) {
    tunnel?.destroy();
    findings.push({
      id: `tls:${key}`,
      area: 'tls',
      status: 'fail',
      code: 'network',
      title: tlsTitle,
      detail: `The TLS handshake with ${host} failed: ${describe(error, stepMs)}.`,
      action: proxy
        ? 'The proxy may block or break TLS to this host: ask your IT to allow it (Delegate needs login.microsoftonline.com, graph.microsoft.com, *.sharepoint.com and *.1drv.com).'
        : 'Check your network connection; a firewall or captive portal may be cutting TLS connections.',
    });
    return findings;
  }
  findings.push(tlsFinding(target, handshake, trust, tlsTitle, Boolean(proxy)));
  return findings;
}

function tlsFinding(target: ConnectionTarget, handshake: Handshake, trust: LoadedTrust, title: string, viaProxy: boolean): DoctorFinding {
  const host = target.url.hostname;
  const key = target.url.host;
  const chain = describeChain(handshake.chain);
  const anchor = findAnchor(handshake.chain, trust.stores);
  const top = handshake.chain[handshake.chain.length - 1];
  const topIssuer = top ? readableName(top.issuer) : 'an unknown issuer';
  const chainText = chain.map((entry) => `${entry.subject} (until ${entry.validTo.slice(0, 10)})`).join(' ← ');
  const data = { chain, anchor, protocol: handshake.protocol, ...(trust.caFileProblem ? { caFileProblem: trust.caFileProblem } : {}) };
  const caNote = trust.caFileProblem ? ` Note: ${trust.caFileProblem}.` : '';
  if (handshake.authorized) {
    const by = anchor ? `trusted through ${anchor.label} (root ${anchor.subject})` : 'trusted (the trusting certificate could not be named)';
    return { id: `tls:${key}`, area: 'tls', status: 'pass', title, detail: `${by}; ${handshake.protocol ?? 'TLS'}; chain: ${chainText}.${caNote}`, data };
  }
  const error = handshake.error ?? 'unknown';
  const base = { id: `tls:${key}`, area: 'tls' as const, status: 'fail' as const, code: 'network' as const, title, data };
  if (/EXPIRED|NOT_YET_VALID/.test(error)) {
    return {
      ...base,
      detail: `The certificate of ${host} is outside its validity (${error}); chain: ${chainText}.${caNote}`,
      action: "Check this computer's date and time first. If they are right, the server (or a proxy in between) presents an expired certificate: tell its owner.",
    };
  }
  if (/ALTNAME|HOSTNAME|IP/.test(error)) {
    return {
      ...base,
      detail: `The certificate presented for ${host} is for other names (${error}); chain: ${chainText}.${caNote}`,
      action: `Something other than ${host} answered${viaProxy ? ' (the proxy)' : ''}: a captive portal (sign in to the Wi-Fi first), a proxy or a wrong DNS entry. Check the network, or ask your IT.`,
    };
  }
  // Untrusted chain: the usual sign of a TLS-inspecting proxy with a corporate root the process does not trust.
  return {
    ...base,
    detail: `The certificate of ${host} is not trusted (${error}): its chain ends at "${topIssuer}", which neither the OS trust store, Node's CA list nor the profile's CA file holds. This looks like a TLS-inspecting proxy${target.url.hostname.endsWith('.microsoft.com') || target.url.hostname.endsWith('.microsoftonline.com') ? '' : ' (or, for a custom cloud, a CA Delegate was not given)'}. Chain: ${chainText}.${caNote}`,
    action: `Install your organisation's root certificate ("${topIssuer}"; ask IT) in the OS trust store — Linux: copy it to /usr/local/share/ca-certificates/ and run \`sudo update-ca-certificates\`; macOS: add it to the System keychain and trust it; Windows: import it into Trusted Root Certification Authorities — or give it to this profile: \`delegate profiles set ${target.profileName} --ca-file ROOT.pem\`.`,
  };
}

function tcpFailure(error: unknown, host: string, port: number, target: ConnectionTarget, stepMs: number): Pick<DoctorFinding, 'detail' | 'action'> {
  if (error instanceof ProxyRefused) {
    if (error.status === 407) {
      return {
        detail: `The proxy ${target.decision.proxy} asks for credentials (407 Proxy Authentication Required) before it opens a tunnel to ${host}.`,
        action: 'Put your proxy user name and password in the proxy URL: HTTPS_PROXY=http://USER:PASSWORD@proxy:port (or the proxy setting in config.json). In the desktop app, the system proxy asks for them itself.',
      };
    }
    return {
      detail: `The proxy ${target.decision.proxy} refused a tunnel to ${host}:${port} (${error.status} ${error.statusText}).`.replace(' )', ')'),
      action: `Ask your IT to allow ${host} through the proxy (Delegate needs login.microsoftonline.com, graph.microsoft.com, *.sharepoint.com and *.1drv.com).`,
    };
  }
  const where = target.decision.proxy ? `the proxy ${target.decision.proxy}` : `${host} port ${port}`;
  return {
    detail: `Could not connect to ${where}: ${describe(error, stepMs)}.`,
    action: target.decision.proxy
      ? 'Check that the proxy is running and that its address and port are right (HTTPS_PROXY or the proxy setting).'
      : 'Check your network connection (VPN, Wi-Fi) and firewall. If this network reaches the internet only through a proxy, set HTTPS_PROXY=http://proxy:port (or the proxy setting in config.json).',
  };
}

function describe(error: unknown, stepMs: number): string {
  if (error instanceof DeadlineExceeded) return `timed out (no answer within ${formatSeconds(stepMs)})`;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
