import type { ScopeRequest } from '../scopes/scope-request.js';

/** Authorize requests shown on the consent page and waiting for the person's decision. */

/** How the answer travels back to the app: in the redirect URL, or POSTed by a self-submitting form. */
export type ResponseMode = 'query' | 'fragment' | 'form_post';

export interface PendingAuthorization {
  readonly id: string;
  readonly tenantSegment: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopeRequest: ScopeRequest;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
  readonly responseMode: ResponseMode;
  readonly wantsClientInfo: boolean;
  readonly loginHint: string | undefined;
}

export class PendingAuthorizationStore {
  private readonly pending = new Map<string, PendingAuthorization>();

  add(request: PendingAuthorization): void {
    this.pending.set(request.id, request);
  }

  take(id: string): PendingAuthorization | undefined {
    const request = this.pending.get(id);
    this.pending.delete(id);
    return request;
  }

  clear(): void {
    this.pending.clear();
  }
}
