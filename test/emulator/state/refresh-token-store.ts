/**
 * Refresh tokens by value.
 *
 * Rotation issues a new token on every redemption; the old one stays valid until its own expiry,
 * as Entra's do. Expiry is inactivity: a token not redeemed within its lifetime of its issue dies.
 */

export interface RefreshTokenRecord {
  readonly token: string;
  readonly userOid: string;
  readonly clientId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** When the person last signed in interactively; carried across rotations. */
  readonly authTime: Date;
}

export class RefreshTokenStore {
  private readonly records = new Map<string, RefreshTokenRecord>();

  add(record: RefreshTokenRecord): void {
    this.records.set(record.token, record);
  }

  get(token: string): RefreshTokenRecord | undefined {
    return this.records.get(token);
  }

  clear(): void {
    this.records.clear();
  }
}
