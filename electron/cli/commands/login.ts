/**
 * `delegate login [--browser] [--json]`: the interactive sign-in, device code by default.
 * With --json, one JSON event per line on stdout: `device-code` (or `browser`), then `signed-in`.
 */
import { systemClock } from '../../core/clock.js';
import { authContext } from '../../core/auth/auth-context.js';
import { computeHealth } from '../../core/auth/health.js';
import { readMetadata } from '../../core/auth/profile-metadata.js';
import { signInWithBrowser, signInWithDeviceCode } from '../../core/auth/sign-in.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { saveProfile } from '../../core/profiles/profile-service.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { openBrowser } from '../open-browser.js';
import { parseCommand } from '../parse-options.js';
import { describeDroppedScopes } from '../format-scopes.js';
import { likelyRefusedScopes } from '../../core/auth/likely-refused.js';

const USAGE = 'delegate login [--profile NAME] [--browser] [--drop-unapproved-scopes] [--json]';

export async function runLogin(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('login', args, { profile: { type: 'string' }, browser: { type: 'boolean' }, 'drop-unapproved-scopes': { type: 'boolean' }, json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nSigns in with the device code flow (or, with --browser, in your browser on this machine).\nWith --drop-unapproved-scopes, scopes Microsoft does not let this client ID ask for (AADSTS65002) are named and\nleft out instead of failing the sign-in; jobs that need them are flagged in \`delegate jobs\` and skipped.\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`login: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const json = values.json === true;
  const { profile, persisted } = resolveProfile(io.home, values.profile);
  const context = authContext(io.home, systemClock, profile);

  const dropUnapprovedScopes = values['drop-unapproved-scopes'] === true;
  const likelyRefused = dropUnapprovedScopes ? [] : likelyRefusedScopes(context);
  if (likelyRefused.length > 0) {
    // Said before the code: a device-code sign-in refused for a scope only shows AADSTS65002 in the browser.
    io.err(`Note: Microsoft is not known to let this profile's client ID ask for ${likelyRefused.join(', ')}. If the sign-in page says AADSTS65002, press Ctrl+C and run: delegate login --profile ${profile.name}${values.browser ? ' --browser' : ''} --drop-unapproved-scopes\n`);
  }
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const result = values.browser
      ? await signInWithBrowser(context, {
          signal: controller.signal,
          dropUnapprovedScopes,
          openBrowser: async (url) => {
            if (json) printJson(io, { event: 'browser', url });
            else io.err(`Opening your browser to sign in. If it does not open, go to:\n  ${url}\n`);
            await openBrowser(url, io.env);
          },
        })
      : await signInWithDeviceCode(context, {
          signal: controller.signal,
          dropUnapprovedScopes,
          onDeviceCode: (info) => {
            if (json) printJson(io, { event: 'device-code', profile: profile.name, userCode: info.userCode, verificationUri: info.verificationUri, expiresAt: info.expiresAt, message: info.message });
            else io.err(`To sign in, open ${info.verificationUri} and enter the code ${info.userCode}\n(the code works until ${new Date(info.expiresAt).toLocaleTimeString()}; Ctrl+C cancels).\n`);
          },
        });
    if (!persisted) await saveProfile(io.home, profile);
    const health = computeHealth(profile, readMetadata(context.paths).metadata, systemClock.now());
    if (json) {
      printJson(io, { event: 'signed-in', profile: profile.name, account: result.account, grantedScopes: result.grantedScopes, refusedScopes: result.refusedScopes, extraResources: result.extraResources, status: health.status, daysRemaining: health.daysRemaining, expiresAt: health.expiresAt });
    } else {
      io.out(`Signed in as ${result.account.username} on profile "${profile.name}". The next sign-in is due in ${health.daysRemaining} days unless the token is used before then.\n`);
      if (result.refusedScopes.length > 0) io.err(describeDroppedScopes(profile, result.refusedScopes));
      for (const extra of result.extraResources.filter((outcome) => !outcome.ok)) {
        io.err(`delegate: signed in, but no token for ${extra.resource}: ${extra.error?.message}\n  What to do: ${extra.error?.action}\n`);
      }
    }
    return 0;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}
