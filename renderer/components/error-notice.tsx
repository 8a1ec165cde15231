/**
 * An error as the person should read it: what happened, what to do, and the codes support asks for.
 * Never a stack.
 */
import type { ReactNode } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import { useAppActions } from '../app/app-actions.js';
import { appAction } from '../format/app-action.js';
import { ErrorIcon, WarningIcon } from './icons.js';

interface ErrorNoticeProps {
  error: Pick<ErrorData, 'message' | 'action' | 'aadsts' | 'detail'> & { code: string };
  /** Buttons to offer (Try again, Sign in again…). */
  children?: ReactNode;
  tone?: 'danger' | 'warning';
  /** Announce it when it appears (an answer to something the person just did). */
  live?: boolean;
  title?: string;
  /** Offer the window's own button for the advice (Sign in again…, Open Settings); off where that is what is open. */
  offerAppButton?: boolean;
}

export function ErrorNotice({ error, children, tone = 'danger', live = true, title, offerAppButton = true }: ErrorNoticeProps) {
  const actions = useAppActions();
  // The core writes its advice for the CLI; the window says where to click instead.
  const advice = appAction(error);
  const button = offerAppButton && actions ? advice.button : undefined;
  return (
    <div className={`notice notice-${tone}`} role={live ? 'alert' : undefined}>
      {tone === 'danger' ? <ErrorIcon className="notice-icon" /> : <WarningIcon className="notice-icon" />}
      <div className="notice-body">
        {title ? <p className="notice-title">{title}</p> : null}
        <p className="notice-message">{error.message}</p>
        {advice.text ? <p className="notice-action">{advice.text}</p> : null}
        {error.aadsts !== undefined || error.detail ? (
          <p className="notice-support">
            {error.aadsts !== undefined ? <>For support: AADSTS{error.aadsts}. </> : null}
            {error.detail ? <span className="mono">{error.detail}</span> : null}
          </p>
        ) : null}
        {children || button ? (
          <div className="notice-buttons">
            {button && actions ? (
              <button type="button" className="button" onClick={() => (button.kind === 'sign-in' ? actions.signIn(button.profile) : actions.openSettings())}>
                {button.label}
              </button>
            ) : null}
            {children}
          </div>
        ) : null}
      </div>
    </div>
  );
}
