/**
 * The network settings of one profile, as every transport of it is built: its CA file and the proxy setting
 * from config.json (the profile's own `proxy`, else the global `proxy`; either beats the environment).
 *
 * Read from config.json on each call (a small file) rather than kept in the Profile model, so the proxy URL and
 * its password never travel with the profile to the window, `profiles list --json` or the history.
 */
import { loadConfig } from '../config/config-store.js';
import type { TransportOptions } from './transport-factory.js';
import type { Profile } from '../../../shared/models/profile.js';

export function transportOptionsFor(home: string, profile: Profile): TransportOptions {
  const options: TransportOptions = {};
  if (profile.caFile) options.caFile = profile.caFile;
  const config = loadConfig(home);
  const entry = config.entries.find((candidate) => candidate.name === profile.name);
  const own = entry?.ok ? entry.proxy : undefined;
  if (own !== undefined) {
    options.proxy = own;
    options.proxySource = 'profile';
  } else if (config.raw.proxy !== undefined) {
    options.proxy = config.raw.proxy;
    options.proxySource = 'config';
  }
  return options;
}
