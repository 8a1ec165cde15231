/**
 * What the bundles (scripts/build.mjs) load instead of `jsonwebtoken`.
 *
 * msal-node imports jsonwebtoken in one place only: ClientAssertion, which signs the certificate assertion of a
 * *confidential* client. Delegate is a public client (device code flow, first-party client IDs, no secret and no
 * certificate), so that code never runs — yet evaluating jsonwebtoken and its dependencies (semver ranges parsed at
 * load, jws, lodash) cost every refresh of `delegate token` several milliseconds. Should anything ever reach it, it
 * fails loudly instead of signing with a library that is not there.
 */
export const CLIENT_ASSERTION_UNSUPPORTED = 'Delegate is a public client: it does not sign client assertions (jsonwebtoken is not bundled).';

function unsupported(): never {
  throw new Error(CLIENT_ASSERTION_UNSUPPORTED);
}

export default { sign: unsupported, verify: unsupported, decode: unsupported };
