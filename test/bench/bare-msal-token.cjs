'use strict';
// bare-msal-token.mjs as CommonJS: the same script loaded with require(), which picks msal-node's and
// msal-node-extensions' CommonJS builds (lib/*.cjs) — on Node 22 the cheaper start of the two, so the stronger
// baseline. Same arguments, same keychain cache, authority metadata passed in (no discovery requests).
const { PublicClientApplication } = require('@azure/msal-node');
const { LibSecretPersistence, PersistenceCachePlugin } = require('@azure/msal-node-extensions');

async function main() {
  const [cachePath, service, account, clientId, authority, metadata, cloudDiscovery, scopes] = process.argv.slice(2);
  const persistence = await LibSecretPersistence.create(cachePath, service, account);
  const app = new PublicClientApplication({
    auth: {
      clientId,
      authority,
      knownAuthorities: [new URL(authority).host],
      authorityMetadata: metadata,
      cloudDiscoveryMetadata: cloudDiscovery,
    },
    cache: { cachePlugin: new PersistenceCachePlugin(persistence) },
  });
  const [signedIn] = await app.getTokenCache().getAllAccounts();
  const result = await app.acquireTokenSilent({ account: signedIn, scopes: scopes.split(' ') });
  process.stdout.write(result.accessToken);
}

main();
