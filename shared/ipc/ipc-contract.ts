/**
 * The one typed contract between the renderer and the main process: every request channel with the schema
 * of its input, and every event main sends. The preload exposes exactly these channels; main validates every
 * input against these schemas and every sender before anything runs. No channel ever carries a token.
 *
 * Modelled on GitHub Desktop's ipc-shared.ts (one map of channels, everything derived from it) with
 * electron-trpc's schema validation on the main side.
 */
import { z } from 'zod';
import type { JobRun, RunStatus } from '../models/job-run.js';
import type { ProfileHealth } from '../models/health.js';
import type { DoctorReport } from '../models/doctor-report.js';
import type { AppState, EvidenceWritten, HistoryPage, JobSource, JobsView, PickedPaths, ProfileInput, ScopeCheck, SettingsView, SignInState, View } from './ipc-models.js';

const profileName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i).optional();
const jobId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const runStatus = z.enum(['running', 'succeeded', 'failed', 'skipped', 'timed-out', 'interrupted']);
const scopeList = z.array(z.string().max(300)).max(200);
const httpsUrl = z.string().max(2048).regex(/^https:\/\//i);
/** The version of jobs.yaml the window read (a SHA-256 hex digest); null when there was no file. */
const fileVersion = z.string().regex(/^[0-9a-f]{64}$/).nullable();
/**
 * A job as the editor wrote it: checked against the jobs file's schema in main before anything is written (app
 * service); here only bounded, so a page cannot make main parse megabytes.
 */
const jobDraft = z.record(z.string().max(200), z.unknown()).refine((job) => jsonLength(job) <= 512 * 1024, 'a job must be plain data of at most 512 KiB');

/** Characters of a value as JSON; Infinity for what JSON cannot hold (a BigInt, a cycle), which is then refused. */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Infinity;
  }
}

const profileInput = z.strictObject({
  cloud: z.enum(['global', 'usgov', 'usgov-dod', 'china', 'custom']).optional(),
  clientId: z.string().max(64).optional(),
  tenant: z.string().max(256).optional(),
  authorityHost: httpsUrl.optional(),
  graphBaseUrl: httpsUrl.optional(),
  caFile: z.string().max(4096).optional(),
  scopes: scopeList.optional(),
  extraResources: z.array(httpsUrl).max(50).optional(),
  lifetimeDays: z.int().min(1).max(3650).optional(),
  warningDays: z.int().min(0).max(365).optional(),
  cacheBackend: z.enum(['keychain', 'plaintext']).optional(),
});

