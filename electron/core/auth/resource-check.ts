/**
 * Rejects a resource that is not an https:// URL with a host before anything is sent to Entra ID, so
 * `--resource 'javascript:alert(1)'` is bad input (exit 2), not a refusal that reads as "sign in again".
 */
import { DelegateError } from '../errors/delegate-error.js';

/** The resource as given, when it is an https URL with a host (and no user name, query or fragment). */
export function checkResource(resource: string): string {
  let url: URL | null;
  try {
    url = new URL(resource.trim());
  } catch {
    url = null;
  }
  const problem =
    url === null
      ? 'is not a URL'
      : url.protocol !== 'https:'
        ? `is not an https:// URL (it starts with ${url.protocol})`
        : url.hostname === ''
          ? 'has no host name'
          : url.username !== '' || url.password !== ''
            ? 'must not contain a user name or password'
            : url.search !== '' || url.hash !== ''
              ? 'must not have a query (?…) or a fragment (#…)'
              : null;
  if (problem === null) return resource.trim();
  throw new DelegateError({
    code: 'invalid-input',
    message: `The resource "${resource.slice(0, 200)}" ${problem}.`,
    action: 'Give the resource as an https:// URL with a host, such as https://contoso.sharepoint.com or https://management.azure.com.',
  });
}
