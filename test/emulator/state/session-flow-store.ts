/**
 * Which flow started each refresh-token chain (Entra's "original transfer method", kept through refreshes).
 *
 * Conditional Access protocol-tracks sessions that began with device code: every refresh token of that session,
 * however often it rotates, stays tagged. Once Entra refused such a chain for the authentication flow (AADSTS530036)
 * the chain is dead for good, even if the policy is later switched off, as Entra says the token "should be deleted".
 */

export type SessionFlow = 'device-code' | 'authorization-code';

interface SessionChain {
  readonly flow: SessionFlow;
  refused: boolean;
}

export class SessionFlowStore {
  private readonly chains = new Map<string, SessionChain>();

  /** A refresh token issued by an interactive flow starts a new chain. */
  start(refreshToken: string, flow: SessionFlow): void {
    this.chains.set(refreshToken, { flow, refused: false });
  }

  /** The rotated refresh token belongs to the same chain as the one redeemed. */
  carry(from: string, to: string): void {
    const chain = this.chains.get(from);
    if (chain) this.chains.set(to, chain);
  }

  flowOf(refreshToken: string): SessionFlow | undefined {
    return this.chains.get(refreshToken)?.flow;
  }

  isRefused(refreshToken: string): boolean {
    return this.chains.get(refreshToken)?.refused ?? false;
  }

  refuse(refreshToken: string): void {
    const chain = this.chains.get(refreshToken);
    if (chain) chain.refused = true;
  }

  clear(): void {
    this.chains.clear();
  }
}
