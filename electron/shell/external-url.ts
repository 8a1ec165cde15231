/**
 * The only URLs Delegate opens in the person's browser: a sign-in page (https), or a page on this computer
 * (the emulator, a loopback redirect). Anything else — file:, a custom protocol that launches a program,
 * credentials in the URL — is refused, whoever asks.
 */
import { DelegateError } from '../core/errors/delegate-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkExternalUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, 'it is not a URL');
  }
  if (url.username || url.password) throw refused(raw, 'it carries a user name or password');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw refused(raw, 'only https:// pages (or pages on this computer) are opened');
}

function refused(raw: string, why: string): DelegateError {
  return new DelegateError({
    code: 'invalid-input',
    message: `Delegate did not open ${raw.slice(0, 120)}: ${why}.`,
    action: 'Open the sign-in page yourself, or report this if Delegate offered the link.',
  });
}
