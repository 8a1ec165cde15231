/**
 * `delegate profiles list|add|remove|default|set`: the sign-in profiles.
 */
import { systemClock } from '../../core/clock.js';
import { authContext } from '../../core/auth/auth-context.js';
import { computeHealth } from '../../core/auth/health.js';
import { readMetadata } from '../../core/auth/profile-metadata.js';
import { signOut } from '../../core/auth/sign-out.js';
import { loadConfig } from '../../core/config/config-store.js';
import { profilePaths } from '../../core/config/profile-paths.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { assertProfileName } from '../../core/home/home-paths.js';
import { addProfile, planProfileUpdate, removeProfile, saveProfile, setDefaultProfile, type ProfileChanges } from '../../core/profiles/profile-service.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { numberOption } from '../number-option.js';
import { parseCommand } from '../parse-options.js';
import { describeDefaultScopes } from '../format-default-scopes.js';
import { defaultScopesLeftOut } from '../../../shared/default-scopes.js';

const USAGE = `delegate profiles list [--json]
       delegate profiles add NAME [--cloud global|usgov|usgov-dod|china|custom] [--authority-host URL] [--graph-url URL]
                             [--ca-file PATH] [--client-id ID|office|azure-cli|graph-powershell] [--tenant T]
                             [--scopes S...] [--resource URL]... [--lifetime-days N] [--warning-days N]
                             [--plaintext-cache] [--default]
       delegate profiles set NAME [the options of add] [--keychain-cache]
       delegate profiles default NAME
       delegate profiles remove NAME`;

