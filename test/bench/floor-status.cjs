'use strict';
/**
 * The floor of `delegate status` (cached, no network): Node plus exactly what the status must read, each read
 * done the cheapest way, with no validation and no libraries beyond keytar.
 *
 * - config.json, for the profile (its id names the keychain entries);
 * - the profile's meta.json: the account, sign-in times, grants and refusals the status reports;
 * - whether the keychain is locked: the Secret Service's `Locked` property with one `dbus-send` (no other quiet
 *   way: a locked collection answers reads with "nothing here", and a stopped one holds a read for 50 s, so the
 *   question comes before the reads); started first, it runs while the files are read;
 * - both keychain entries (keytar, in parallel): the standard partition handed to scripts and the CAE one that
 *   jobs use — the status says what each holds;
 * - the folders damaged state files are kept in (the status lists them).
 * It prints a few lines from what it read, the expiries as local dates as any status would (which loads ICU's
 * date formatting, ~10 ms: the price of a date a person can read, not of Delegate).
 *
 * Usage: node floor-status.cjs HOME PROFILE
 */
const { execFile } = require('node:child_process');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const [home, profileName] = process.argv.slice(2);
const locked = new Promise((resolve) => {
  const args = ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets/aliases/default', 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked'];
  execFile('dbus-send', args, { timeout: 5000, encoding: 'utf8' }, (error, stdout) => resolve(error ? null : /boolean true/.test(stdout)));
});
const profile = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles[profileName];
const meta = JSON.parse(readFileSync(join(home, 'profiles', profileName, 'meta.json'), 'utf8'));
const damaged = [home, join(home, 'state'), join(home, 'profiles', profileName)].flatMap((folder) => {
  try {
    return readdirSync(folder).filter((name) => name.includes('.damaged-'));
  } catch {
    return [];
  }
});

async function main() {
  if (await locked) return void process.stdout.write('keychain locked\n');
  const keytar = require('keytar');
  const account = `msal-cache/${profile.id}`;
  const [shared, cae] = await Promise.all([keytar.getPassword('Delegate', account), keytar.getPassword('Delegate', `${account}/cae`)]);
  const newest = (serialized) => new Date(1000 * Math.max(0, ...Object.values(JSON.parse(serialized ?? '{}').AccessToken ?? {}).map((token) => Number(token.expires_on)))).toLocaleString();
  process.stdout.write(`${meta.account?.username} (${profile.cloud})\nscripts' token until ${newest(shared)}; jobs' token until ${newest(cae)}\n${damaged.length} damaged file(s)\n`);
}

main();
