/**
 * The composition root of the desktop app: Electron's lifecycle on one side, Delegate's core on the other.
 *
 * Everything Delegate knows lives in electron/core and is wired here: the job engine (through the scheduler
 * slot, which handles "another scheduler already runs for this home"), the app service behind the typed IPC,
 * the tray model, the notification policy. The handlers below are one-line delegations.
 *
 * Decisions worth knowing:
 * - One app per home: Electron's userData *is* the Delegate home, so the single-instance lock is per home and a
 *   second launch only brings the window forward.
 * - `delegate daemon` already running: the app opens as an observer (scheduler-slot.ts) and says so once, in a
 *   notification rather than a modal dialog (the app often starts unattended at login); it takes over the
 *   schedule when the daemon stops.
 * - Quit: the window and tray go at once; running jobs get QUIT_GRACE_MS to finish, then are stopped and recorded
 *   `interrupted` (the daemon's SIGTERM behaviour, with a shorter grace since a person is waiting).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Menu, app, clipboard, dialog, powerMonitor, session, shell } from 'electron';
import { AppService, type AppPlatform } from '../core/app/app-service.js';
import { trayModel } from '../core/app/tray-model.js';
import { createGraphClient } from '../core/graph/graph-factory.js';
import { createIpcHandlers } from '../core/ipc/ipc-handlers.js';
import { createIpcRouter } from '../core/ipc/ipc-router.js';
import { NotificationPolicy } from '../core/notifications/notification-policy.js';
import { fileNotificationStore } from '../core/notifications/notification-state.js';
import { systemClock } from '../core/clock.js';
import { SignInKeeper } from '../core/keeper/sign-in-keeper.js';
import { configuredChannels } from '../core/keeper/configured-channels.js';
import type { NoticeChannel } from '../core/keeper/notice-channel.js';
import { ensurePrivateDir } from '../core/home/delegate-home.js';
import { checkDelegateHome } from '../core/home/home-check.js';
import { withOsWords } from '../core/errors/os-error.js';
import { appHome, chromiumDataDir } from './app-home.js';
import { installChromiumTransport } from './chromium-network.js';
import { checkExternalUrl } from './external-url.js';
import { registerIpc, type IpcMainBridge } from './ipc-main.js';
import { HIDDEN_ARG, launchAtLogin } from './launch-at-login.js';
import { appRunningFiles, evidenceFileChooser } from './evidence-dialog.js';
import { pathPicker } from './path-dialog.js';
import { MainWindow, hardenContents, hardenSession } from './main-window.js';
import { createNotifier } from './notifications.js';
import { isAppUrl, rendererLocation } from './renderer-location.js';
import { SchedulerSlot, type SchedulerSlotOptions } from './scheduler-slot.js';
import { DelegateTray, type TrayHandlers } from './tray.js';
import type { JobEngine } from '../core/jobs/job-engine.js';
import type { JobNotifySetting } from '../core/notifications/run-notices.js';
import { clip, type DesktopNotification } from '../core/notifications/desktop-notification.js';
import { onDamagedFile, type DamagedFile } from '../core/fs/damaged-file.js';
import { onceAFileADay } from '../core/app/damaged-announcements.js';
import type { EventPayloads } from '../../shared/ipc/ipc-contract.js';
import { commandLineToolPlan, installCommandLineTool } from '../core/launcher/command-line-tool.js';
import { DelegateError, isDelegateError } from '../core/errors/delegate-error.js';
import { openLogFile, type LogFile } from '../core/logging/log-file.js';
import { logRuns } from '../core/logging/run-log.js';
import { onLockRecovered } from '../core/fs/lock-recovery.js';

export const APP_USER_MODEL_ID = 'com.delegate.app';
/** How long running jobs may finish when the person quits (the daemon's SIGTERM default is 30 s). */
export const QUIT_GRACE_MS = 10_000;
/** When the OS is shutting down there is less time. */
export const SHUTDOWN_GRACE_MS = 3_000;
/** After a wake or unlock the network needs a moment before the probe can reach Entra ID. */
export const WAKE_PROBE_DELAY_MS = 10_000;
/** Health changes with the date even when nothing happens: the tray and the expiry warnings are re-checked this often. */
export const HEALTH_RECHECK_MS = 30 * 60_000;

export interface DelegateAppOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  argv?: readonly string[];
  /** The folder of the bundle (dist/shell): the preload, tray icons and the renderer are found from it. */
  bundleDir?: string;
  openSlot?: (options: SchedulerSlotOptions) => Promise<SchedulerSlot>;
  createService?: (options: ConstructorParameters<typeof AppService>[0]) => AppService;
  log?: (line: string) => void;
  /** The person's home folder (~/.local/bin for the AppImage's command line tool). */
  homeDir?: string;
}

