/**
 * The words of an expiry warning sent as a mail or a Teams message: when the sign-in expires, on which
 * computer, what stops then, and exactly how to renew it there. The desktop notice's own short text is the
 * subject; the rest is for someone reading it on a phone, away from the server.
 */
import { hostname } from 'node:os';
import type { DesktopNotification } from '../notifications/desktop-notification.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export interface ExpiryMessage {
  subject: string;
  /** Plain text, lines separated by \n. */
  text: string;
}

export function expiryMessage(notice: DesktopNotification, health: ProfileHealth, host: string = hostname()): ExpiryMessage {
  const who = health.account?.username ?? 'the signed-in account';
  const when = health.expiresAt ? ` (forecast: ${health.expiresAt.replace(/\.\d{3}Z$/, 'Z')})` : '';
  const days = health.daysRemaining === 1 ? 'in 1 day' : `in ${health.daysRemaining ?? '?'} days`;
  const command = `delegate login --profile ${health.profile}${health.signInFlow === 'browser' ? ' --browser' : ''}`;
  const lines = [
    `Delegate's sign-in for the profile "${health.profile}" (${who}) on the computer ${host} expires ${days}${when}.`,
    '',
    'When it expires, the scheduled jobs of this profile are skipped until someone signs in again.',
    '',
    `To renew it, on ${host} run:`,
    '',
    `    ${command}`,
    '',
    'or open the Delegate app there and choose Sign in.',
  ];
  const probe = health.lastProbe;
  if (probe && probe.outcome !== 'ok') {
    lines.push('', `Delegate tries to renew the sign-in by itself every day; its last try (${probe.at}) failed: ${probe.message ?? probe.outcome}`);
  }
  lines.push('', 'Delegate sends this warning once for each of its thresholds. Where warnings go is set under "notifications" in config.json.');
  return { subject: `Delegate: ${notice.title}`, text: lines.join('\n') };
}

/** The same text as minimal HTML for Teams, which folds plain-text line breaks. */
export function messageHtml(message: ExpiryMessage): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = message.text.split('\n\n').map((block) => (block.startsWith('    ') ? `<pre>${escape(block.trim())}</pre>` : `<p>${escape(block).replace(/\n/g, '<br>')}</p>`));
  return `<p><b>${escape(message.subject)}</b></p>${paragraphs.join('')}`;
}
