/**
 * The re-auth dialog: a device code sign-in in as few steps as possible. One button copies the code and opens
 * Microsoft's page (main does both; the window never opens URLs), the code's time runs down, and a browser
 * sign-in is offered where Conditional Access blocks device codes: beside the code once it has been pending for about
 * two minutes (Entra shows the block only in the browser, Error 53003), and as the first screen when the profile is
 * blocked by policy (AADSTS530036: another device code sign-in would be refused the same way).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import type { IpcResult, SignInState } from '../../shared/ipc/ipc-models.js';
import { ErrorNotice } from '../components/error-notice.js';
import { CheckIcon, CopyIcon } from '../components/icons.js';
import { ModalDialog } from '../components/modal-dialog.js';
import { Spinner } from '../components/spinner.js';
import { describeCodeTimeLeft, formatCodeTimeLeft } from '../format/countdown.js';
import { useNow } from '../hooks/use-now.js';
import { useApi } from '../ipc/api-context.js';
import { signInStage, spellOut } from './sign-in-stage.js';

/** Long enough to read "Signed in", short enough not to be in the way. */
const CLOSE_AFTER_SUCCESS_MS = 2000;

interface ReauthDialogProps {
  open: boolean;
  profile: string;
  signIn: SignInState;
  onSignInState: (state: SignInState) => void;
  onClose: () => void;
  /** After a successful sign-in: reload what depends on it. */
  onSignedIn: () => void;
  /** The flow to start on opening: `browser` when the profile's device code session is blocked by policy. */
  startWith?: 'device-code' | 'browser';
}

