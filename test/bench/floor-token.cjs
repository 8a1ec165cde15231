'use strict';
// The floor of `delegate token` with a cached access token: Node, and one keytar read of the same keychain entry
// (what a cached read cannot do without), then the first access token in it printed. No config, no checks, no
// msal: nothing real can be cheaper, so it is what every other row is divided by.
const [service, account] = process.argv.slice(2);
require('keytar')
  .getPassword(service, account)
  .then((serialized) => {
    const [token] = Object.values(JSON.parse(serialized ?? '{}').AccessToken ?? {});
    process.stdout.write(token?.secret ?? '');
  });
