import { presetPreauthorization, type GraphPreauthorization } from '../directory/graph-preauthorization-defaults.js';

/**
 * Which Graph permissions each client is pre-authorised for (see graph-preauthorization-defaults.ts), as the
 * control API left them, and at which step a refused device-code sign-in shows the refusal.
 *
 * `deviceCodeRefusal`: real Entra accepts `/devicecode` and shows AADSTS65002 on the verification page after the
 * person signs in; the app's poll then keeps getting `authorization_pending` until the code expires
 * (navcontainerhelper #4183, DSRegTool #1: the error is in the browser while the tool keeps waiting). That the poll
 * never carries the error is inferred from those reports, so `'poll'` makes the poll answer the 65002 body instead.
 */
export type DeviceCodeRefusalStep = 'verification-page' | 'poll';

export class PreauthorizationStore {
  private readonly overrides = new Map<string, GraphPreauthorization>();
  deviceCodeRefusal: DeviceCodeRefusalStep = 'verification-page';

  graphScopes(clientId: string): GraphPreauthorization {
    return this.overrides.get(clientId.toLowerCase()) ?? presetPreauthorization(clientId, 'default');
  }

  isOverridden(clientId: string): boolean {
    return this.overrides.has(clientId.toLowerCase());
  }

  set(clientId: string, scopes: GraphPreauthorization): void {
    this.overrides.set(clientId.toLowerCase(), scopes);
  }

  restore(clientId: string): void {
    this.overrides.delete(clientId.toLowerCase());
  }

  clear(): void {
    this.overrides.clear();
    this.deviceCodeRefusal = 'verification-page';
  }
}
