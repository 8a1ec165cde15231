/**
 * The DelegateError for a request that never got an answer: it names the host, tells an untrusted certificate
 * apart from a dead network, and keeps the system error code for support.
 *
 * Shared by the sign-in network client and the Graph client so that "network" (CLI exit 4) reads the same
 * everywhere and is never mistaken for an expired sign-in or a failed job.
 */
import { DelegateError } from '../errors/delegate-error.js';

/** Node's TLS verification failures: retrying never helps, a CA file might. */
export function isCertificateFailure(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
}

/**
 * @param reassurance appended to the advice, e.g. "Your sign-in is unchanged." where people fear the worst.
 */
export function networkError(target: URL, error: Error, reassurance?: string, proxy?: string): DelegateError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const certificate = isCertificateFailure(code);
  const via = proxy ? ` through the proxy ${proxy}` : '';
  return new DelegateError(
    {
      code: 'network',
      message: certificate
        ? `The certificate of ${target.host}${via ? ` (reached${via})` : ''} is not trusted (${code}).`
        : `Could not reach ${target.host}${via}: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}.`,
      action: certificate
        ? 'Delegate trusts the operating system\'s trust store, Node\'s roots and the profile\'s --ca-file. If your organisation inspects TLS (a proxy that re-signs certificates), its root CA must be in the OS trust store, ' +
          'or give it to the profile: delegate profiles set NAME --ca-file PATH. For a custom cloud, give the CA that signed its certificate with --ca-file.' + (reassurance ? ` ${reassurance}` : '')
        : `Check your network connection (VPN, proxy, Wi-Fi) and try again.${reassurance ? ` ${reassurance}` : ''}`,
      detail: code || undefined,
    },
    { cause: error },
  );
}