/** Request channels: input schema, and the type of the answer. */
export const requestChannels = {
  'app:get-state': { input: z.strictObject({ profile: profileName }) },
  'app:set-profile': { input: z.strictObject({ profile: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i) }) },
  'auth:start-device-code': { input: z.strictObject({ profile: profileName, dropUnapprovedScopes: z.boolean().optional() }) },
  'auth:start-browser': { input: z.strictObject({ profile: profileName, dropUnapprovedScopes: z.boolean().optional() }) },
  'auth:cancel': { input: z.strictObject({}) },
  'auth:copy-code-and-open': { input: z.strictObject({}) },
  'auth:probe': { input: z.strictObject({ profile: profileName }) },
  'auth:sign-out': { input: z.strictObject({ profile: profileName }) },
  'jobs:list': { input: z.strictObject({}) },
  'jobs:run-now': { input: z.strictObject({ jobId }) },
  'jobs:set-enabled': { input: z.strictObject({ jobId, enabled: z.boolean(), version: fileVersion }) },
  'jobs:get-source': { input: z.strictObject({ jobId }) },
  'jobs:save': { input: z.strictObject({ version: fileVersion, originalId: jobId.optional(), job: jobDraft }) },
  'jobs:delete': { input: z.strictObject({ jobId, version: fileVersion }) },
  // The window names what the file is for, never a path: main opens its own dialog and answers with what was chosen.
  'dialog:pick-path': { input: z.strictObject({ purpose: z.enum(['open-file', 'open-files', 'save-file', 'folder', 'ca-file', 'program']), defaultPath: z.string().max(4096).optional() }) },
  'jobs:set-paused': { input: z.strictObject({ paused: z.boolean() }) },
  'history:query': {
    input: z.strictObject({
      jobId: jobId.optional(),
      status: z.array(runStatus).max(6).optional(),
      limit: z.int().min(1).max(500).optional(),
      before: z.int().min(1).optional(),
    }),
  },
  'history:get-run': { input: z.strictObject({ id: z.int().min(1) }) },
  'settings:get': { input: z.strictObject({}) },
  'settings:check-scopes': { input: z.strictObject({ scopes: scopeList }) },
  'settings:save-profile': { input: z.strictObject({ name: z.string().max(40), create: z.boolean(), changes: profileInput }) },
  'settings:remove-profile': { input: z.strictObject({ name: z.string().max(40) }) },
  'settings:set-default-profile': { input: z.strictObject({ name: z.string().max(40) }) },
  'settings:set-launch-at-login': { input: z.strictObject({ enabled: z.boolean() }) },
  'settings:check-setup': { input: z.strictObject({ profile: profileName }) },
  // No input: main alone decides which folder opens (the home's logs folder), so the window cannot name another.
  'settings:open-logs-folder': { input: z.strictObject({}) },
  // Where to save is asked by main's own save dialog: the window names no path.
  'settings:write-evidence': { input: z.strictObject({ profile: profileName, all: z.boolean().optional() }) },
} as const;

/** What each request channel answers with (inside an IpcResult). */
export interface RequestResults {
  'app:get-state': AppState;
  'app:set-profile': AppState;
  'auth:start-device-code': SignInState;
  'auth:start-browser': SignInState;
  'auth:cancel': SignInState;
  'auth:copy-code-and-open': { copied: boolean };
  'auth:probe': ProfileHealth;
  'auth:sign-out': ProfileHealth;
  'jobs:list': JobsView;
  'jobs:run-now': JobRun;
  'jobs:set-enabled': JobsView;
  'jobs:get-source': JobSource;
  'jobs:save': JobsView;
  'jobs:delete': JobsView;
  'dialog:pick-path': PickedPaths;
  'jobs:set-paused': { paused: boolean };
  'history:query': HistoryPage;
  'history:get-run': JobRun;
  'settings:get': SettingsView;
  'settings:check-scopes': ScopeCheck;
  'settings:save-profile': SettingsView;
  'settings:remove-profile': SettingsView;
  'settings:set-default-profile': SettingsView;
  'settings:set-launch-at-login': { launchAtLogin: boolean };
  'settings:check-setup': DoctorReport;
  'settings:open-logs-folder': { path: string };
  'settings:write-evidence': EvidenceWritten;
}

export type RequestChannel = keyof typeof requestChannels;
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['input']>;
export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];

/** Events main sends to the renderer. */
export interface EventPayloads {
  'auth:state': SignInState;
  'health:changed': ProfileHealth;
  'jobs:changed': JobsView;
  'run:updated': JobRun;
  'app:navigate': { view: View | 'reauth'; runId?: number; jobId?: string; status?: RunStatus[] };
  'app:paused': { paused: boolean };
  /** config.json changed (from the window, the CLI or an editor): Settings and the sidebar read it again. */
  'config:changed': Record<string, never>;
}

export type EventChannel = keyof EventPayloads;
export const EVENT_CHANNELS: readonly EventChannel[] = ['auth:state', 'health:changed', 'jobs:changed', 'run:updated', 'app:navigate', 'app:paused', 'config:changed'];

/** The one object the preload exposes as `window.delegate`; renderer/ipc is its only reader. */
export interface DelegateApi {
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResultOf<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export type IpcResultOf<C extends RequestChannel> = { ok: true; value: RequestResults[C] } | { ok: false; error: import('../errors.js').ErrorData };

export type { ProfileInput };
