/**
 * The environment a service needs that its manager would not give it.
 *
 * A service manager starts the daemon with almost nothing from the person's shell. Carried over:
 * - `DELEGATE_HOME`, always, as the absolute home this install is for: the default home depends on
 *   XDG_CONFIG_HOME and the like, which the manager may not have, and the daemon must use the same one.
 * - The proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, `ALL_PROXY`, either spelling) and the trust ones
 *   (`NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE`, `SSL_CERT_DIR`) set at install time: behind a corporate proxy the daemon
 *   needs them as the shell had them. Except a proxy URL carrying a password: a unit file or plist is readable
 *   by anyone on the machine (0644), so it is left out and the person is told to put it in config.json `proxy`
 *   (in the 0700 home), which the daemon reads itself.
 * Nothing else: no token, no D-Bus address (the user manager provides the session bus itself, and a login's
 * address is stale after logout).
 */
import { posix, win32 } from 'node:path';

export const CARRIED_PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'] as const;
export const CARRIED_TRUST_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR'] as const;

export interface SkippedVariable {
  name: string;
  reason: string;
}

export interface ServiceEnvironment {
  env: Record<string, string>;
  skipped: SkippedVariable[];
}

export function serviceEnvironment(home: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ServiceEnvironment {
  const paths = platform === 'win32' ? win32 : posix;
  const carried: Record<string, string> = { DELEGATE_HOME: paths.isAbsolute(home) ? home : paths.resolve(home) };
  const skipped: SkippedVariable[] = [];
  for (const name of [...CARRIED_PROXY_VARIABLES, ...CARRIED_TRUST_VARIABLES]) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    if ((CARRIED_PROXY_VARIABLES as readonly string[]).includes(name) && hasCredentials(value)) {
      skipped.push({ name, reason: 'it carries a proxy password, and service files are readable by everyone on this machine; put the proxy in config.json "proxy" (Delegate\'s home is private) instead' });
      continue;
    }
    carried[name] = value;
  }
  return { env: carried, skipped };
}

/** `http://user:pass@host` or `user@host` (with or without a scheme). */
function hasCredentials(value: string): boolean {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    return url.username !== '' || url.password !== '';
  } catch {
    // Not a URL Delegate can read; an "@" before the host is the only sign of credentials worth refusing on.
    return /@/.test(value.split('/').find((part) => part.includes('@')) ?? '');
  }
}
