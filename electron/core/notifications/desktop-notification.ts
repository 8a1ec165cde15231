/**
 * A desktop notification as data: what the shell shows, and where a click takes the person.
 *
 * The policy (this folder) decides what to say and when; the Electron shell only displays it and, on a click,
 * opens the window at `target` (after switching to `profile` when one is named).
 */
import type { EventPayloads } from '../../../shared/ipc/ipc-contract.js';

export type NotificationKind = 'expiry-warning' | 'sign-in-required' | 'sign-in-blocked' | 'runs-failed' | 'runs-finished' | 'info';

export interface DesktopNotification {
  /** Stable for one occurrence, e.g. `expiry:work:7`, `runs-failed:42`; useful for logs and tests. */
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The window view that holds the fix: the re-auth dialog, or History filtered to the failed run(s). */
  target: EventPayloads['app:navigate'];
  /** The profile the target is about (the re-auth dialog signs this one in). */
  profile?: string;
}

/** Shortens text for a notification body; platforms cut long bodies mid-word, this cuts at a word. */
export function clip(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