const PROFILE_OPTIONS = {
  cloud: { type: 'string' },
  'authority-host': { type: 'string' },
  'graph-url': { type: 'string' },
  'ca-file': { type: 'string' },
  'client-id': { type: 'string' },
  tenant: { type: 'string' },
  scopes: { type: 'string', multiple: true },
  resource: { type: 'string', multiple: true },
  'lifetime-days': { type: 'string' },
  'warning-days': { type: 'string' },
  'plaintext-cache': { type: 'boolean' },
  'keychain-cache': { type: 'boolean' },
  default: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export async function runProfiles(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseCommand(`profiles ${action ?? ''}`.trim(), rest, PROFILE_OPTIONS, USAGE, ['--scopes']);
  if (values.help || action === undefined || action === 'help') {
    io.out(`${USAGE}\n`);
    return action === undefined ? 2 : 0;
  }
  const name = positionals[0];
  const needName = () => {
    if (!name) throw badInput(`profiles ${action}: which profile? Give its name.`, `Usage: ${USAGE}`);
    if (positionals.length > 1) throw badInput(`profiles ${action}: unexpected argument "${positionals[1]}".`, `Usage: ${USAGE}`);
    // Checked before anything is read or removed: `profiles remove ..` must not get near a path.
    assertProfileName(name);
    return name;
  };
  switch (action) {
    case 'list':
      return list(io, values.json === true);
    case 'add': {
      const profile = await addProfile(io.home, needName(), changesFrom(values), { makeDefault: values.default === true });
      // Only when the default scopes were used: scopes the person named are theirs to judge.
      const leftOut = values.scopes === undefined ? defaultScopesLeftOut(profile.clientId) : [];
      if (values.json) printJson(io, { profile, defaultScopesLeftOut: leftOut });
      else {
        io.out(`Added profile "${profile.name}". Sign in with: delegate login --profile ${profile.name}\n`);
        if (leftOut.length > 0) io.out(describeDefaultScopes(profile));
      }
      return 0;
    }
    case 'set': {
      const target = needName();
      const { profile: before } = resolveProfile(io.home, target);
      const update = planProfileUpdate(before, changesFrom(values));
      if (update.needsSignIn && readMetadata(profilePaths(io.home, target)).metadata.account) {
        await signOut(authContext(io.home, systemClock, before));
      }
      await saveProfile(io.home, update.after);
      if (values.default) await setDefaultProfile(io.home, target);
      if (values.json) printJson(io, { profile: update.after, signedOut: update.needsSignIn });
      else {
        io.out(`Updated profile "${target}".${update.needsSignIn ? ` That change needs a new sign-in: delegate login --profile ${target}` : ''}\n`);
        // The default scopes follow the client (profile-service.ts): say so, the person did not ask for it.
        if (values.scopes === undefined && update.before.scopes.join(' ') !== update.after.scopes.join(' ')) {
          io.out(`Its scopes were the default of the old client and are now those of the new one: ${update.after.scopes.join(', ')}.\n`);
        }
      }
      return 0;
    }
    case 'default':
      await setDefaultProfile(io.home, needName());
      if (!values.json) io.out(`"${name}" is now the default profile.\n`);
      return 0;
    case 'remove': {
      const target = needName();
      const { profile } = resolveProfile(io.home, target);
      if (readMetadata(profilePaths(io.home, target)).metadata.account) await signOut(authContext(io.home, systemClock, profile));
      await removeProfile(io.home, target);
      if (!values.json) io.out(`Removed profile "${target}" and its sign-in.\n`);
      return 0;
    }
    default:
      throw badInput(`profiles: unknown action "${action}".`, `Usage: ${USAGE}`);
  }
}

function list(io: CliIo, json: boolean): number {
  const config = loadConfig(io.home);
  const now = systemClock.now();
  const rows = config.entries.map((entry) => {
    const isDefault = config.defaultProfile === entry.name;
    if (!entry.ok) return { name: entry.name, default: isDefault, valid: false as const, problems: entry.problems };
    const health = computeHealth(entry.profile, readMetadata(profilePaths(io.home, entry.name)).metadata, now);
    return { name: entry.name, default: isDefault, valid: true as const, profile: entry.profile, status: health.status, daysRemaining: health.daysRemaining, account: health.account?.username ?? null };
  });
  if (json) {
    printJson(io, rows);
    return 0;
  }
  if (config.defaultProfileProblem) io.out(`Note: ${config.defaultProfileProblem}; choose one with \`delegate profiles default NAME\`.\n`);
  if (rows.length === 0) {
    io.out('No profiles yet. `delegate login` signs in with the default one (Office client, any work account).\n');
    return 0;
  }
  for (const row of rows) {
    const mark = row.default ? '*' : ' ';
    if (!row.valid) io.out(`${mark} ${row.name}  INVALID\n    ${row.problems.join('\n    ')}\n`);
    else io.out(`${mark} ${row.name}  ${row.status}${row.daysRemaining !== null ? ` (${row.daysRemaining} days)` : ''}  ${row.account ?? 'not signed in'}  ${row.profile.cloud}  ${row.profile.clientId}${row.profile.cacheBackend === 'plaintext' ? '  PLAINTEXT CACHE' : ''}\n`);
  }
  return 0;
}

type ProfileOptionValues = { [K in keyof typeof PROFILE_OPTIONS]?: (typeof PROFILE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : (typeof PROFILE_OPTIONS)[K] extends { multiple: true } ? string[] : string };

function changesFrom(values: ProfileOptionValues): ProfileChanges {
  if (values['plaintext-cache'] && values['keychain-cache']) throw badInput('Choose --plaintext-cache or --keychain-cache, not both.', 'The keychain is the safe default.');
  const changes: ProfileChanges = {};
  if (values.cloud !== undefined) changes.cloud = values.cloud;
  if (values['authority-host'] !== undefined) changes.authorityHost = values['authority-host'];
  if (values['graph-url'] !== undefined) changes.graphBaseUrl = values['graph-url'];
  if (values['ca-file'] !== undefined) changes.caFile = values['ca-file'];
  if (values['client-id'] !== undefined) changes.clientId = values['client-id'];
  if (values.tenant !== undefined) changes.tenant = values.tenant;
  if (values.scopes !== undefined) changes.scopes = values.scopes.flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
  if (values.resource !== undefined) changes.extraResources = values.resource;
  if (values['lifetime-days'] !== undefined) changes.lifetimeDays = numberOption('profiles', '--lifetime-days', values['lifetime-days'], { min: 1, max: 3650, integer: true, unit: 'days' }, 'delegate profiles add|set NAME [--lifetime-days N] [--warning-days N]');
  if (values['warning-days'] !== undefined) changes.warningDays = numberOption('profiles', '--warning-days', values['warning-days'], { min: 0, max: 365, integer: true, unit: 'days' }, 'delegate profiles add|set NAME [--lifetime-days N] [--warning-days N]');
  if (values['plaintext-cache']) changes.cacheBackend = 'plaintext';
  if (values['keychain-cache']) changes.cacheBackend = 'keychain';
  return changes;
}
