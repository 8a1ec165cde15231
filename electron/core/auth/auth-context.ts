/**
 * What every auth operation needs: Delegate's home, the clock, the profile and its files.
 */
import { profilePaths, type ProfilePaths } from '../config/profile-paths.js';
import type { Clock } from '../clock.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface AuthContext {
  home: string;
  clock: Clock;
  profile: Profile;
  paths: ProfilePaths;
}

export function authContext(home: string, clock: Clock, profile: Profile): AuthContext {
  return { home, clock, profile, paths: profilePaths(home, profile.name) };
}
