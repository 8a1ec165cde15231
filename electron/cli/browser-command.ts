/**
 * Which program opens a URL in the person's browser, as an argv list: never a command line for a shell.
 *
 * On Windows the old `cmd /c start "" URL` let cmd.exe parse the URL: a sign-in URL is cut at its first `&`
 * (every OAuth URL has several) and the rest runs as a command. `rundll32 url.dll,FileProtocolHandler URL` hands
 * the URL to the shell's protocol handler as one argument with no cmd.exe in between; spawned with
 * `shell: false`, `&`, `^`, `|` and `"` are plain characters in it. Only https URLs (http on loopback) are opened at all: a
 * `file:` or custom-protocol URL would start a program rather than a browser.
 */
import { DelegateError } from '../core/errors/delegate-error.js';

export interface BrowserCommand {
  command: string;
  args: string[];
}

/** The program and arguments that open `url` on `platform`; `$BROWSER` (split on spaces) when set. */
export function browserCommand(raw: string, platform: NodeJS.Platform, browserEnv: string | undefined): BrowserCommand {
  // The parsed form: spaces, quotes and angle brackets percent-encoded, so on Windows Node never has to wrap the
  // argument in quotes (rundll32 hands its raw command-line tail to the handler, quotes included).
  const url = checkBrowserUrl(raw).href;
  const custom = browserEnv?.trim();
  if (custom) {
    const [command, ...args] = custom.split(/\s+/);
    return { command: command as string, args: [...args, url] };
  }
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

// As in the app (electron/shell/external-url.ts): plain http only for a page on this computer (a loopback redirect).
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL, parsed; throws unless it is https (or http on this computer) without credentials in it. */
export function checkBrowserUrl(url: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const allowed = parsed && (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)));
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (!parsed || !allowed || parsed.username || parsed.password || /[\u0000-\u001f\u007f]/.test(url)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `Delegate did not open ${JSON.stringify(url.slice(0, 120))} in the browser: only https:// pages (or http:// pages on this computer) are opened.`,
      action: 'Open the sign-in page yourself, or use device code sign-in (`delegate login` without --browser).',
    });
  }
  return parsed;
}
