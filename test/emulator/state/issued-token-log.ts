/**
 * Every token the emulator has issued, raw strings included, so tests can look for leaked token
 * material in logs, files and output.
 */

export type IssuedTokenKind = 'access' | 'refresh' | 'id';

export interface IssuedToken {
  readonly kind: IssuedTokenKind;
  readonly token: string;
  readonly user: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly audience: string;
  readonly grantType: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** Access tokens only, when the client declared capabilities Entra honoured: `['cp1']` marks a CAE token. */
  readonly capabilities?: readonly string[];
}

export class IssuedTokenLog {
  private readonly entries: IssuedToken[] = [];

  record(entry: IssuedToken): void {
    this.entries.push(entry);
  }

  all(): readonly IssuedToken[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
