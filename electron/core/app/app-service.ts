/**
 * The desktop app's service: everything the window and the tray can ask for, in plain Node.
 *
 * The Electron shell and the end-to-end test bridge both expose exactly this through the typed IPC contract
 * (shared/ipc), so the UI is tested against the real core. Platform effects (opening a URL, the clipboard,
 * launch at login) come in as functions. Nothing it returns or emits contains a token.
 */
import { systemClock, type Clock } from '../clock.js';
import { DelegateError } from '../errors/delegate-error.js';
import { authContext, type AuthContext } from '../auth/auth-context.js';
import { computeHealth } from '../auth/health.js';
import { probe } from '../auth/probe.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { signInWithBrowser, signInWithDeviceCode } from '../auth/sign-in.js';
import { jobsLackingScopes, scopeFlag } from '../jobs/job-scopes.js';
import { signOut } from '../auth/sign-out.js';
import { loadConfig } from '../config/config-store.js';
import { resolveProfile } from '../config/profile-resolver.js';
import { addProfile, planProfileUpdate, removeProfile, saveProfile, setDefaultProfile } from '../profiles/profile-service.js';
import { describeSchedule, nextRunAfter } from '../../../shared/jobs/job-schedule.js';
import { appendJob } from '../job-editing/append-job.js';
import { deleteJob } from '../job-editing/delete-job.js';
import { editJobsFile, type JobsTextEdit } from '../job-editing/edit-jobs-file.js';
import type { EditAction } from '../job-editing/edit-action.js';
import { readJobSource } from '../job-editing/job-source.js';
import { replaceJob } from '../job-editing/replace-job.js';
import { setJobEnabled } from '../job-editing/set-job-enabled.js';
import { AppEvents } from './app-events.js';
import { KeychainWatch } from './keychain-watch.js';
import { listDamagedFiles } from '../fs/damaged-file.js';
import { CLIENT_PRESETS } from '../../../shared/client-presets.js';
import { validateScopes } from '../../../shared/scopes.js';
import { doctorContext } from '../doctor/doctor-context.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { logProbe } from '../logging/probe-log.js';
import { logsDir } from '../logging/log-paths.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import type { Logger } from '../logging/log-file.js';
import type { JobEngine } from '../jobs/job-engine.js';
import type { AppState, EvidenceWritten, HistoryPage, HistoryQuery, JobSaveInput, JobSource, JobsView, PathPurpose, PickedPaths, ProfileInput, ScopeCheck, SettingsView, SignInState } from '../../../shared/ipc/ipc-models.js';
import type { ProfileHealth } from '../../../shared/models/health.js';
import type { DoctorReport } from '../../../shared/models/doctor-report.js';
import type { JobRun } from '../../../shared/models/job-run.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { RunningFile } from '../evidence/evidence-facts.js';
import { buildEvidencePack } from '../evidence/evidence-pack.js';
import { watchSettingsFileSettled } from '../fs/settings-file-watch.js';
import { configPath } from '../config/profile-paths.js';
import { defaultEvidenceFileName, writeEvidenceFile } from '../evidence/write-evidence.js';

export interface AppPlatform {
  /** Opens a URL in the person's browser. Called only with a device code's verification URL or a sign-in URL. */
  openExternal(url: string): Promise<void>;
  copyText(text: string): void;
  launchAtLogin: { get(): boolean; set(enabled: boolean): void };
  /** Opens a folder in the OS file manager. Called only with the home's logs folder. */
  openFolder(path: string): Promise<void>;
  /**
   * Asks where to save the evidence pack (the shell's save dialog, which confirms an overwrite); null when the
   * person cancels. The path never comes from the window. Absent where there is no dialog.
   */
  chooseEvidenceFile?(suggestedName: string): Promise<string | null>;
  /** The files the running app consists of (its binary, its bundle), hashed into the evidence pack. */
  runningFiles?(): RunningFile[];
  /**
   * Opens the native dialog for `purpose` (open a file, save a file, choose a folder…) and answers with what the
   * person chose (empty when cancelled). The window names a purpose, never a path to use. Absent where there is no
   * dialog (the CLI).
   */
  pickPaths?(purpose: PathPurpose, defaultPath?: string): Promise<string[]>;
}

