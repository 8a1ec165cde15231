/**
 * A believable stand-in for the preload's `window.delegate`, for developing and screenshotting the window
 * without Electron or the core. Only the dev harness (dev.html) loads it.
 *
 * Scenario switches (query parameters):
 *   profile=work|contoso-gov|lab   the profile shown first (lab has a plaintext cache)
 *   health=ok|warning|expired|signed-out|unknown|blocked   the first profile's status
 *   signin=complete|wait|decline|blocked|expire|slow   how a device code sign-in ends (complete: after 6 s; slow: pending for 3 minutes already)
 *   jobsfile=problems|ok|broken|broken-first   the jobs file's state (broken: the jobs of the last readable version
 *                                  still scheduled; broken-first: no version was ever readable)
 *   runs=N                         how many runs history holds (default 100,000)
 *   latency=MS                     delay of every answer (default 40)
 *   fail=CHANNEL                   that request channel answers with an error
 *   doctor=ok|broken               what "Check my setup" finds (broken: untrusted TLS, keyring locked, clock off)
 *   save=file-changed              the next job save or delete is refused: the jobs file changed on disk
 *   pick=cancel                    the native file dialogs are cancelled (default: a believable path)
 */
import type { DelegateApi, EventChannel, EventPayloads, IpcResultOf, RequestChannel, RequestInput, RequestResults } from '../../shared/ipc/ipc-contract.js';
import type { AppState, JobsView, ScopeCheck, SettingsView, SignInState } from '../../shared/ipc/ipc-models.js';
import { CLIENT_PRESETS } from '../../shared/client-presets.js';
import type { ErrorData } from '../../shared/errors.js';
import type { HealthStatus, ProfileHealth } from '../../shared/models/health.js';
import type { Profile } from '../../shared/models/profile.js';
import { validateScopes } from '../../shared/scopes.js';
import { FAKE_FILE_ERROR, FAKE_JOBS, FAKE_JOBS_PATH, FAKE_PROBLEMS, type FakeJob } from './fake-jobs.js';
import { FAKE_SOURCES } from './fake-job-sources.js';
import { jobSchema } from '../../shared/jobs/job-schema.js';
import { describeSchedule } from '../../shared/jobs/job-schedule.js';
import { nameKey } from '../../shared/models/portable-name.js';
import { FakeHistory, generateRuns, makeRun } from './fake-history.js';
import { fakeHealth, fakeProfiles } from './fake-profiles.js';
import { seededRandom } from './fake-random.js';
import { fakeDoctorReport } from './fake-doctor.js';

const FAKE_LOGS_FOLDER = '/home/alex/.config/Delegate/logs';

class FakeError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

type Handlers = { [C in RequestChannel]: (input: RequestInput<C>) => RequestResults[C] | Promise<RequestResults[C]> };

export interface FakeControl {
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Waits for every pending answer and timer-free state to settle (for screenshots). */
  state(): { profile: string; signIn: SignInState };
}

const USERNAMES: Record<string, string> = { work: 'alex.wilber@contoso.com', 'contoso-gov': 'alex.wilber@contoso.onmicrosoft.us', lab: 'alexw@emulator.test' };
const HEALTH_STATUSES: readonly HealthStatus[] = ['ok', 'warning', 'expired', 'signed-out', 'unknown', 'blocked', 'keychain-locked'];