export function ReauthDialog({ open, profile, signIn, onSignInState, onClose, onSignedIn, startWith = 'device-code' }: ReauthDialogProps) {
  const api = useApi();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ErrorData | null>(null);
  const [copy, setCopy] = useState<'idle' | 'busy' | 'copied' | 'failed'>('idle');
  const [wasOpen, setWasOpen] = useState(false);
  // The profile this sign-in is for: the window's, or the one a sign-in already under way belongs to.
  const [target, setTarget] = useState(profile);
  // Sign in without the scopes Microsoft refuses to this client ID (AADSTS65002), as the person chooses.
  const [dropUnapproved, setDropUnapproved] = useState(false);
  const contentRef = useRef<HTMLDivElement>(null);
  const [offeredFor, setOfferedFor] = useState<string | null>(null);

  const finishStart = useCallback(
    (result: IpcResult<SignInState>) => {
      setStarting(false);
      if (result.ok) onSignInState(result.value);
      else setStartError(result.error);
    },
    [onSignInState],
  );

  const start = (flow: 'device-code' | 'browser') => {
    setStarting(true);
    setStartError(null);
    setCopy('idle');
    void api.request(flow === 'device-code' ? 'auth:start-device-code' : 'auth:start-browser', { profile: target, ...(dropUnapproved ? { dropUnapprovedScopes: true } : {}) }).then(finishStart);
  };

  // Opening: follow a sign-in already under way (the tray may have started it, for any profile), else start one.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      const underWay = signIn.phase === 'device-code' || signIn.phase === 'browser';
      setTarget(underWay ? signIn.profile : profile);
      setCopy('idle');
      setStartError(null);
      setStarting(!underWay);
    }
  }
  useEffect(() => {
    if (!open || !starting) return;
    void api.request(startWith === 'browser' ? 'auth:start-browser' : 'auth:start-device-code', { profile: target }).then(finishStart);
    // Only on opening (the render above has shown "starting"); later starts come from the buttons.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const now = useNow(1000, open && signIn.phase === 'device-code');
  const stage = signInStage({ signIn, starting, startError, now: now.getTime() });

  useEffect(() => {
    if (!open || stage.kind !== 'signed-in') return undefined;
    const timer = window.setTimeout(() => {
      onSignedIn();
      onClose();
    }, CLOSE_AFTER_SUCCESS_MS);
    return () => window.clearTimeout(timer);
  }, [open, stage.kind, onSignedIn, onClose]);

  // A new screen (the code, an error, success): focus its main control, as the old one may be gone.
  useEffect(() => {
    if (!open) return;
    const content = contentRef.current;
    const target = content?.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)');
    if (target) target.focus();
    else if (content && !content.contains(document.activeElement)) content.querySelector<HTMLElement>('button')?.focus();
  }, [open, stage.kind]);

  const cancel = async () => {
    if (stage.kind === 'device-code' || stage.kind === 'browser' || stage.kind === 'starting') {
      const result = await api.request('auth:cancel', {});
      if (result.ok) onSignInState(result.value);
    }
    onClose();
  };

  // Not disabled while busy: a disabled button would drop the keyboard focus.
  const copyAndOpen = async () => {
    if (copy === 'busy') return;
    setCopy('busy');
    const result = await api.request('auth:copy-code-and-open', {});
    setCopy(result.ok && result.value.copied ? 'copied' : 'failed');
  };

  const blocked = stage.kind === 'failed' && stage.error.code === 'blocked-by-policy';
  const refusedScopes = stage.kind === 'failed' && stage.error.code === 'scope-not-preauthorized';
  // Ticked for the person when Microsoft refused scopes; offered after any ending, since real Entra shows its
  // AADSTS65002 on the device-code page while the code just runs out here.
  if (refusedScopes && offeredFor !== stage.error.message) {
    setOfferedFor(stage.error.message);
    setDropUnapproved(true);
  }
  return (
    <ModalDialog open={open} onCancel={() => void cancel()} labelledBy="reauth-title" describedBy="reauth-description" className="reauth">
      <div ref={contentRef} className="reauth-content">
        <h2 id="reauth-title" className="reauth-title">
          Sign in to Microsoft 365
        </h2>
        <p className="reauth-profile">Profile {target}</p>

        {stage.kind === 'starting' ? (
          <p id="reauth-description" className="reauth-waiting" role="status">
            <Spinner /> Asking Microsoft for a sign-in code…
          </p>
        ) : null}

        {stage.kind === 'device-code' ? (
          <>
            <p id="reauth-description" className="reauth-lead">
              Enter this code on Microsoft's sign-in page, then choose your work account.
            </p>
            <p className="user-code" aria-label={`Code: ${spellOut(stage.userCode)}`}>
              {stage.userCode}
            </p>
            <button type="button" className="button button-primary button-large" data-autofocus onClick={() => void copyAndOpen()}>
              <CopyIcon />
              Copy code and open sign-in page
            </button>
            <p className="reauth-copy-status" role="status">
              {copy === 'copied' ? 'Code copied. Paste it on the page that just opened.' : copy === 'failed' ? 'The code could not be copied: type it on the page instead.' : ''}
            </p>
            <p className="reauth-uri">
              The page is <span className="mono selectable">{stage.verificationUri}</span>
            </p>
            <div className="reauth-timer">
              <span className="reauth-waiting">
                <Spinner /> Waiting for you to finish…
              </span>
              <span aria-hidden="true" className="reauth-time-left">
                Code expires in <span className="mono">{formatCodeTimeLeft(Date.parse(stage.expiresAt) - now.getTime())}</span>
              </span>
              <span className="visually-hidden" role="timer" aria-live="polite">
                {describeCodeTimeLeft(Date.parse(stage.expiresAt) - now.getTime())}
              </span>
            </div>
            {stage.offerBrowser ? (
              <div className="reauth-offer-browser" role="note">
                <p>
                  Still waiting? If Microsoft's page said <q>You don't have access to this</q> (Error 53003), your organisation blocks
                  sign-in with a code here: use your browser.
                </p>
                <button type="button" className="button button-primary" onClick={() => start('browser')}>
                  Sign in with a browser instead
                </button>
              </div>
            ) : null}
          </>
        ) : null}

        {stage.kind === 'browser' ? (
          <p id="reauth-description" className="reauth-waiting reauth-browser" role="status">
            <Spinner /> Finish signing in in your web browser. Delegate is waiting for it.
          </p>
        ) : null}

        {stage.kind === 'signed-in' ? (
          <div id="reauth-description" className="reauth-success" role="status">
            <CheckIcon className="success-icon" />
            <p className="reauth-success-title">Signed in</p>
            <p className="muted">The countdown starts again from today. Closing in a moment…</p>
          </div>
        ) : null}

        {stage.kind === 'code-expired' ? (
          <div id="reauth-description">
            <ErrorNotice
              tone="warning"
              offerAppButton={false}
              error={{
                code: 'device-code-expired',
                message: "The code expired without being used. If Microsoft's page said “You don't have access to this” (Error 53003), your organisation blocks sign-in with a code: sign in with a browser.",
                action: 'Otherwise get a new code and enter it within the time shown.',
              }}
            />
          </div>
        ) : null}

        {stage.kind === 'failed' ? (
          <div id="reauth-description">
            <ErrorNotice error={stage.error} offerAppButton={false} title={blocked ? 'Your organisation blocks sign-in with a code here' : 'The sign-in did not work'} />
          </div>
        ) : null}

        {stage.kind === 'cancelled' ? (
          <p id="reauth-description" className="reauth-lead">
            The sign-in was cancelled. Nothing changed.
          </p>
        ) : null}

        {stage.kind === 'failed' || stage.kind === 'code-expired' || stage.kind === 'cancelled' ? (
          <label className="reauth-drop-scopes">
            <input type="checkbox" checked={dropUnapproved} onChange={(event) => setDropUnapproved(event.target.checked)} />
            <span>
              Sign in without the permissions Microsoft does not allow for this app
              <span className="muted"> (AADSTS65002). Delegate names them; jobs that need them are flagged and skipped.</span>
            </span>
          </label>
        ) : null}

        <div className="reauth-footer">
          {stage.kind === 'failed' || stage.kind === 'code-expired' || stage.kind === 'cancelled' ? (
            <div className="button-row">
              {blocked ? (
                <>
                  <button type="button" className="button button-primary" data-autofocus onClick={() => start('browser')}>
                    Sign in with a browser
                  </button>
                  <button type="button" className="button" onClick={() => start('device-code')}>
                    Try the code again
                  </button>
                </>
              ) : (
                <>
                  <button type="button" className="button button-primary" data-autofocus onClick={() => start('device-code')}>
                    Try again
                  </button>
                  <button type="button" className="button button-quiet" onClick={() => start('browser')}>
                    Sign in with a browser instead
                  </button>
                </>
              )}
            </div>
          ) : stage.kind === 'device-code' && !stage.offerBrowser ? (
            <button type="button" className="button button-quiet" onClick={() => start('browser')}>
              Sign in with a browser instead
            </button>
          ) : (
            <span />
          )}
          {stage.kind !== 'signed-in' ? (
            <button type="button" className="button" onClick={() => void cancel()}>
              {stage.kind === 'device-code' || stage.kind === 'browser' || stage.kind === 'starting' ? 'Cancel' : 'Close'}
            </button>
          ) : null}
        </div>
      </div>
    </ModalDialog>
  );
}