export interface AppServiceOptions {
  home: string;
  version: string;
  engine: JobEngine;
  platform: AppPlatform;
  clock?: Clock;
  /** The app's log file (app.log): probe results are written there. */
  log?: Logger;
}

/** How often the window's health is re-read from disk (another process may have signed in or probed). */
export const HEALTH_CHECK_EVERY_MS = 60_000;
/** Waits this long after a change to config.json before announcing it (atomic writes and editors take steps). */
export const CONFIG_SETTLE_MS = 200;

export class AppService {
  readonly events = new AppEvents();
  private readonly clock: Clock;
  private profileName: string;
  private signIn: SignInState;
  private signInAbort: AbortController | null = null;
  private readonly unsubscribers: Array<() => void> = [];
  private healthTimer: NodeJS.Timeout | null = null;
  private lastHealthKey = '';
  /** The shown profile's settings as last announced: a config.json change that alters them changes its health. */
  private shownSettingsKey: string;
  /** Whether each profile's keychain is locked, refreshed in the background (health() stays synchronous). */
  private readonly keychain = new KeychainWatch();

  constructor(private readonly options: AppServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.profileName = initialProfile(options.home);
    this.signIn = { profile: this.profileName, phase: 'idle' };
    this.shownSettingsKey = this.settingsKey();
    // Every reload of the jobs file (an edit anywhere, a profile change) reaches the window and the tray at once.
    this.unsubscribers.push(options.engine.onReload(() => this.events.emit('jobs:changed', this.jobs())));
    const configWatch = watchSettingsFileSettled(configPath(options.home), CONFIG_SETTLE_MS, () => this.configChanged(), { what: 'config.json', ...(options.log ? { log: (line: string) => options.log?.warn(line) } : {}) });
    this.unsubscribers.push(() => configWatch.close());
    this.unsubscribers.push(
      options.engine.events.on((event) => {
        this.events.emit('run:updated', event.run);
        if (event.type === 'run-finished') {
          this.events.emit('jobs:changed', this.jobs());
          this.events.emit('health:changed', this.health());
          // A run may have just met (or outlived) a locked keychain: look again, then say so if it changed.
          void this.refreshKeychain();
        }
      }),
    );
    // The daily probe is the sign-in keeper's (core/keeper), which the shell starts beside this service.
    // Health also changes without us: the day rolls over, or `delegate login` runs in a terminal.
    this.healthTimer = setInterval(() => void this.refreshKeychain().then(() => this.emitHealthIfChanged()), HEALTH_CHECK_EVERY_MS).unref();
    void this.refreshKeychain();
  }

  /** Re-reads every signed-in profile's keychain state; emits the health when it changed. */
  async refreshKeychain(): Promise<void> {
    try {
      const contexts = loadConfig(this.options.home).entries.flatMap((entry) => (entry.ok ? [authContext(this.options.home, this.clock, entry.profile)] : []));
      if (await this.keychain.refresh(contexts.filter((context) => readMetadata(context.paths).metadata.account))) this.emitHealthIfChanged();
    } catch {
      // A broken config shows its error when the window asks for state.
    }
  }

  private emitHealthIfChanged(): void {
    try {
      const health = this.health();
      const key = JSON.stringify(health);
      if (key !== this.lastHealthKey) {
        this.lastHealthKey = key;
        this.events.emit('health:changed', health);
      }
    } catch {
      // A broken profile shows its error when the window asks for state.
    }
  }

