/**
 * Overview: the countdown, what the profile is signed in as and with, and what the last contacts said.
 */
import { useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { AppState, View } from '../../shared/ipc/ipc-models.js';
import type { AppStateStore } from '../app/use-app-state.js';
import type { HistoryTarget } from '../app/navigation.js';
import { ViewHeader } from '../app/view-header.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Spinner } from '../components/spinner.js';
import { describeDaysLeft } from '../format/countdown.js';
import { formatDay, formatFull } from '../format/dates.js';
import { healthTitle, healthTone } from '../format/health-status.js';
import { useNow } from '../hooks/use-now.js';
import { useApi } from '../ipc/api-context.js';
import { AccountPanel } from './account-panel.js';
import { CountdownRing } from './countdown-ring.js';
import { JobsSummaryPanel } from './jobs-summary-panel.js';
import { PlaintextCacheWarning } from './plaintext-cache-warning.js';
import { DamagedFilesNotice } from './damaged-files-notice.js';
import { ProfileSwitcher } from './profile-switcher.js';
import { ScopesPanel } from './scopes-panel.js';

const CHECK_SIGNED_OUT_REASON = 'Check now asks Microsoft about a sign-in: sign in first, then there is one to check.';

interface OverviewViewProps {
  app: AppStateStore;
  state: AppState;
  focusTitle: boolean;
  onSignIn: () => void;
  onShowRun: (target: Omit<HistoryTarget, 'serial'>) => void;
  onNavigate: (view: View) => void;
}

export function OverviewView({ app, state, focusTitle, onSignIn, onShowRun, onNavigate }: OverviewViewProps) {
  const api = useApi();
  const now = useNow(60_000);
  const health = state.health;
  const tone = healthTone(health.status);
  const [checking, setChecking] = useState(false);
  const [checkMessage, setCheckMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ErrorData | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    setCheckMessage(null);
    setActionError(null);
    const result = await api.request('auth:probe', { profile: state.profile });
    setChecking(false);
    if (!result.ok) {
      setActionError(result.error);
      return;
    }
    app.setHealth(result.value);
    const days = describeDaysLeft(result.value.daysRemaining);
    setCheckMessage(`Checked just now: ${healthTitle(result.value.status).toLowerCase()}${days && result.value.status !== 'expired' ? `, ${days.toLowerCase()}` : ''}.`);
  };

  const signOut = async () => {
    setSigningOut(true);
    setActionError(null);
    const result = await api.request('auth:sign-out', { profile: state.profile });
    setSigningOut(false);
    if (result.ok) app.setHealth(result.value);
    else setActionError(result.error);
  };

  const needsSignIn = health.status === 'expired' || health.status === 'blocked' || health.status === 'signed-out';
  return (
    <div className="view">
      <ViewHeader title="Overview" focusOnMount={focusTitle}>
        <ProfileSwitcher profile={state.profile} profiles={state.profiles} onSwitch={app.switchProfile} />
      </ViewHeader>

      <section className={`hero tone-${tone}`} aria-labelledby="hero-title">
        <CountdownRing daysRemaining={health.status === 'signed-out' ? null : health.daysRemaining} lifetimeDays={health.lifetimeDays} tone={tone} />
        <div className="hero-text">
          <h2 id="hero-title" className="hero-title">
            <span className={`status-dot tone-${tone}`} aria-hidden="true" />
            {healthTitle(health.status)}
          </h2>
          <p className="hero-reason">{health.reason}</p>
          {health.expiresAt && !needsSignIn ? (
            <p className="hero-detail">
              If nothing refreshes it, the sign-in lasts until{' '}
              <time dateTime={health.expiresAt} title={formatFull(health.expiresAt)}>
                {formatDay(health.expiresAt)}
              </time>
              . Delegate refreshes it every day while it runs.
            </p>
          ) : null}
          <div className="button-row">
            {/* A locked keychain is not a sign-in problem: signing in again would not help (it could not be stored). */}
            {health.status === 'keychain-locked' ? null : (
              <button type="button" className={needsSignIn || health.status === 'warning' ? 'button button-primary' : 'button'} onClick={onSignIn}>
                {health.status === 'signed-out' ? 'Sign in…' : health.status === 'blocked' ? 'Sign in with a browser…' : 'Sign in again…'}
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => void checkNow()}
              aria-disabled={checking || undefined}
              disabled={health.status === 'signed-out'}
              title={health.status === 'signed-out' ? CHECK_SIGNED_OUT_REASON : undefined}
              aria-describedby={health.status === 'signed-out' ? 'check-now-reason' : undefined}
            >
              {checking ? (
                <>
                  <Spinner /> Checking…
                </>
              ) : (
                'Check now'
              )}
            </button>
          </div>
          {health.status === 'signed-out' ? (
            <p id="check-now-reason" className="hero-detail">
              {CHECK_SIGNED_OUT_REASON}
            </p>
          ) : null}
          <p className="hero-status" role="status">
            {checkMessage}
          </p>
        </div>
      </section>

      {/* The hero above already has the sign-in button. */}
      {actionError ? <ErrorNotice error={actionError} offerAppButton={false} /> : null}
      {health.cacheBackend === 'plaintext' ? <PlaintextCacheWarning onOpenSettings={() => onNavigate('settings')} /> : null}
      <DamagedFilesNotice files={state.damagedFiles ?? []} />

      <div className="overview-columns">
        <AccountPanel
          health={health}
          now={now}
          actions={
            health.account ? (
              <ConfirmButton label="Sign out…" confirmLabel="Sign out" question="Remove this account and its tokens?" onConfirm={() => void signOut()} disabled={signingOut} />
            ) : null
          }
        />
        <div className="overview-side">
          <JobsSummaryPanel paused={state.paused} now={now} onShowRun={onShowRun} onOpenJobs={() => onNavigate('jobs')} />
          <ScopesPanel health={health} />
        </div>
      </div>
      <p className="footnote">Delegate {state.version}</p>
    </div>
  );
}
