/**
 * The channels config.json's `notifications` asks for, with their defaults: the desktop (however this process
 * shows one), a mail to the signed-in account, no Teams. See the README's "Expiry warnings".
 */
import { loadConfig } from '../config/config-store.js';
import { mailChannel, teamsChannel } from './graph-channels.js';
import type { Clock } from '../clock.js';
import type { NoticeChannel } from './notice-channel.js';

export function configuredChannels(home: string, clock: Clock, desktop: NoticeChannel): NoticeChannel[] {
  const setting = loadConfig(home).raw.notifications ?? {};
  const channels: NoticeChannel[] = [];
  if (setting.desktop !== false) channels.push(desktop);
  const mail = setting.mail ?? true;
  if (mail !== false) channels.push(mailChannel({ home, clock, ...(typeof mail === 'object' && mail.to ? { to: mail.to } : {}) }));
  if (setting.teams) channels.push(teamsChannel({ home, clock, chatId: setting.teams.chatId }));
  return channels;
}
