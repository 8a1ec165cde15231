/**
 * Finds the profile a command means: `--profile`, else `DELEGATE_PROFILE`, else the configured default,
 * else the only profile, else the built-in default (Office client, any work account, the default scopes Office can get)
 * that the first `delegate login` saves.
 */
import { loadConfig, type LoadedConfig } from './config-store.js';
import { chooseProfile, type ResolvedProfile } from './profile-choice.js';

export { defaultProfileTemplate, type ResolvedProfile } from './profile-choice.js';

export function resolveProfile(home: string, requested?: string, env: NodeJS.ProcessEnv = process.env, config: LoadedConfig = loadConfig(home)): ResolvedProfile {
  return chooseProfile(config, requested, env);
}
