/**
 * The facts of an evidence pack: plain data gathered from the home (evidence-gather.ts) and rendered to HTML
 * (evidence-html.ts). Nothing here is ever a token, a refresh token or mail content: only names, settings,
 * counts, file modes and hashes — so the pack can be handed to a security team as it is.
 */

export interface EvidenceFacts {
  generatedAt: string;
  version: string;
  platform: string;
  /** Delegate's home folder. */
  home: string;
  homeFiles: FileModeFact[];
  profiles: ProfileFacts[];
  /** Profiles in config.json that Delegate could not read, with why. */
  invalidProfiles: Array<{ name: string; problems: string[] }>;
  jobs: JobFacts[];
  /** The jobs file itself: where, whether it could be read, and its problems (without its content). */
  jobsFile: { path: string; exists: boolean; error: string | null; problems: string[] };
  /** Jobs that are no longer in the jobs file but ran within the window. */
  formerJobs: Array<{ id: string; runs: RunCounts }>;
  historyDays: number;
  /** Why history could not be read, when it could not. */
  historyError: string | null;
  /**
   * Damaged histories Delegate set aside within the window (now, or earlier): runs before `at` are in `keptAs`,
   * not in the counts, so the counts are a floor and the pack says so instead of showing them as complete.
   */
  historyKeptAside: Array<{ at: string; keptAs: string }>;
  binaries: BinaryFact[];
}

export interface FileModeFact {
  /** What the file is, for people ("Configuration (profiles)"). */
  label: string;
  path: string;
  kind: 'file' | 'folder' | 'link' | 'other' | 'missing';
  /** `0600`-style octal permission bits; null when missing or on Windows. */
  mode: string | null;
  /** True when group and others have no access (POSIX only). */
  ownerOnly: boolean | null;
}

export interface ProfileFacts {
  name: string;
  isDefault: boolean;
  clientId: string;
  /** "Microsoft Office", …; null for an ID that is not one of the known first-party apps. */
  clientApp: string | null;
  cloud: string;
  authorityHost: string;
  authority: string;
  graphBaseUrl: string;
  tenantConfigured: string;
  /** An extra CA certificate the profile trusts for its HTTPS connections (a TLS-inspecting proxy's root). */
  caFile: string | null;
  account: { username: string; tenantId: string } | null;
  lastInteractiveAuth: string | null;
  lastSilentAuth: string | null;
  signInFlow: string | null;
  configuredScopes: string[];
  extraResources: string[];
  /** What the last Graph access token carried (`scp`, decoded at issue time), and when; null when none was read. */
  tokenScopes: { scopes: string[]; at: string } | null;
  /** What Entra answered at the last interactive sign-in (the token response's `scope`). */
  signInScopes: string[];
  refusedScopes: string[];
  cache: CacheFacts;
  profileFiles: FileModeFact[];
}

export interface CacheFacts {
  backend: 'keychain' | 'plaintext';
  /** In words: "Secret Service (libsecret: GNOME Keyring, KWallet)", "macOS Keychain", … */
  store: string;
  /** Keychain entries (service + account) holding the cache; empty where the cache is a file. */
  keychainEntries: Array<{ service: string; account: string; holds: string }>;
  /** Files holding the cache itself (plaintext, DPAPI); a keychain's placeholder file is listed with the profile's files. */
  cacheFiles: Array<{ path: string; holds: string }>;
}

export interface JobFacts {
  id: string;
  name: string | null;
  kind: string;
  enabled: boolean;
  profile: string | null;
  schedule: string;
  scheduleInWords: string;
  timezone: string | null;
  /** `read`, `write` (changes data in Microsoft 365) or `run` (a local program acting as the user). */
  access: Array<'read' | 'write' | 'send' | 'run'>;
  /** What the job touches, one label and value per line. Values are settings from the jobs file, never content. */
  touches: Array<{ label: string; value: string }>;
  runs: RunCounts;
}

export interface RunCounts {
  total: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  skipped: number;
  interrupted: number;
  running: number;
  lastRunAt: string | null;
  lastFailureAt: string | null;
}

export interface BinaryFact {
  /** What was hashed and why it matters. */
  label: string;
  path: string;
  sha256: string | null;
  bytes: number | null;
  /** How a reviewer reproduces the hash. */
  howToCheck: string;
  error?: string;
}

/** A file the running Delegate consists of, named by the caller (the CLI and the app know which they are). */
export interface RunningFile {
  label: string;
  path: string;
  /** `file`: its SHA-256. `js-folder`: one digest over every `.js` file in the folder (a code-split bundle). */
  kind: 'file' | 'js-folder';
}
