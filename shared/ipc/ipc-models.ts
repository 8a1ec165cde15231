/**
 * The data that crosses between the main process and the renderer. Plain, serialisable, and never a token.
 */
import type { DamagedFile } from '../models/damaged-file.js';
import type { ErrorData } from '../errors.js';
import type { ProfileHealth } from '../models/health.js';
import type { JobRun, RunStatus } from '../models/job-run.js';
import type { Profile } from '../models/profile.js';

/** A result as data: errors cross the boundary as `{code, message, action}`, never as thrown objects. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export interface ProfileSummary {
  name: string;
  isDefault: boolean;
  /** Problems when the profile in config.json is not valid. */
  problems: string[];
}

export interface AppState {
  version: string;
  /** The profile the window shows. */
  profile: string;
  profiles: ProfileSummary[];
  health: ProfileHealth;
  paused: boolean;
  launchAtLogin: boolean;
  signIn: SignInState;
  /** Damaged state files Delegate kept aside (history, notifications, metadata, download records); shown as a notice. */
  damagedFiles?: DamagedFile[];
}

export type SignInPhase = 'idle' | 'device-code' | 'browser' | 'signed-in' | 'failed' | 'cancelled';

export interface SignInState {
  profile: string;
  phase: SignInPhase;
  /** `issuedAt`: when the code was shown; after about two minutes the dialog offers the browser sign-in beside it. */
  deviceCode?: { userCode: string; verificationUri: string; expiresAt: string; issuedAt?: string };
  error?: ErrorData;
}

export interface JobProblemView {
  severity: 'error' | 'warning';
  jobId?: string;
  path: string;
  line?: number;
  message: string;
}

export interface JobSummary {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  profile: string | null;
  schedule: string;
  timezone: string | null;
  scheduleInWords: string;
  nextRun: string | null;
  running: boolean;
  lastRun: JobRun | null;
  /** Set when the profile's granted scopes lack one the job needs: it will be skipped until that changes. */
  missingScopes?: JobScopeFlag | null;
}

export interface JobScopeFlag {
  /** Each need, as the permissions any one of which would do. */
  needs: string[][];
  /** Of those, the ones Microsoft refused to the profile's client ID (AADSTS65002). */
  refused: string[];
  message: string;
  action: string;
}

export interface JobsView {
  path: string;
  /**
   * The version of jobs.yaml this view was read from (a digest of its bytes), null when there is no file. Every
   * edit sends it back; main refuses the edit (`file-changed`) when the file on disk is no longer that version.
   */
  version: string | null;
  /**
   * When `fileError` is set: `jobs` are the jobs still scheduled from the last version Delegate could read (what
   * the engine really runs), and `problems` is empty (those belonged to older versions).
   */
  jobs: JobSummary[];
  problems: JobProblemView[];
  /**
   * The whole file cannot be read (not YAML, not a jobs file, not a regular file…). `version` is still the file on
   * disk's (null when it could not even be read). `version` null with no `fileError`: there is no jobs file.
   */
  fileError: JobProblemView | null;
  /**
   * Only with `fileError`: the listed `jobs` do not come from the file on disk but from an earlier version that
   * could be read (its `version`), read at `loadedAt` (ISO) — they keep running until the file is fixed; mark them
   * so. Null otherwise; `fileError` with this null means no version was read since the app started: no job runs.
   */
  scheduledFromEarlierVersion: { version: string; loadedAt: string } | null;
}

/**
 * One job as written in jobs.yaml, for the editor: the YAML node as plain data (defaults not filled in, fields the
 * form has no control for kept), and the file version it was read from.
 */
export interface JobSource {
  jobId: string;
  version: string;
  source: Record<string, unknown>;
}

/** Saving a job from the editor: `originalId` names the job replaced (absent for a new or duplicated job). */
export interface JobSaveInput {
  version: string | null;
  originalId?: string;
  job: Record<string, unknown>;
}

/** What a native file dialog is for; main chooses the dialog (open a file, save a file, choose a folder) and its filters. */
export type PathPurpose = 'open-file' | 'open-files' | 'save-file' | 'folder' | 'ca-file' | 'program';

export interface PickedPaths {
  /** Empty when the person cancelled the dialog. */
  paths: string[];
}

export interface HistoryQuery {
  jobId?: string;
  status?: RunStatus[];
  limit?: number;
  /** Keyset cursor: the last id of the previous page. */
  before?: number;
}

export interface HistoryPage {
  runs: JobRun[];
  nextCursor: number | null;
  total: number;
}

export interface ClientPresetView {
  id: string;
  label: string;
  clientId: string;
}

export interface SettingsView {
  profiles: Array<Profile & { isDefault: boolean }>;
  invalidProfiles: Array<{ name: string; problems: string[] }>;
  clientPresets: ClientPresetView[];
  launchAtLogin: boolean;
  /** Where the app's and the daemon's log files are (`<home>/logs`). */
  logsFolder: string;
}

export interface ScopeCheck {
  ok: boolean;
  scopes: string[];
  problems: Array<{ scope: string; severity: 'error' | 'warning'; message: string; suggestion?: string }>;
}

export interface ProfileInput {
  cloud?: string;
  clientId?: string;
  tenant?: string;
  authorityHost?: string;
  graphBaseUrl?: string;
  caFile?: string;
  scopes?: string[];
  extraResources?: string[];
  lifetimeDays?: number;
  warningDays?: number;
  cacheBackend?: 'keychain' | 'plaintext';
}

/** Settings' "Write evidence pack…": where the pack went (null when the person cancelled the save dialog). */
export interface EvidenceWritten {
  path: string | null;
  profiles: number;
  jobs: number;
}

export type View = 'overview' | 'jobs' | 'history' | 'settings';
