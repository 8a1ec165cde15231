/**
 * The app's view of each profile's keychain: refreshed in the background (quietly, never an unlock prompt) so the
 * window's and the tray's health can say "keychain locked" synchronously, without asking D-Bus on every read.
 */
import { checkKeychain, withKeychainState, type KeychainState } from '../auth/keychain-state.js';
import type { AuthContext } from '../auth/auth-context.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export class KeychainWatch {
  private readonly states = new Map<string, KeychainState>();
  private refreshing: Promise<boolean> | null = null;

  /** `health` with the last known keychain state of its profile laid over it. */
  apply(health: ProfileHealth): ProfileHealth {
    return withKeychainState(health, this.states.get(health.profile) ?? { state: 'unknown' });
  }

  /** Asks the keychain again for every given profile; resolves true when any profile's state changed. */
  refresh(contexts: readonly AuthContext[]): Promise<boolean> {
    // One refresh at a time: timer ticks and finished runs may ask at once.
    this.refreshing ??= this.check(contexts).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async check(contexts: readonly AuthContext[]): Promise<boolean> {
    let changed = false;
    for (const context of contexts) {
      const next = context.profile.cacheBackend === 'plaintext' ? ({ state: 'usable' } as const) : await checkKeychain(context.profile, context.paths);
      const before = this.states.get(context.profile.name);
      if (JSON.stringify(before) !== JSON.stringify(next)) changed = true;
      this.states.set(context.profile.name, next);
    }
    return changed;
  }
}
