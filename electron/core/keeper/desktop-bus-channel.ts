/**
 * The desktop channel of a process without Electron (`delegate daemon`): a notification through the session
 * bus's org.freedesktop.Notifications, when one is there.
 *
 * `gdbus` (GLib, present wherever a desktop session is) asks the bus whether anyone owns the name or can be
 * started for it; no bus, no service or no gdbus all mean "not available" — never an error, since a server has
 * none of them. Each argument is passed as a GVariant literal, quoted here, so a title cannot become syntax.
 */
import { execFile } from 'node:child_process';
import { ChannelFailure, type NoticeChannel } from './notice-channel.js';

const NAME = 'org.freedesktop.Notifications';
const BUS_TIMEOUT_MS = 5_000;

export type RunCommand = (file: string, args: readonly string[]) => Promise<string>;

const runGdbus: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: BUS_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
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
    async send(notice) {
      try {
        await run('gdbus', [
          'call', '--session', '--dest', NAME, '--object-path', '/org/freedesktop/Notifications', '--method', `${NAME}.Notify`,
          gvariantString('Delegate'), 'uint32 0', gvariantString(''), gvariantString(notice.title), gvariantString(notice.body), '@as []', '@a{sv} {}', 'int32 -1',
        ]);
        return 'sent';
      } catch (error) {
        throw new ChannelFailure('not-sent', `The desktop notification service refused the notice (${(error as Error).message.split('\n')[0]}).`, { cause: error });
      }
    },
  };
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