export function createFakeApi(params: URLSearchParams): { api: DelegateApi; control: FakeControl } {
  const now = () => Date.now();
  const latency = Number(params.get('latency') ?? 40);
  const failChannel = params.get('fail');
  const signInEnding = params.get('signin') ?? 'complete';
  const jobsFile = params.get('jobsfile') ?? 'problems';
  const profiles = fakeProfiles();
  let defaultProfile = 'work';
  let current = params.get('profile') ?? 'work';
  const requestedStatus = params.get('health') as HealthStatus | null;
  const healthByProfile = new Map<string, ProfileHealth>();
  for (const profile of profiles) {
    const status: HealthStatus =
      profile.name === current && requestedStatus && HEALTH_STATUSES.includes(requestedStatus) ? requestedStatus : profile.name === 'contoso-gov' ? 'warning' : 'ok';
    healthByProfile.set(profile.name, fakeHealth(profile, status, now(), USERNAMES[profile.name] ?? 'someone@contoso.com'));
  }
  let paused = false;
  let launchAtLogin = true;
  let signIn: SignInState = { profile: current, phase: 'idle' };
  let signInTimer: number | undefined;
  const enabled = new Map(FAKE_JOBS.map((job) => [job.id, job.enabled]));
  // The editor's state: the jobs as listed, their sources as written, and the file's version (bumped on every save).
  const fakeJobs: FakeJob[] = FAKE_JOBS.map((job) => ({ ...job }));
  const sources = new Map(FAKE_SOURCES.map((source) => [String(source.id), structuredClone(source)]));
  let problems = jobsFile === 'problems' ? [...FAKE_PROBLEMS] : [];
  let fileVersion = 0;
  let refuseNextSave = params.get('save') === 'file-changed';
  const running = new Set<string>();
  const history = new FakeHistory(generateRuns(Number(params.get('runs') ?? 100_000), now()));
  const random = seededRandom(7);

  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const emit = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => {
    for (const listener of listeners.get(channel) ?? []) (listener as (value: EventPayloads[E]) => void)(payload);
  };

  const profileNamed = (name: string | undefined): Profile => {
    const profile = profiles.find((candidate) => candidate.name === (name ?? current));
    if (!profile) throw new FakeError({ code: 'unknown-profile', message: `There is no profile named "${name ?? current}".`, action: 'Choose one of the profiles in Settings.' });
    return profile;
  };
  const healthOf = (name: string): ProfileHealth => {
    const health = healthByProfile.get(name);
    if (!health) throw new FakeError({ code: 'unknown-profile', message: `There is no profile named "${name}".`, action: 'Choose one of the profiles in Settings.' });
    return health;
  };
  const appState = (): AppState => ({
    version: '0.1.0',
    profile: current,
    profiles: profiles.map((profile) => ({ name: profile.name, isDefault: profile.name === defaultProfile, problems: [] })),
    health: healthOf(current),
    paused,
    launchAtLogin,
    signIn,
  });
  const settingsView = (): SettingsView => ({
    profiles: profiles.map((profile) => ({ ...profile, isDefault: profile.name === defaultProfile })),
    invalidProfiles: [{ name: 'old-tenant', problems: ['clientId: "office365" is not a GUID nor a preset (office, azure-cli, graph-powershell)', 'warningDays: must be 0 or more'] }],
    clientPresets: CLIENT_PRESETS.map((preset) => ({ id: preset.id, label: preset.label, clientId: preset.clientId })),
    launchAtLogin,
    logsFolder: FAKE_LOGS_FOLDER,
  });
  const nextRunOf = (job: (typeof FAKE_JOBS)[number]): string | null => {
    if (!enabled.get(job.id)) return null;
    const day = new Date(now());
    day.setHours(0, 0, 0, 0);
    let at = day.getTime() + job.offsetMinutes * 60_000;
    while (at <= now()) at += job.everyMinutes * 60_000;
    return new Date(at).toISOString();
  };
  const versionText = () => fileVersion.toString(16).padStart(64, '0');
  const jobsView = (): JobsView => ({
    path: FAKE_JOBS_PATH,
    version: versionText(),
    jobs:
      jobsFile === 'broken-first'
        ? []
        : fakeJobs.map(({ everyMinutes: _every, offsetMinutes: _offset, ...job }) => ({
            ...job,
            enabled: enabled.get(job.id) ?? job.enabled,
            nextRun: nextRunOf({ ...job, everyMinutes: _every, offsetMinutes: _offset }),
            running: running.has(job.id),
            lastRun: history.lastOf(job.id),
          })),
    problems,
    fileError: jobsFile.startsWith('broken') ? FAKE_FILE_ERROR : null,
    scheduledFromEarlierVersion: jobsFile === 'broken' ? { version: 'f'.repeat(64), loadedAt: new Date(now() - 3 * 3_600_000).toISOString() } : null,
  });

  /** main refuses an edit made against an older version of the file; `?save=file-changed` plays one. */
  const checkVersion = (version: string | null) => {
    if (refuseNextSave || version !== versionText()) {
      if (refuseNextSave) {
        refuseNextSave = false;
        fileVersion += 1;
      }
      throw new FakeError({
        code: 'file-changed',
        message: `${FAKE_JOBS_PATH} changed on disk since Delegate read it, so nothing was saved.`,
        action: 'Reload to read it again; what you typed stays in the form.',
      });
    }
  };
  const changedView = () => {
    fileVersion += 1;
    const view = jobsView();
    window.setTimeout(() => emit('jobs:changed', view), 0);
    return view;
  };

  const setSignIn = (next: SignInState) => {
    signIn = next;
    emit('auth:state', next);
  };
  const finishSignIn = (profileName: string) => {
    const profile = profileNamed(profileName);
    const fresh: ProfileHealth = { ...fakeHealth(profile, 'ok', now(), USERNAMES[profileName] ?? 'someone@contoso.com'), daysRemaining: 90, expiresAt: new Date(now() + 90 * 86_400_000).toISOString() };
    fresh.lastInteractiveAuth = new Date(now()).toISOString();
    fresh.lastSilentAuth = fresh.lastInteractiveAuth;
    fresh.lastProbe = { at: fresh.lastInteractiveAuth, outcome: 'ok' };
    fresh.reason = 'Signed in just now; the sign-in stays valid for 90 days even if nothing refreshes it.';
    healthByProfile.set(profileName, fresh);
    setSignIn({ profile: profileName, phase: 'signed-in' });
    emit('health:changed', fresh);
  };

  const handlers: Handlers = {
    'app:get-state': () => appState(),
    'app:set-profile': ({ profile }) => {
      profileNamed(profile);
      current = profile;
      return appState();
    },
    'auth:start-device-code': ({ profile }) => {
      const name = profile ?? current;
      window.clearTimeout(signInTimer);
      if (signInEnding === 'blocked') {
        return {
          profile: name,
          phase: 'failed',
          error: {
            code: 'blocked-by-policy',
            message: "Your organisation's Conditional Access policy does not allow signing in with a code on this device.",
            action: 'Sign in with a browser instead: Delegate opens the sign-in page and waits for it.',
            aadsts: 53003,
          },
        };
      }
      const expiresInMs = signInEnding === 'expire' ? 12_000 : 15 * 60_000;
      const state: SignInState = {
        profile: name,
        phase: 'device-code',
        deviceCode: {
          userCode: 'GQ7XPZ3LK',
          verificationUri: 'https://microsoft.com/devicelogin',
          expiresAt: new Date(now() + expiresInMs).toISOString(),
          // `slow`: the code has been pending for three minutes, as when Conditional Access blocks it in the browser.
          issuedAt: new Date(now() - (signInEnding === 'slow' ? 3 * 60_000 : 0)).toISOString(),
        },
      };
      signIn = state;
      if (signInEnding === 'complete') signInTimer = window.setTimeout(() => finishSignIn(name), 6000);
      if (signInEnding === 'decline') {
        signInTimer = window.setTimeout(
          () =>
            setSignIn({
              profile: name,
              phase: 'failed',
              error: { code: 'device-code-declined', message: 'The sign-in was declined on the Microsoft page.', action: 'Try again and choose Continue on the page, or cancel.' },
            }),
          5000,
        );
      }
      if (signInEnding === 'expire') {
        signInTimer = window.setTimeout(
          () =>
            setSignIn({
              profile: name,
              phase: 'failed',
              error: { code: 'device-code-expired', message: 'The code expired before anyone entered it.', action: 'Try again and enter the new code within 15 minutes.' },
            }),
          expiresInMs + 1500,
        );
      }
      return state;
    },
    'auth:start-browser': ({ profile }) => {
      const name = profile ?? current;
      window.clearTimeout(signInTimer);
      signIn = { profile: name, phase: 'browser' };
      signInTimer = window.setTimeout(() => finishSignIn(name), 5000);
      return signIn;
    },
    'auth:cancel': () => {
      window.clearTimeout(signInTimer);
      signIn = { profile: signIn.profile, phase: 'cancelled' };
      return signIn;
    },
    'auth:copy-code-and-open': () => ({ copied: signIn.phase === 'device-code' }),
    'auth:probe': async ({ profile }) => {
      const name = profile ?? current;
      await delay(900);
      const before = healthOf(name);
      if (before.status === 'expired' || before.status === 'blocked' || before.status === 'signed-out') {
        const after = { ...before, lastProbe: { ...(before.lastProbe ?? { outcome: 'sign-in-required' as const }), at: new Date(now()).toISOString() } };
        healthByProfile.set(name, after);
        emit('health:changed', after);
        return after;
      }
      const at = new Date(now()).toISOString();
      const after: ProfileHealth = {
        ...before,
        status: 'ok',
        daysRemaining: before.lifetimeDays,
        expiresAt: new Date(now() + before.lifetimeDays * 86_400_000).toISOString(),
        lastSilentAuth: at,
        lastProbe: { at, outcome: 'ok' },
        reason: `Refreshed just now; the sign-in stays valid for ${before.lifetimeDays} days even if nothing refreshes it.`,
      };
      healthByProfile.set(name, after);
      emit('health:changed', after);
      return after;
    },
    'auth:sign-out': ({ profile }) => {
      const name = profile ?? current;
      const after = fakeHealth(profileNamed(name), 'signed-out', now(), '');
      healthByProfile.set(name, after);
      emit('health:changed', after);
      return after;
    },
    'jobs:list': () => jobsView(),
    'jobs:run-now': ({ jobId }) => {
      const job = fakeJobs.find((candidate) => candidate.id === jobId);
      if (!job || jobsFile === 'broken-first') throw new FakeError({ code: 'invalid-input', message: `There is no valid job "${jobId}".`, action: 'Reload the Jobs view.' });
      if (running.has(jobId)) throw new FakeError({ code: 'already-running', message: 'This job is already running.', action: 'Wait for it to finish; History shows its progress.' });
      const started = makeRun(history.nextId(), job.id, job.kind, now(), 'running', 'manual', random);
      history.upsert(started);
      running.add(jobId);
      window.setTimeout(() => {
        const outcome = job.id === 'invoices' ? 'failed' : 'succeeded';
        const finished = makeRun(started.id, job.id, job.kind, Date.parse(started.startedAt), outcome, 'manual', random);
        finished.endedAt = new Date(now()).toISOString();
        history.upsert(finished);
        running.delete(jobId);
        emit('run:updated', finished);
        emit('jobs:changed', jobsView());
      }, 3500);
      window.setTimeout(() => {
        emit('run:updated', started);
        emit('jobs:changed', jobsView());
      }, 0);
      return started;
    },
    'jobs:set-enabled': ({ jobId, enabled: on }) => {
      if (!enabled.has(jobId)) throw new FakeError({ code: 'invalid-input', message: `There is no job "${jobId}" in ${FAKE_JOBS_PATH}.`, action: 'Reload the Jobs view.' });
      enabled.set(jobId, on);
      const source = sources.get(jobId);
      if (source) source.enabled = on;
      const view = jobsView();
      window.setTimeout(() => emit('jobs:changed', view), 0);
      return view;
    },
    'jobs:get-source': ({ jobId }) => {
      const source = sources.get(jobId);
      if (!source || jobsFile === 'broken') throw new FakeError({ code: 'invalid-input', message: `There is no job "${jobId}" in ${FAKE_JOBS_PATH}.`, action: 'Reload the Jobs view.' });
      return { jobId, version: versionText(), source: structuredClone(source) };
    },
    'jobs:save': ({ version, originalId, job }) => {
      checkVersion(version);
      // As main does: the shared schema decides, and an id is one job's.
      const parsed = jobSchema.safeParse(job);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new FakeError({ code: 'invalid-input', message: `The job is not valid: ${first ? `${first.path.join('.') || 'job'} ${first.message}` : 'unknown problem'}.`, action: 'Fix the fields marked, then save again.' });
      }
      const id = parsed.data.id;
      if (originalId !== undefined && !sources.has(originalId)) throw new FakeError({ code: 'invalid-input', message: `There is no job "${originalId}" in ${FAKE_JOBS_PATH} any more.`, action: 'Reload the Jobs view; save it as a new job if you want it back.' });
      const clash = [...sources.keys()].find((other) => other !== originalId && nameKey(other) === nameKey(id));
      if (clash) throw new FakeError({ code: 'invalid-input', message: `Another job already has the id "${clash}".`, action: 'Choose another id.' });
      const summary: FakeJob = {
        id,
        name: parsed.data.name ?? id,
        kind: parsed.data.action.kind,
        enabled: parsed.data.enabled,
        profile: parsed.data.profile ?? null,
        schedule: parsed.data.schedule,
        timezone: parsed.data.timezone ?? null,
        scheduleInWords: describeSchedule(parsed.data).replace(/ \(local time\)$/, ''),
        everyMinutes: 24 * 60,
        offsetMinutes: 9 * 60,
      };
      const at = originalId === undefined ? -1 : fakeJobs.findIndex((candidate) => candidate.id === originalId);
      if (at >= 0) fakeJobs.splice(at, 1, summary);
      else fakeJobs.push(summary);
      if (originalId !== undefined) sources.delete(originalId);
      sources.set(id, structuredClone(job));
      enabled.set(id, parsed.data.enabled);
      problems = problems.filter((problem) => problem.jobId !== originalId && problem.jobId !== id);
      return changedView();
    },
    'jobs:delete': ({ jobId, version }) => {
      checkVersion(version);
      if (!sources.has(jobId)) throw new FakeError({ code: 'invalid-input', message: `There is no job "${jobId}" in ${FAKE_JOBS_PATH}.`, action: 'Reload the Jobs view.' });
      sources.delete(jobId);
      const at = fakeJobs.findIndex((candidate) => candidate.id === jobId);
      if (at >= 0) fakeJobs.splice(at, 1);
      problems = problems.filter((problem) => problem.jobId !== jobId);
      return changedView();
    },
    'dialog:pick-path': ({ purpose }) => {
      if (params.get('pick') === 'cancel') return { paths: [] };
      const picked: Record<string, string[]> = {
        'open-file': ['/home/alex/reports/summary.html'],
        'open-files': ['/home/alex/reports/sales.xlsx', '/home/alex/reports/notes.pdf'],
        'save-file': ['/home/alex/data/answer.json'],
        folder: ['/home/alex/invoices'],
        program: ['/usr/bin/python3'],
        'ca-file': ['/home/alex/certs/corporate-root.pem'],
      };
      return { paths: picked[purpose] ?? [] };
    },
    'jobs:set-paused': ({ paused: next }) => {
      paused = next;
      window.setTimeout(() => emit('app:paused', { paused }), 0);
      return { paused };
    },
    'history:query': (query) => history.query(query),
    'history:get-run': ({ id }) => {
      const run = history.get(id);
      if (!run) throw new FakeError({ code: 'invalid-input', message: `There is no run ${id}: retention may have removed it.`, action: 'Pick another run.' });
      return run;
    },
    'settings:get': () => settingsView(),
    'settings:check-scopes': ({ scopes }): ScopeCheck => {
      const result = validateScopes(scopes);
      return { ok: result.ok, scopes: result.scopes, problems: result.problems.map(({ scope, severity, message, suggestion }) => ({ scope, severity, message, ...(suggestion ? { suggestion } : {}) })) };
    },
    'settings:save-profile': ({ name, create, changes }) => {
      const existing = profiles.find((profile) => profile.name === name);
      if (create && existing) throw new FakeError({ code: 'invalid-input', message: `A profile named "${name}" already exists.`, action: 'Choose another name, or edit that profile.' });
      if (!create && !existing) throw new FakeError({ code: 'unknown-profile', message: `There is no profile named "${name}".`, action: 'Reload Settings.' });
      if (changes.scopes) {
        const check = validateScopes(changes.scopes);
        const first = check.problems.find((problem) => problem.severity === 'error');
        if (first) throw new FakeError({ code: 'invalid-scope', message: first.message, action: 'Fix the scope, then save again.' });
      }
      if (changes.caFile && !changes.caFile.startsWith('/')) throw new FakeError({ code: 'invalid-input', message: `--ca-file: ${changes.caFile} does not exist`, action: 'Give the full path of the PEM file.' });
      const base: Profile = existing ?? { ...(fakeProfiles()[0] as Profile), name, id: crypto.randomUUID(), extraResources: [] };
      const next: Profile = { ...base, ...(changes as Partial<Profile>) };
      if (existing) profiles.splice(profiles.indexOf(existing), 1, next);
      else profiles.push(next);
      healthByProfile.set(name, fakeHealth(next, existing ? (healthByProfile.get(name)?.status ?? 'ok') : 'signed-out', now(), USERNAMES[name] ?? 'someone@contoso.com'));
      return settingsView();
    },
    'settings:remove-profile': ({ name }) => {
      if (name === defaultProfile) throw new FakeError({ code: 'invalid-input', message: 'The default profile cannot be removed.', action: 'Make another profile the default first.' });
      const index = profiles.findIndex((profile) => profile.name === name);
      if (index >= 0) profiles.splice(index, 1);
      healthByProfile.delete(name);
      if (current === name) current = defaultProfile;
      return settingsView();
    },
    'settings:set-default-profile': ({ name }) => {
      profileNamed(name);
      defaultProfile = name;
      return settingsView();
    },
    'settings:set-launch-at-login': ({ enabled: on }) => {
      launchAtLogin = on;
      return { launchAtLogin };
    },
    'settings:check-setup': async ({ profile }) => {
      // The real checks take a second or two (network, keychain): so does the fake.
      await delay(1_200);
      return fakeDoctorReport(profile ?? current, params.get('doctor') ?? 'ok', new Date(now()));
    },
    // The browser has no file manager to open: the fake answers as the app does once the folder opened.
    'settings:open-logs-folder': () => ({ path: FAKE_LOGS_FOLDER }),
    'settings:write-evidence': async ({ profile, all }) => {
      // The real app asks where to save in a native dialog first; ?evidence=cancel plays a cancelled one.
      await delay(400);
      if (params.get('evidence') === 'cancel') return { path: null, profiles: 0, jobs: 0 };
      const name = all ? 'all' : (profile ?? current);
      const jobs = fakeJobs.filter((job) => all || (job.profile ?? defaultProfile) === name).length;
      return { path: `/home/adele/Documents/delegate-evidence-${name}-${new Date(now()).toISOString().slice(0, 10)}.html`, profiles: all ? profiles.length : 1, jobs };
    },
  };

  const api: DelegateApi = {
    async request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResultOf<C>> {
      await delay(latency);
      if (failChannel === channel) {
        return { ok: false, error: { code: 'unexpected', message: `The fake API was told to fail ${channel}.`, action: 'Remove ?fail= from the address.' } };
      }
      try {
        const handler = handlers[channel] as (value: RequestInput<C>) => RequestResults[C] | Promise<RequestResults[C]>;
        return { ok: true, value: structuredClone(await handler(input)) };
      } catch (error) {
        if (error instanceof FakeError) return { ok: false, error: error.data };
        throw error;
      }
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
  };

  return { api, control: { emit, state: () => ({ profile: current, signIn }) } };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}
