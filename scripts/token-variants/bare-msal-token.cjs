'use strict';
// test/bench/bare-msal-token.mjs with require() (CommonJS), for the "CJS bare" row.
const { PublicClientApplication } = require('@azure/msal-node');
const { LibSecretPersistence, PersistenceCachePlugin } = require('@azure/msal-node-extensions');

(async () => {
  const [cachePath, service, account, clientId, authority, metadata, cloudDiscovery, scopes] = process.argv.slice(2);
  const persistence = await LibSecretPersistence.create(cachePath, service, account);
  const app = new PublicClientApplication({
    auth: { clientId, authority, knownAuthorities: [new URL(authority).host], authorityMetadata: metadata, cloudDiscoveryMetadata: cloudDiscovery },
    cache: { cachePlugin: new PersistenceCachePlugin(persistence) },
  });
  const [signedIn] = await app.getTokenCache().getAllAccounts();
  const result = await app.acquireTokenSilent({ account: signedIn, scopes: scopes.split(' ') });
  process.stdout.write(result.accessToken);
})();
