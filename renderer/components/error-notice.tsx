/**
 * An error as the person should read it: what happened, what to do, and the codes support asks for.
 * Never a stack.
 */
import type { ReactNode } from 'react';
import type { ErrorData } from '../../shared/errors.js';
import { ErrorIcon, WarningIcon } from './icons.js';

interface ErrorNoticeProps {
  error: Pick<ErrorData, 'message' | 'action' | 'aadsts' | 'detail'> & { code: string };
  /** Buttons to offer (Try again, Sign in again…). */
  children?: ReactNode;
  tone?: 'danger' | 'warning';
  /** Announce it when it appears (an answer to something the person just did). */
  live?: boolean;
  title?: string;
}

export function ErrorNotice({ error, children, tone = 'danger', live = true, title }: ErrorNoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={live ? 'alert' : undefined}>
      {tone === 'danger' ? <ErrorIcon className="notice-icon" /> : <WarningIcon className="notice-icon" />}
      <div className="notice-body">
        {title ? <p className="notice-title">{title}</p> : null}
        <p className="notice-message">{error.message}</p>
        {error.action ? <p className="notice-action">{error.action}</p> : null}
        {error.aadsts !== undefined || error.detail ? (
          <p className="notice-support">
            {error.aadsts !== undefined ? <>For support: AADSTS{error.aadsts}. </> : null}
            {error.detail ? <span className="mono">{error.detail}</span> : null}
          </p>
        ) : null}
        {children ? <div className="notice-buttons">{children}</div> : null}
      </div>
    </div>
  );
}