  /**
   * config.json changed — from the window, `delegate profile …`, or a text editor; even when it no longer parses
   * (the window shows its error). Settings and the sidebar read it again; the shown profile's health follows.
   */
  private configChanged(): void {
    this.events.emit('config:changed', {});
    const key = this.settingsKey();
    if (key === this.shownSettingsKey) return;
    this.shownSettingsKey = key;
    try {
      this.events.emit('health:changed', this.health());
    } catch {
      // The shown profile is gone or broken: the window shows that when it reads the state again.
    }
  }

  /** The shown profile's settings as config.json has them (or why it has none), to tell when they changed. */
  private settingsKey(): string {
    try {
      return JSON.stringify(resolveProfile(this.options.home, this.profileName).profile);
    } catch (error) {
      return `unreadable: ${(error as Error).message}`;
    }
  }

  dispose(): void {
    this.signInAbort?.abort();
    if (this.healthTimer) clearInterval(this.healthTimer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  // ---- state and health

  state(profile?: string): AppState {
    const name = profile ?? this.profileName;
    const config = loadConfig(this.options.home);
    return {
      version: this.options.version,
      profile: name,
      profiles: config.entries.map((entry) => ({ name: entry.name, isDefault: config.defaultProfile === entry.name, problems: entry.ok ? [] : entry.problems })),
      health: this.health(name),
      paused: this.options.engine.isPaused(),
      launchAtLogin: this.options.platform.launchAtLogin.get(),
      signIn: this.signIn,
      damagedFiles: listDamagedFiles(this.options.home),
    };
  }

  setProfile(name: string): AppState {
    resolveProfile(this.options.home, name);
    this.profileName = name;
    return this.state();
  }

  health(profile?: string): ProfileHealth {
    const context = this.context(profile);
    return this.keychain.apply(computeHealth(context.profile, readMetadata(context.paths).metadata, this.clock.now()));
  }

  /** The worst health across profiles, for the tray icon. */
  allHealth(): ProfileHealth[] {
    return loadConfig(this.options.home)
      .entries.filter((entry) => entry.ok)
      .map((entry) => this.health(entry.name));
  }

  // ---- sign-in

  startDeviceCode(profile?: string, dropUnapprovedScopes = false): SignInState {
    const context = this.beginSignIn(profile);
    const abort = this.signInAbort as AbortController;
    void signInWithDeviceCode(context, {
      signal: abort.signal,
      dropUnapprovedScopes,
      onDeviceCode: (info) => this.setSignIn({ profile: context.profile.name, phase: 'device-code', deviceCode: { userCode: info.userCode, verificationUri: info.verificationUri, expiresAt: info.expiresAt, issuedAt: this.clock.now().toISOString() } }),
    }).then(
      () => this.finishSignIn(context),
      (error) => this.failSignIn(context, error, abort),
    );
    return this.signIn;
  }

  startBrowser(profile?: string, dropUnapprovedScopes = false): SignInState {
    const context = this.beginSignIn(profile);
    const abort = this.signInAbort as AbortController;
    this.setSignIn({ profile: context.profile.name, phase: 'browser' });
    void signInWithBrowser(context, { signal: abort.signal, dropUnapprovedScopes, openBrowser: (url) => this.options.platform.openExternal(url) }).then(
      () => this.finishSignIn(context),
      (error) => this.failSignIn(context, error, abort),
    );
    return this.signIn;
  }

  cancelSignIn(): SignInState {
    this.signInAbort?.abort();
    this.signInAbort = null;
    if (this.signIn.phase === 'device-code' || this.signIn.phase === 'browser') this.setSignIn({ profile: this.signIn.profile, phase: 'cancelled' });
    return this.signIn;
  }

  /** One click in the re-auth dialog: the code on the clipboard and the verification page in the browser. */
  async copyCodeAndOpen(): Promise<{ copied: boolean }> {
    const code = this.signIn.deviceCode;
    if (this.signIn.phase !== 'device-code' || !code) {
      throw new DelegateError({ code: 'invalid-input', message: 'There is no sign-in code to copy right now.', action: 'Start the sign-in again.' });
    }
    this.options.platform.copyText(code.userCode);
    await this.options.platform.openExternal(code.verificationUri);
    return { copied: true };
  }

  private beginSignIn(profile?: string): AuthContext {
    this.signInAbort?.abort();
    this.signInAbort = new AbortController();
    const context = this.context(profile);
    this.setSignIn({ profile: context.profile.name, phase: 'device-code' });
    return context;
  }

  private async finishSignIn(context: AuthContext): Promise<void> {
    const { persisted } = resolveProfile(this.options.home, context.profile.name);
    if (!persisted) await saveProfile(this.options.home, context.profile);
    this.setSignIn({ profile: context.profile.name, phase: 'signed-in' });
    this.events.emit('health:changed', this.health(context.profile.name));
  }

  private failSignIn(context: AuthContext, error: unknown, abort: AbortController): void {
    if (abort !== this.signInAbort && abort.signal.aborted) return; // replaced by a newer sign-in
    const data = error instanceof DelegateError ? error.toData() : { code: 'unexpected' as const, message: String(error), action: 'Try again.' };
    this.setSignIn({ profile: context.profile.name, phase: data.code === 'cancelled' ? 'cancelled' : 'failed', ...(data.code === 'cancelled' ? {} : { error: data }) });
  }

  private setSignIn(state: SignInState): void {
    this.signIn = state;
    this.events.emit('auth:state', state);
  }

  async probe(profile?: string): Promise<ProfileHealth> {
    const report = await probe(this.context(profile));
    if (this.options.log) logProbe(this.options.log, report);
    this.events.emit('health:changed', report.health);
    return report.health;
  }

  async signOut(profile?: string): Promise<ProfileHealth> {
    await signOut(this.context(profile));
    const health = this.health(profile);
    this.events.emit('health:changed', health);
    return health;
  }

  // ---- jobs and history

  jobs(): JobsView {
    const loaded = this.options.engine.jobs();
    const lastRuns = this.options.engine.history.lastRunsByJob();
    const now = this.clock.now();
    const lacking = new Map(lackingScopes(this.options.home).map((verdict) => [verdict.jobId, verdict]));
    return {
      path: loaded.path,
      version: loaded.version,
      jobs: loaded.jobs.map((job) => ({
        id: job.id,
        name: job.name ?? job.id,
        kind: job.action.kind,
        enabled: job.enabled,
        profile: job.profile ?? null,
        schedule: job.schedule,
        timezone: job.timezone ?? null,
        scheduleInWords: describeSchedule(job),
        nextRun: job.enabled && !this.options.engine.isPaused() ? (nextRunAfter(job, now)?.toISOString() ?? null) : null,
        running: this.options.engine.history.isRunning(job.id),
        lastRun: lastRuns.get(job.id) ?? null,
        missingScopes: scopeFlag(lacking.get(job.id)),
      })),
      problems: loaded.problems,
      fileError: loaded.fileError ?? null,
      scheduledFromEarlierVersion: loaded.fileError && loaded.scheduledFrom ? { ...loaded.scheduledFrom } : null,
    };
  }

  runNow(jobId: string): Promise<JobRun> {
    return this.options.engine.runNow(jobId).catch((error: unknown) => {
      throw error instanceof DelegateError ? error : new DelegateError({ code: 'invalid-input', message: (error as Error).message, action: 'Reload the Jobs view.' });
    });
  }

  setJobEnabled(jobId: string, enabled: boolean, version: string | null): JobsView {
    return this.editJobs(version, (text) => setJobEnabled(text ?? noJobsFile(jobId), jobId, enabled), 'switch');
  }

  /** One job as written in jobs.yaml, for the editor. */
  jobSource(jobId: string): JobSource {
    return readJobSource(this.options.engine.jobs().path, jobId);
  }

  /** Writes a job from the editor into jobs.yaml (new, or replacing `originalId`), keeping every other byte. */
  saveJob(input: JobSaveInput): JobsView {
    const { originalId } = input;
    return this.editJobs(input.version, (text) => (originalId === undefined ? appendJob(text, input.job) : replaceJob(text ?? noJobsFile(originalId), originalId, input.job)), 'save');
  }

  /** Removes a job from jobs.yaml, keeping every other byte. */
  deleteJob(jobId: string, version: string | null): JobsView {
    return this.editJobs(version, (text) => deleteJob(text ?? noJobsFile(jobId), jobId), 'delete');
  }

  /** One edit of jobs.yaml if it is still `version` (job-editing/), then the engine reloads and the window hears. */
  private editJobs(version: string | null, edit: JobsTextEdit, action: EditAction): JobsView {
    editJobsFile(this.options.engine.jobs().path, version, edit, action);
    // The reload announces the new view (jobs:changed, through onReload) to every window and the tray.
    this.options.engine.reload();
    return this.jobs();
  }

  /** The shell's native dialog for `purpose`; nothing where there is none. */
  async pickPaths(purpose: PathPurpose, defaultPath?: string): Promise<PickedPaths> {
    const paths = (await this.options.platform.pickPaths?.(purpose, defaultPath)) ?? [];
    return { paths };
  }

  setPaused(paused: boolean): { paused: boolean } {
    if (paused) this.options.engine.pause();
    else this.options.engine.resume();
    this.events.emit('app:paused', { paused });
    this.events.emit('jobs:changed', this.jobs());
    return { paused };
  }

  history(query: HistoryQuery): HistoryPage {
    const store = this.options.engine.history;
    const page = store.recentRuns({ limit: query.limit ?? 100, ...(query.before ? { before: query.before } : {}), ...(query.jobId ? { jobId: query.jobId } : {}), ...(query.status?.length ? { status: query.status } : {}) });
    const counts = store.countByStatus(query.jobId);
    const total = (query.status?.length ? query.status : (Object.keys(counts) as Array<keyof typeof counts>)).reduce((sum, status) => sum + (counts[status] ?? 0), 0);
    return { runs: page.runs, nextCursor: page.nextCursor, total };
  }

  run(id: number): JobRun {
    const run = this.options.engine.history.getRun(id);
    if (!run) throw new DelegateError({ code: 'invalid-input', message: `There is no run #${id}.`, action: 'It may have been removed by the history retention.' });
    return run;
  }

  // ---- settings

  settings(): SettingsView {
    const config = loadConfig(this.options.home);
    return {
      profiles: config.entries.flatMap((entry) => (entry.ok ? [{ ...entry.profile, isDefault: config.defaultProfile === entry.name }] : [])),
      invalidProfiles: config.entries.flatMap((entry) => (entry.ok ? [] : [{ name: entry.name, problems: entry.problems }])),
      clientPresets: CLIENT_PRESETS.map((preset) => ({ id: preset.id, label: preset.label, clientId: preset.clientId })),
      launchAtLogin: this.options.platform.launchAtLogin.get(),
      logsFolder: logsDir(this.options.home),
    };
  }

  /** Settings' "Open log folder": the home's logs folder in the OS file manager (created if no log exists yet). */
  async openLogsFolder(): Promise<{ path: string }> {
    const path = logsDir(this.options.home);
    ensurePrivateDir(path);
    await this.options.platform.openFolder(path);
    return { path };
  }

  /** Settings' "Check my setup": `delegate doctor` for the profile, through the app's own network stack. */
  async checkSetup(profile?: string): Promise<DoctorReport> {
    const context = this.context(profile);
    return runDoctor(doctorContext(this.options.home, context.profile, this.clock, this.options.version));
  }

  /** Settings' "Write evidence pack…": `delegate evidence` for the profile (or all), saved where the person chooses. */
  async writeEvidence(profile: string | undefined, all: boolean): Promise<EvidenceWritten> {
    const choose = this.options.platform.chooseEvidenceFile;
    if (!choose) throw new DelegateError({ code: 'invalid-input', message: 'This window cannot save files.', action: 'Write the pack with `delegate evidence` in a terminal.' });
    const name = all ? undefined : this.context(profile).profile.name;
    const path = await choose.call(this.options.platform, defaultEvidenceFileName(name ?? 'all', this.clock.now()));
    if (path === null) return { path: null, profiles: 0, jobs: 0 };
    const pack = await buildEvidencePack({ home: this.options.home, clock: this.clock, version: this.options.version, ...(name ? { profile: name } : {}), all, runningFiles: this.options.platform.runningFiles?.() ?? [] });
    // The save dialog has asked before replacing a file.
    writeEvidenceFile(path, pack.html, { force: true });
    return { path, profiles: pack.facts.profiles.length, jobs: pack.facts.jobs.length };
  }

  checkScopes(scopes: string[]): ScopeCheck {
    const result = validateScopes(scopes);
    return {
      ok: result.ok,
      scopes: result.scopes,
      problems: result.problems.map((problem) => ({ scope: problem.scope, severity: problem.severity, message: problem.message, ...(problem.suggestion ? { suggestion: problem.suggestion } : {}) })),
    };
  }

  async saveProfile(name: string, create: boolean, changes: ProfileInput): Promise<SettingsView> {
    if (create) {
      await addProfile(this.options.home, name, changes);
    } else {
      const { profile } = resolveProfile(this.options.home, name);
      const update = planProfileUpdate(profile, changes);
      if (update.needsSignIn && readMetadata(this.context(name).paths).metadata.account) await signOut(this.context(name));
      await saveProfile(this.options.home, update.after);
    }
    this.options.engine.reload();
    this.events.emit('health:changed', this.health(name));
    return this.settings();
  }

  async removeProfile(name: string): Promise<SettingsView> {
    const { profile } = resolveProfile(this.options.home, name);
    if (readMetadata(this.context(name).paths).metadata.account) await signOut(authContext(this.options.home, this.clock, profile));
    await removeProfile(this.options.home, name);
    if (this.profileName === name) this.profileName = initialProfile(this.options.home);
    this.options.engine.reload();
    return this.settings();
  }

  async setDefaultProfile(name: string): Promise<SettingsView> {
    await setDefaultProfile(this.options.home, name);
    return this.settings();
  }

  setLaunchAtLogin(enabled: boolean): { launchAtLogin: boolean } {
    this.options.platform.launchAtLogin.set(enabled);
    return { launchAtLogin: this.options.platform.launchAtLogin.get() };
  }

  private context(profile?: string): AuthContext {
    const { profile: resolved } = resolveProfile(this.options.home, profile ?? this.profileName);
    return authContext(this.options.home, this.clock, resolved as Profile);
  }
}

/** The jobs short of scopes; none known while config.json cannot be read (the jobs view says why instead). */
function lackingScopes(home: string): ReturnType<typeof jobsLackingScopes> {
  try {
    return jobsLackingScopes(home);
  } catch (error) {
    if (error instanceof DelegateError) return [];
    throw error;
  }
}

/** The profile the window opens on; a broken config.json must not stop the app from starting (it shows the error). */
function initialProfile(home: string): string {
  try {
    return resolveProfile(home).profile.name;
  } catch {
    try {
      return loadConfig(home).entries.find((entry) => entry.ok)?.name ?? 'default';
    } catch {
      return 'default';
    }
  }
}

function noJobsFile(jobId: string): never {
  throw new DelegateError({ code: 'invalid-input', message: `There is no job "${jobId}": there is no jobs file.`, action: 'Reload the Jobs view.' });
}
