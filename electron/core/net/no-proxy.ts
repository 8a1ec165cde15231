/**
 * NO_PROXY matching, as curl and Go read the variable.
 *
 * Entries are separated by commas (spaces around them, or spaces alone, are tolerated) and compared without
 * regard to case or a trailing dot:
 * - `*` alone: nothing goes through the proxy;
 * - `contoso.com`, `.contoso.com` and `*.contoso.com`: that host and every host under it (the leading `.` or `*.`
 *   is ignored, as curl does);
 * - `host:port`, `[::1]:8443`: only that port (the target's default port, 443 for https, counts);
 * - `10.0.0.0/8`, `fd00::/8`: CIDR ranges, and `127.0.0.1`, `::1`, `[::1]`: literal IPs. They match only a target
 *   written as an IP: a name is never resolved here, since behind a proxy often only the proxy can resolve it.
 * Loopback is not special: `localhost` goes through the proxy unless listed (tests rely on proxied `.test` names).
 * An entry that fits none of these (`http://x`, `1.2.3.4/99`) is ignored, never fatal.
 */
import { BlockList, isIP } from 'node:net';

export interface NoProxyMatch {
  /** The entry as written, for `doctor` and ProxyDecision.rule. */
  entry: string;
}

/** The first entry of `noProxy` that covers `target`, or undefined. */
export function matchNoProxy(noProxy: string, target: URL): NoProxyMatch | undefined {
  const host = normaliseHost(target.hostname);
  const port = target.port ? Number(target.port) : target.protocol === 'http:' ? 80 : 443;
  const hostIpVersion = isIP(host);
  for (const entry of noProxy.split(/[\s,]+/)) {
    if (entry === '') continue;
    if (entryMatches(entry, host, hostIpVersion, port)) return { entry };
  }
  return undefined;
}

function entryMatches(entry: string, host: string, hostIpVersion: number, port: number): boolean {
  if (entry === '*') return true;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr) return hostIpVersion !== 0 && inCidr(cidr[1] ?? '', Number(cidr[2]), host, hostIpVersion);
  const { name, entryPort } = splitPort(entry);
  if (name === undefined) return false;
  if (entryPort !== undefined && entryPort !== port) return false;
  const pattern = normaliseHost(name.replace(/^\*?\./, ''));
  if (pattern === '' || /[/@*\s]/.test(pattern)) return false;
  const patternIpVersion = isIP(pattern);
  if (patternIpVersion !== 0 || hostIpVersion !== 0) return patternIpVersion === hostIpVersion && sameIp(pattern, host, hostIpVersion);
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 literal (whose colons are not a port). */
function splitPort(entry: string): { name: string | undefined; entryPort: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1], entryPort: portOf(bracketed[2]) };
  if (isIP(entry) === 6) return { name: entry, entryPort: undefined };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { name: withPort[1], entryPort: portOf(withPort[2]) };
  return { name: entry.includes(':') ? undefined : entry, entryPort: undefined };
}

function portOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  // An impossible port matches nothing rather than everything.
  return port >= 1 && port <= 65535 ? port : -1;
}

function inCidr(network: string, prefix: number, host: string, hostIpVersion: number): boolean {
  const address = network.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(address);
  if (version === 0 || version !== hostIpVersion) return false;
  if (prefix > (version === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  const family = version === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(address, prefix, family);
  return list.check(host, family);
}

function sameIp(a: string, b: string, version: number): boolean {
  const list = new BlockList();
  const family = version === 4 ? 'ipv4' : 'ipv6';
  list.addAddress(a, family);
  return list.check(b, family);
}

function normaliseHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}
