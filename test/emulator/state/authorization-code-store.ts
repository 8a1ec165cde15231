import type { ScopeRequest } from '../scopes/scope-request.js';

/** Authorization codes issued by the authorize endpoint, waiting to be redeemed once. */

export interface AuthorizationCodeGrant {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopeRequest: ScopeRequest;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
  readonly nonce: string | undefined;
  readonly userOid: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  redeemed: boolean;
}

export class AuthorizationCodeStore {
  private readonly grants = new Map<string, AuthorizationCodeGrant>();

  add(grant: AuthorizationCodeGrant): void {
    this.grants.set(grant.code, grant);
  }

  get(code: string): AuthorizationCodeGrant | undefined {
    return this.grants.get(code);
  }

  clear(): void {
    this.grants.clear();
  }
}
