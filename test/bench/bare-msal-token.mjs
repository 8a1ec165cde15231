// The baseline for the token benchmark: what a careful person writes with msal-node and msal-node-extensions
// alone to get a token from the same keychain cache — with the authority metadata passed in so msal makes no
// discovery requests (the strongest fair baseline). Prints only the access token, like `delegate token`.
import { PublicClientApplication } from '@azure/msal-node';
import { LibSecretPersistence, PersistenceCachePlugin } from '@azure/msal-node-extensions';

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