export interface DelegateApp {
  home: string;
  slot: SchedulerSlot;
  service: AppService;
  window: MainWindow;
  tray: DelegateTray;
  /** Stops everything (called by Quit); resolves when the engine has stopped. */
  shutdown(graceMs?: number): Promise<void>;
  refresh(): void;
}

/** Starts the app; resolves with null when another instance already runs for this home (it is focused instead). */
export async function startDelegateApp(options: DelegateAppOptions = {}): Promise<DelegateApp | null> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const argv = options.argv ?? process.argv;
  const bundleDir = options.bundleDir ?? __dirname;
  const print = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  // Every line also goes to <home>/logs/app.log once the home is known (`delegate logs`, Settings' log folder).
  let appLog: LogFile | null = null;
  const log = (line: string) => {
    print(line);
    appLog?.info(line);
  };

  app.setName('Delegate');
  const home = appHome(env, app.getPath('appData'));
  try {
    checkDelegateHome(home, env);
    ensurePrivateDir(home);
  } catch (error) {
    const words = withOsWords(error) as { message: string; action?: string };
    dialog.showErrorBox('Delegate cannot start', `${words.message}\n\n${words.action ?? ''}`);
    app.exit(2);
    return null;
  }
  app.setPath('userData', home);
  appLog = openLogFile(home, 'app');
  const logFile = appLog;
  logFile.info(`app ${app.getVersion()} starting for ${home} (process ${process.pid})`, { event: 'app-started' });
  const stopLockWatch = onLockRecovered((recovery) => logFile.warn(`stale lock taken over: ${recovery.path} (${recovery.reason})`, { event: 'lock-recovered', lock: recovery.path }));
  app.setPath('sessionData', chromiumDataDir(home));
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    log('another Delegate window is already open for this home; it was brought forward');
    app.quit();
    return null;
  }
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  // A tray app keeps running with its window hidden.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  // macOS needs an Edit menu for copy and paste in the window; elsewhere the packaged app has no menu bar (and so
  // no reload or developer-tools shortcuts), while `npm start` keeps Electron's default one for development.
  if (platform === 'darwin') Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
  else if (app.isPackaged) Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);
  // Before anything can send a request: msal's and Graph's go through Chromium (system proxy, PAC, NTLM/Kerberos).
  installChromiumTransport();

  // Damaged state files found from here on (the history when the slot opens, notifications.json, …) are kept
  // aside by the core; they are announced once, as soon as notifications can be shown.
  const damaged: DamagedFile[] = [];
  let announceDamaged: (report: DamagedFile) => void = (report) => void damaged.push(report);
  const stopDamagedWatch = onDamagedFile((report) => {
    logFile.warn(`damaged file kept aside: ${report.message}`, { event: 'damaged-file', file: report.file, keptAs: report.keptAs });
    announceDamaged(report);
  });
  let slot: SchedulerSlot;
  try {
    slot = await (options.openSlot ?? ((slotOptions) => SchedulerSlot.open(slotOptions)))({ home, createGraph: createGraphClient, log });
  } catch (error) {
    logFile.error(`app could not start: ${(error as Error).message}`, { event: 'app-start-failed' });
    dialog.showErrorBox('Delegate cannot start', `${(error as Error).message}\n\nDelegate's home: ${home}`);
    app.exit(1);
    return null;
  }

  const platformEffects: AppPlatform = {
    openExternal: async (url) => {
      await shell.openExternal(checkExternalUrl(url).href);
    },
    copyText: (text) => clipboard.writeText(text),
    openFolder: async (path) => {
      // shell.openPath answers with an error string ('' when the folder opened) instead of rejecting.
      const problem = await shell.openPath(path);
      if (problem) throw new DelegateError({ code: 'file-access', message: `The folder ${path} could not be opened: ${problem}.`, action: 'Open it in your file manager yourself; the path is shown in Settings.' });
    },
    launchAtLogin: launchAtLogin({ platform, app, executable: env.APPIMAGE ?? process.execPath, appArgs: app.isPackaged ? [] : [app.getAppPath()], env }),
    // `window` is created below; the dialog is only ever opened from it, long after.
    chooseEvidenceFile: evidenceFileChooser({ dialog, parent: () => window.window, documentsDir: () => app.getPath('documents') }),
    // The job editor's and Settings' file fields: the window names a purpose, the path comes from the OS dialog.
    pickPaths: pathPicker({ dialog, parent: () => window.window, platform }),
    runningFiles: () => appRunningFiles({ execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath(), bundleDir }),
  };
  const serviceOptions = { home, version: app.getVersion(), engine: slot as unknown as JobEngine, platform: platformEffects, log: logFile };
  // The slot offers exactly the engine surface the service uses (EngineSurface); the service's option is typed
  // with the JobEngine class, whose private fields no other object can have, hence the cast.
  const service = options.createService ? options.createService(serviceOptions) : new AppService(serviceOptions);

  const location = rendererLocation(bundleDir, { isPackaged: app.isPackaged, devServerUrl: env.DELEGATE_DEV_SERVER_URL });
  // Started at login, Delegate stays in the tray: Windows and Linux pass --hidden; macOS login items take no arguments.
  const startedHidden = argv.includes(HIDDEN_ARG) || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true);
  const window = new MainWindow({
    location,
    preloadPath: join(bundleDir, 'preload.cjs'),
    ...(platform === 'darwin' ? {} : { iconPath: join(bundleDir, 'icon.png') }),
    devTools: !app.isPackaged,
    showOnReady: !startedHidden,
  });

  const router = createIpcRouter(createIpcHandlers(service), {
    isTrustedSender: (sender) => sender.isMainFrame && isAppUrl(sender.url, location),
    onRefused: (channel, reason) => log(`ipc: refused ${channel}: ${reason}`),
  });
  const bridge: IpcMainBridge = registerIpc({ router, events: service.events, target: window });

  const openAt = (target: EventPayloads['app:navigate'], profile?: string) => {
    if (profile) {
      try {
        service.setProfile(profile);
      } catch (error) {
        log(`could not switch to profile ${profile}: ${(error as Error).message}`);
      }
    }
    window.show();
    bridge.navigate(target);
  };
  const showNotification = createNotifier({ onClick: (notification: DesktopNotification) => openAt(notification.target, notification.profile), iconPath: join(bundleDir, 'icon.png') });
  const notify = (notification: DesktopNotification) => {
    logFile.info(`notification: ${notification.title}`, { event: 'notification', id: notification.id, kind: notification.kind, profile: notification.profile });
    showNotification(notification);
  };
  const policy = new NotificationPolicy({ store: fileNotificationStore(home), deliver: notify });
  // Expiry notices go through the sign-in keeper, shared with `delegate daemon`: each channel once per home.
  const desktopChannel: NoticeChannel = {
    name: 'desktop',
    needsGraph: false,
    available: () => Promise.resolve(true),
    send: (notification) => {
      notify(notification);
      return Promise.resolve('sent');
    },
  };
  const keeper = new SignInKeeper({
    home,
    clock: systemClock,
    who: `app ${process.pid}`,
    log,
    healths: () => service.allHealth(),
    probe: (profile) => service.probe(profile),
    channels: () => {
      try {
        return configuredChannels(home, systemClock, desktopChannel);
      } catch {
        return [desktopChannel]; // a broken config.json shows its error in the window
      }
    },
    schedule: { startDelayMs: WAKE_PROBE_DELAY_MS, wakeDelayMs: WAKE_PROBE_DELAY_MS },
  });
  announceDamaged = onceAFileADay((report) =>
    notify({ id: `damaged:${report.keptAs}`, kind: 'info', title: 'Delegate: a damaged file was kept aside', body: clip(report.message), target: { view: 'overview' } }),
  );
  for (const report of damaged.splice(0)) announceDamaged(report);

  const handlers: TrayHandlers = {
    signIn: (profile) => openAt({ view: 'reauth' }, profile ?? undefined),
    runNow: (jobId) => void service.runNow(jobId).catch((error: Error) => log(`run now ${jobId}: ${error.message}`)),
    setPaused: (paused) => {
      try {
        service.setPaused(paused);
      } catch (error) {
        log(`pause: ${(error as Error).message}`);
      }
    },
    open: () => window.show(),
    installCommandLineTool: () => void offerCommandLineTool(),
    quit: () => app.quit(),
  };
  // `delegate` on PATH where no installer puts it (macOS, the AppImage): a tray action (core/launcher).
  const toolPlan = commandLineToolPlan({ platform, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath ?? '', env, homeDir: options.homeDir ?? homedir() });
  const offerCommandLineTool = async () => {
    if (!toolPlan) return;
    try {
      const result = installCommandLineTool(toolPlan, env);
      log(`command line tool installed at ${result.path}`);
      await dialog.showMessageBox({ type: 'info', message: 'The delegate command is installed', detail: result.message });
    } catch (error) {
      const words = isDelegateError(error) ? error : { message: (error as Error).message, action: 'Try again.', detail: undefined };
      log(`command line tool: ${words.message}`);
      const buttons = words.detail ? ['Copy command', 'Close'] : ['Close'];
      const answer = await dialog.showMessageBox({ type: 'error', message: words.message, detail: `What to do: ${words.action}`, buttons, defaultId: 0 });
      if (words.detail && answer.response === 0) clipboard.writeText(words.detail);
    }
  };
  const tray = new DelegateTray(join(bundleDir, 'tray'), handlers, platform);

  const refresh = () => {
    try {
      const profiles = service.allHealth();
      const mode = slot.mode;
      const view = service.jobs();
      tray.update(
        trayModel({ profiles, jobs: view.jobs, jobsFileBroken: view.fileError !== null, paused: slot.isPaused(), scheduleElsewhere: mode.kind === 'observer' ? 'another Delegate process' : null, commandLineTool: toolPlan !== null, now: new Date() }),
      );
      void keeper.notify(profiles).catch((error: Error) => log(`expiry notices: ${error.message}`));
    } catch (error) {
      log(`tray: could not refresh (${(error as Error).message})`);
    }
  };
  let refreshTimer: NodeJS.Timeout | null = null;
  const refreshSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      refresh();
    }, 250);
  };
  const unsubscribers = [
    service.events.onAny((channel) => {
      if (channel !== 'auth:state' && channel !== 'app:navigate') refreshSoon();
    }),
    slot.events.on((event) => {
      if (event.type === 'run-finished') policy.runFinished(event.run, jobSetting(slot, event.run.jobId));
    }),
    slot.onModeChange(() => refreshSoon()),
    // Watching another process's schedule, the app logs only the runs it starts itself (manual ones): the
    // scheduler's own log has the rest.
    logRuns(slot.events, logFile, (run) => slot.mode.kind === 'scheduler' || run.trigger === 'manual'),
    stopLockWatch,
  ];
  const recheck = setInterval(refresh, HEALTH_RECHECK_MS);
  refresh();

  if (slot.mode.kind === 'observer') {
    notify({
      id: 'scheduler-elsewhere',
      kind: 'info',
      title: 'Delegate: the schedule runs in another process',
      body: `${slot.mode.reason} The app shows its runs and lets you sign in; it takes the schedule over when that process stops.`,
      target: { view: 'overview' },
    });
  }

  // Errors are truth: the keeper probes every signed-in profile soon after start, daily and after every wake.
  const onWake = () => {
    slot.wake();
    keeper.wake();
    refreshSoon();
  };
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
  keeper.start();

  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());

  let stopping: Promise<void> | null = null;
  const shutdown = (graceMs = QUIT_GRACE_MS): Promise<void> => {
    stopping ??= (async () => {
      log('quitting: nothing new starts; running jobs get a moment to finish');
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      stopDamagedWatch();
      clearInterval(recheck);
      if (refreshTimer) clearTimeout(refreshTimer);
      void keeper.stop();
      powerMonitor.removeListener('resume', onWake);
      powerMonitor.removeListener('unlock-screen', onWake);
      tray.destroy();
      window.window.hide();
      policy.dispose();
      service.dispose();
      bridge.dispose();
      try {
        await slot.stop(graceMs);
      } catch (error) {
        log(`quitting: the job engine did not stop cleanly (${(error as Error).message})`);
      }
      window.destroy();
      logFile.info('app stopped', { event: 'app-stopped' });
      logFile.close();
    })();
    return stopping;
  };
  let stopped = false;
  let grace = QUIT_GRACE_MS;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void shutdown(grace).then(() => {
      stopped = true;
      app.quit();
    });
  });
  // Electron passes an event whose preventDefault delays the OS shutdown (its typings omit the parameter):
  // just long enough to record the runs the shutdown cuts off.
  powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    grace = SHUTDOWN_GRACE_MS;
    app.quit();
  });

  return { home, slot, service, window, tray, shutdown, refresh };
}

function jobSetting(slot: SchedulerSlot, jobId: string): JobNotifySetting | undefined {
  const job = slot.jobs().jobs.find((candidate) => candidate.id === jobId);
  return job ? { name: job.name ?? job.id, notify: job.notify, tries: 1 + job.retries.attempts } : undefined;
}
