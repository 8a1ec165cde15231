/**
 * What to do, in the window's words: errors come from the core with an `action` written for the CLI ("Sign in
 * again: `delegate login --profile emu`"). The window shows where to click instead, and offers a button where it
 * has one; a backticked command never reaches the screen.
 */

/** A button the window can offer next to the advice. */
export type AppActionButton = { kind: 'sign-in'; label: string; profile?: string } | { kind: 'settings'; label: string };

export interface AppAction {
  /** The advice, in the window's words (no backticks). Empty when there is nothing to add to the button. */
  text: string;
  button?: AppActionButton;
}

/** A `delegate …` command, and where the window does the same thing. */
const PLACES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^delegate login\b.*--browser/, '“Sign in with a browser…” on the Overview'],
  [/^delegate login\b/, '“Sign in again…” on the Overview'],
  [/^delegate profiles set \S+ .*--scopes\b/, 'Settings → Profiles → Edit… → Scopes'],
  [/^delegate profiles set \S+ .*--client-id\b/, 'Settings → Profiles → Edit… → Client ID'],
  [/^delegate profiles set \S+ .*--plaintext-cache\b/, 'Settings → Profiles → Edit… → Token cache'],
  [/^delegate profiles set \S+ .*--ca-file\b/, 'Settings → Profiles → Edit… → Extra CA certificate'],
  [/^delegate profiles set\b/, 'Settings → Profiles → Edit…'],
  [/^delegate profiles add\b/, 'Settings → Profiles → Add profile…'],
  [/^delegate profiles default\b/, 'Settings → Default profile'],
  [/^delegate profiles\b/, 'Settings → Profiles'],
  [/^delegate status --probe\b/, '“Check now” on the Overview'],
  [/^delegate status\b/, 'the Overview'],
  [/^delegate doctor\b/, 'Settings → Check my setup'],
  [/^delegate evidence\b/, 'Settings → Write evidence pack…'],
  [/^delegate history\b/, 'History'],
  [/^delegate jobs\b/, 'the Jobs page'],
  [/^delegate run\b/, '“Run now” on the Jobs page'],
];

/** The profile a CLI action names (`--profile NAME`, `delegate profiles set NAME …`), if any. */
export function profileNamedIn(action: string): string | undefined {
  for (const command of commandsIn(action)) {
    const match = /--profile[ =](\S+)/.exec(command) ?? /^delegate profiles set (\S+)/.exec(command);
    if (match?.[1] && !/^[A-Z]+$/.test(match[1])) return match[1];
  }
  return undefined;
}

function commandsIn(text: string): string[] {
  const parts = text.split('`');
  return parts.length % 2 === 1 ? parts.filter((_, index) => index % 2 === 1) : [];
}

/**
 * Replaces every backticked command by where the window does it (or, for what only a terminal does, the command in
 * quotes with "in a terminal"), and drops any stray backtick. Text without backticks comes back as it was.
 */
export function rewriteCliText(text: string): string {
  if (!text.includes('`')) return text;
  const parts = text.split('`');
  // An odd number of marks: drop them all rather than guess which pair is which.
  if (parts.length % 2 === 0) return parts.join('');
  return parts
    .map((part, index) => {
      if (index % 2 === 0) return part;
      const command = part.trim();
      if (!command.startsWith('delegate ') && command !== 'delegate') return `“${command}”`;
      const place = PLACES.find(([pattern]) => pattern.test(command))?.[1];
      return place ?? `“${command}” in a terminal`;
    })
    .join('');
}

/** The advice and the button for an error the window shows, by its code first, then by its words. */
export function appAction(error: { code: string; action?: string | undefined }): AppAction {
  const action = error.action ?? '';
  const profile = profileNamedIn(action);
  const forProfile = profile ? { profile } : {};
  switch (error.code) {
    case 'sign-in-required':
      return { text: profile ? `Sign in again on profile ${profile}.` : 'Sign in again.', button: { kind: 'sign-in', label: 'Sign in again…', ...forProfile } };
    case 'signed-out':
      return { text: profile ? `Sign in on profile ${profile} first.` : 'Sign in first.', button: { kind: 'sign-in', label: 'Sign in…', ...forProfile } };
    case 'blocked-by-policy':
      return {
        text: 'Your organisation allows this sign-in only in a web browser: sign in with a browser.',
        button: { kind: 'sign-in', label: 'Sign in with a browser…', ...forProfile },
      };
    case 'scope-missing':
    case 'scope-not-preauthorized':
      return { text: rewriteCliText(action), button: { kind: 'settings', label: 'Open Settings' } };
    default:
      return { text: rewriteCliText(action) };
  }
}
