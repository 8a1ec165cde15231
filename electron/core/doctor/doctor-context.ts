/**
 * What every doctor check needs: the home, the profile and its files, the clock, and the network stack in use.
 */
import { profilePaths, type ProfilePaths } from '../config/profile-paths.js';
import { transportFactory, type TransportFactory, type TransportOptions } from '../net/transport-factory.js';
import { transportOptionsFor } from '../net/profile-transport-options.js';
import type { Clock } from '../clock.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface DoctorContext {
  home: string;
  profile: Profile;
  paths: ProfilePaths;
  clock: Clock;
  /** Delegate's own version, as the CLI or the app knows it. */
  version: string;
  /** The process's network stack (node in the CLI, chromium in the app). */
  factory: TransportFactory;
  /** The options Delegate's own requests for this profile use. */
  transportOptions: TransportOptions;
}

export function doctorContext(home: string, profile: Profile, clock: Clock, version: string): DoctorContext {
  // The options of the profile's own requests (CA file, config.json proxy), so doctor checks what sign-in and jobs use.
  return { home, profile, paths: profilePaths(home, profile.name), clock, version, factory: transportFactory(), transportOptions: transportOptionsFor(home, profile) };
}
