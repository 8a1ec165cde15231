/**
 * The window: sidebar, the current view, and the re-auth dialog over them.
 */
import { useCallback, useMemo, useState } from 'react';
import type { View } from '../../shared/ipc/ipc-models.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Spinner } from '../components/spinner.js';
import { HistoryView } from '../history/history-view.js';
import { useEvent } from '../ipc/use-event.js';
import { JobsView } from '../jobs/jobs-view.js';
import { OverviewView } from '../overview/overview-view.js';
import { ReauthDialog } from '../reauth/reauth-dialog.js';
import { SettingsView } from '../settings/settings-view.js';
import { AppActionsContext, type AppActions } from './app-actions.js';
import type { HistoryTarget } from './navigation.js';
import { Sidebar } from './sidebar.js';
import { useAppState } from './use-app-state.js';

export function App() {
  const app = useAppState();
  const [view, setView] = useState<View>('overview');
  // Focus moves to a view's title only when the person went there, not on first paint.
  const [focusView, setFocusView] = useState(false);
  const [historyTarget, setHistoryTarget] = useState<HistoryTarget | null>(null);
  const [reauthOpen, setReauthOpen] = useState(false);

  const navigate = useCallback((target: View) => {
    setView(target);
    setFocusView(true);
  }, []);

  const showRun = useCallback((target: Omit<HistoryTarget, 'serial'>) => {
    setHistoryTarget((previous) => ({ ...target, serial: (previous?.serial ?? 0) + 1 }));
    setView('history');
    setFocusView(true);
  }, []);

  const currentProfile = app.state?.profile;
  const knownProfiles = app.state?.profiles;
  const switchProfile = app.switchProfile;
  const actions = useMemo<AppActions>(
    () => ({
      signIn: (profile) => {
        // Advice about another profile (a job's) signs in that one: the dialog signs in the profile shown.
        if (profile && profile !== currentProfile && knownProfiles?.some((known) => known.name === profile)) {
          void switchProfile(profile).then((error) => {
            if (!error) setReauthOpen(true);
          });
          return;
        }
        setReauthOpen(true);
      },
      openSettings: () => navigate('settings'),
    }),
    [currentProfile, knownProfiles, switchProfile, navigate],
  );

  useEvent('app:navigate', (request) => {
    if (request.view === 'reauth') {
      setReauthOpen(true);
      return;
    }
    if (request.view === 'history') {
      showRun({ runId: request.runId, jobId: request.jobId, status: request.status });
      return;
    }
    navigate(request.view);
  });

  // A sign-in started elsewhere (the tray's "Sign in again…") opens the dialog to show its code.
  const signInPhase = app.state?.signIn.phase;
  const [seenPhase, setSeenPhase] = useState(signInPhase);
  if (signInPhase !== seenPhase) {
    setSeenPhase(signInPhase);
    if (signInPhase === 'device-code' || signInPhase === 'browser') setReauthOpen(true);
  }

  return (
    <AppActionsContext.Provider value={actions}>
      <div className="app">
        <Sidebar view={view} onNavigate={navigate} state={app.state} />
        <main className="content">
          {app.state ? (
            <CurrentView
              view={view}
              app={app}
              focusView={focusView}
              historyTarget={historyTarget}
              onSignIn={() => setReauthOpen(true)}
              onShowRun={showRun}
              onNavigate={navigate}
            />
          ) : app.error ? (
            <div className="view">
              <ErrorNotice error={app.error} title="Delegate could not load its status">
                <button type="button" className="button" onClick={app.reload}>
                  Try again
                </button>
              </ErrorNotice>
            </div>
          ) : (
            <div className="view view-loading" role="status">
              <Spinner /> Loading…
            </div>
          )}
        </main>
        {app.state ? (
          <ReauthDialog
            open={reauthOpen}
            profile={app.state.profile}
            signIn={app.state.signIn}
            onSignInState={app.setSignIn}
            onClose={() => setReauthOpen(false)}
            onSignedIn={app.reload}
            startWith={app.state.health.status === 'blocked' ? 'browser' : 'device-code'}
          />
        ) : null}
      </div>
    </AppActionsContext.Provider>
  );
}

interface CurrentViewProps {
  view: View;
  app: ReturnType<typeof useAppState>;
  focusView: boolean;
  historyTarget: HistoryTarget | null;
  onSignIn: () => void;
  onShowRun: (target: Omit<HistoryTarget, 'serial'>) => void;
  onNavigate: (view: View) => void;
}

function CurrentView({ view, app, focusView, historyTarget, onSignIn, onShowRun, onNavigate }: CurrentViewProps) {
  const state = app.state;
  if (!state) return null;
  switch (view) {
    case 'overview':
      return <OverviewView key="overview" app={app} state={state} focusTitle={focusView} onSignIn={onSignIn} onShowRun={onShowRun} onNavigate={onNavigate} />;
    case 'jobs':
      return <JobsView key="jobs" paused={state.paused} onPausedChange={app.setPaused} focusTitle={focusView} onShowRun={onShowRun} />;
    case 'history':
      return <HistoryView key="history" focusTitle={focusView} target={historyTarget} />;
    case 'settings':
      return <SettingsView key="settings" state={state} focusTitle={focusView} onAppChanged={app.reload} onLaunchAtLoginChange={app.setLaunchAtLogin} />;
  }
}
