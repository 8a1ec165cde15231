import { TENANT_DOMAIN, USERS } from './directory.js';

/**
 * Exchange mailboxes: one per user, plus two shared mailboxes. `ops@` is delegated to Adele
 * (Full Access and Send As); `finance@` is delegated to nobody, so Graph answers 403
 * ErrorAccessDenied for it whatever the token's scopes.
 */

export interface MailboxDefinition {
  readonly upn: string;
  readonly oid: string;
  readonly displayName: string;
  readonly kind: 'user' | 'shared';
  /** Object IDs of users with Full Access and Send As on the mailbox (besides its owner). */
  readonly delegates: readonly string[];
}

const ADELE_OID = '8b2f6c1e-3d4a-4e5b-9f60-7a1c2d3e4f50';

export const OPS_MAILBOX = `ops@${TENANT_DOMAIN}`;
export const FINANCE_MAILBOX = `finance@${TENANT_DOMAIN}`;

export const MAILBOXES: readonly MailboxDefinition[] = [
  ...USERS.map((user): MailboxDefinition => ({ upn: user.upn, oid: user.oid, displayName: user.displayName, kind: 'user', delegates: [] })),
  { upn: OPS_MAILBOX, oid: '2e7d4b91-6c3a-4f58-b0d2-9a1e5c7f3b64', displayName: 'Contoso Operations', kind: 'shared', delegates: [ADELE_OID] },
  { upn: FINANCE_MAILBOX, oid: '5a9c1f37-e8b2-4d06-a4c9-3f7b2e1d8c05', displayName: 'Contoso Finance', kind: 'shared', delegates: [] },
];

/** Graph's `/users/{id | userPrincipalName}`: either form, any case. */
export function findMailbox(idOrUpn: string): MailboxDefinition | undefined {
  const wanted = idOrUpn.trim().toLowerCase();
  return MAILBOXES.find((mailbox) => mailbox.upn === wanted || mailbox.oid === wanted);
}

export function mayUseMailbox(mailbox: MailboxDefinition, userOid: string): boolean {
  return mailbox.oid === userOid || mailbox.delegates.includes(userOid);
}
