/**
 * The CAE partition of a profile's token cache: one sign-in, two sets of access tokens.
 *
 * Delegate's own Graph calls declare client capability cp1 and get Continuous Access Evaluation tokens (20–28 h,
 * revocable by a claims challenge they can answer). Scripts cannot answer challenges, so the tokens handed to
 * them (`delegate token`, a script job's environment) must be standard ones — Graph PowerShell keeps `.cae` and
 * `.nocae` caches for the same reason. msal's cache key has no room for capabilities, so the two live apart:
 *
 * - the shared entry (`msal-cache/{id}`, as before): account, ID token, refresh token, app metadata, and the
 *   standard access tokens — what `delegate token` reads, unchanged, in one keychain read;
 * - the CAE entry (`msal-cache/{id}/cae`; `msal-cache.cae.json` when plaintext or DPAPI): the CAE access tokens only.
 *
 * The CAE msal app sees both merged (shared entry, its access tokens replaced by the CAE entry's) and its writes
 * are split back: a rotated refresh token goes to the shared entry, so one sign-in serves both partitions; its
 * access tokens never reach the shared entry. Both sit under the profile's one cache lock (cache-plugin.ts).
 * A profile from before the partition just has no CAE entry yet: its first job redeems the refresh token for a
 * CAE token, with no new sign-in.
 */
import type { IPersistence } from '@azure/msal-node-extensions';

type CacheJson = Record<string, unknown> & { AccessToken?: Record<string, unknown> };

export class CaePartitionStorage implements Pick<IPersistence, 'load' | 'save'> {
  private loadedShared: CacheJson = {};
  private loadedOwn: Record<string, unknown> = {};

  constructor(
    private readonly shared: Pick<IPersistence, 'load' | 'save'>,
    private readonly own: Pick<IPersistence, 'load' | 'save'>,
  ) {}

  async load(): Promise<string | null> {
    // One after the other: the Secret Service is happier with one call at a time.
    const sharedText = await this.shared.load();
    const ownText = await this.own.load();
    this.loadedShared = parseCache(sharedText);
    this.loadedOwn = parseCache(ownText).AccessToken ?? {};
    if (!sharedText && !ownText) return null;
    return JSON.stringify({ ...this.loadedShared, AccessToken: this.loadedOwn });
  }

  async save(contents: string): Promise<void> {
    const next = parseCache(contents);
    const own = next.AccessToken ?? {};
    const shared: CacheJson = { ...next, AccessToken: this.loadedShared.AccessToken ?? {} };
    // Only what changed is written: a new CAE token costs one keychain write, not two.
    if (stable(shared) !== stable(this.loadedShared)) {
      await this.shared.save(JSON.stringify(shared));
      this.loadedShared = shared;
    }
    if (stable(own) !== stable(this.loadedOwn)) {
      await this.own.save(JSON.stringify({ AccessToken: own }));
      this.loadedOwn = own;
    }
  }
}

function parseCache(text: string | null | undefined): CacheJson {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as CacheJson) : {};
}

/** JSON with sorted keys, so the same cache in another key order is not "changed". */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}
