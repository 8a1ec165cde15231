/**
 * A sign-in profile: which identity provider, client ID and scopes one identity uses.
 */
import type { CloudName } from '../clouds.js';
import type { CacheBackend } from './health.js';

export interface Profile {
  name: string;
  /** Stable identifier: names the keychain entry, so it survives edits of everything else. */
  id: string;
  cloud: CloudName;
  clientId: string;
  /** `organizations` (any work account), a tenant GUID, or a domain. */
  tenant: string;
  /** Custom cloud only: the sign-in host, e.g. https://127.0.0.1:8443 */
  authorityHost?: string;
  /** Custom cloud only: the Graph base URL. */
  graphBaseUrl?: string;
  /** An extra CA certificate (PEM) to trust besides the OS trust store, for any cloud (a TLS-inspecting proxy's root, the emulator's CA). */
  caFile?: string;
  /** The Graph permissions requested up front on sign-in, so narrower requests are served silently. */
  scopes: string[];
  /** Other resources acquired silently from the same refresh token, e.g. https://contoso.sharepoint.com */
  extraResources: string[];
  /** How long a refresh token lives without use, in days (Entra's default is 90). */
  lifetimeDays: number;
  /** Warn when this many days or fewer remain. */
  warningDays: number;
  /** `plaintext` only by the person's explicit choice. */
  cacheBackend: CacheBackend;
}

export const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/i;
export const DEFAULT_PROFILE_NAME = 'default';
export const DEFAULT_LIFETIME_DAYS = 90;
export const DEFAULT_WARNING_DAYS = 7;
