/**
 * The desktop channel of a process without Electron (`delegate daemon`): a notification through the session
 * bus's org.freedesktop.Notifications, when one is there.
 *
 * `gdbus` (GLib, present wherever a desktop session is) asks the bus whether anyone owns the name or can be
 * started for it; no bus, no service or no gdbus all mean "not available" — never an error, since a server has
 * none of them. Each argument is passed as a GVariant literal, quoted here, so a title cannot become syntax; a
 * server that advertises `body-markup` reads the body as markup, so then the body's `&`, `<`, `>` are escaped
 * (the summary is plain text by the specification). Nobody can click through to a window here, so the body ends
 * with the command that renews the sign-in instead of the app's "Click to sign in".
 *
 * A refusal (a D-Bus error) certainly showed nothing, and a server that does not answer within BUS_TIMEOUT_MS is
 * taken as not having shown it either (servers answer Notify as they queue it): both are `not-sent`, so the
 * notice is tried again at the next check — a second bubble is a small price next to a missed expiry warning.
 */
import { execFile } from 'node:child_process';
import { ChannelFailure, type NoticeChannel } from './notice-channel.js';
import type { DesktopNotification } from '../notifications/desktop-notification.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

const NAME = 'org.freedesktop.Notifications';
const BUS_TIMEOUT_MS = 5_000;

export type RunCommand = (file: string, args: readonly string[]) => Promise<string>;

/** Why a gdbus call failed, without its command line (which holds the notice's whole text). */
export class BusCallError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'BusCallError';
  }
}

const runGdbus: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: BUS_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if (error.killed || error.signal) return reject(new BusCallError(`no answer within ${BUS_TIMEOUT_MS / 1000} s`, true));
      // gdbus prints `Error: GDBus.Error:org.example.Error.Name: the server's message`, then sometimes a hint.
      const said = stderr.split('\n').find((line) => line.trim()) ?? '';
      const message = said.replace(/^Error:\s*/, '').replace(/^GDBus\.Error:/, '').trim() || (error.code === 'ENOENT' ? 'gdbus is not installed' : `gdbus exited with ${String(error.code)}`);
      reject(new BusCallError(message, false));
    });
  });

export interface DesktopBusChannelOptions {
  env?: NodeJS.ProcessEnv;
  run?: RunCommand;
}

export function desktopBusChannel(options: DesktopBusChannelOptions = {}): NoticeChannel {
  const env = options.env ?? process.env;
  const run = options.run ?? runGdbus;
  const busCall = (method: string, ...args: string[]) =>
    run('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', `org.freedesktop.DBus.${method}`, ...args]);
  return {
    name: 'desktop',
    needsGraph: false,
    async available() {
      if (!env.DBUS_SESSION_BUS_ADDRESS && !env.XDG_RUNTIME_DIR) return false;
      try {
        if (/\btrue\b/.test(await busCall('NameHasOwner', gvariantString(NAME)))) return true;
        // A notification daemon the bus starts on demand (dunst, mako, notify-osd) is activatable, not yet owned.
        return (await busCall('ListActivatableNames')).includes(`'${NAME}'`);
      } catch {
        return false;
      }
    },
    async send(notice, health) {
      const notifications = (method: string, ...args: string[]) =>
        run('gdbus', ['call', '--session', '--dest', NAME, '--object-path', '/org/freedesktop/Notifications', '--method', `${NAME}.${method}`, ...args]);
      const body = daemonBody(notice, health);
      try {
        // Unknown capabilities count as markup (an escaped `&amp;` on screen beats a body read as a link); a server
        // too wedged to answer this will not answer Notify either.
        const markup = await notifications('GetCapabilities').then(
          (answer) => answer.includes("'body-markup'"),
          (error: unknown) => {
            if (error instanceof BusCallError && error.timedOut) throw error;
            return true;
          },
        );
        await notifications(
          'Notify',
          gvariantString('Delegate'), 'uint32 0', gvariantString(''), gvariantString(notice.title), gvariantString(markup ? escapeMarkup(body) : body), '@as []', '@a{sv} {}', 'int32 -1',
        );
        return 'sent';
      } catch (error) {
        const message = error instanceof BusCallError && error.timedOut
          ? `The desktop notification service did not answer within ${BUS_TIMEOUT_MS / 1000} s; the notice may not have been shown.`
          : `The desktop notification service refused the notice (${(error as Error).message}).`;
        throw new ChannelFailure('not-sent', message, { cause: error });
      }
    },
  };
}

/**
 * The notice's body as the daemon shows it: the app's "Click to sign in" becomes the command that does it, since
 * clicking a notification the daemon sent opens nothing.
 */
export function daemonBody(notice: DesktopNotification, health: ProfileHealth): string {
  const click = /\s*Click to sign in( with a browser)?\.\s*$/.exec(notice.body);
  if (!click || notice.target.view !== 'reauth') return notice.body;
  const browser = Boolean(click[1]) || health.signInFlow === 'browser';
  const command = `delegate login --profile ${notice.profile ?? health.profile}${browser ? ' --browser' : ''}`;
  return `${notice.body.slice(0, click.index)} To renew it, run: ${command} (or sign in from the Delegate app).`;
}

/** Text for a body the server reads as markup (Desktop Notifications Specification, "Markup"). */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A GVariant text-format string literal: single-quoted, with backslashes, quotes and control characters escaped. */
export function gvariantString(text: string): string {
  const escaped = [...text]
    .map((char) => {
      if (char === '\\') return '\\\\';
      if (char === "'") return "\\'";
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return `\\u${code.toString(16).padStart(4, '0')}`;
      return char;
    })
    .join('');
  return `'${escaped}'`;
}
