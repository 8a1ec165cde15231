/**
 * The launchd LaunchAgent (`~/Library/LaunchAgents/com.delegate.app.daemon.plist`) rendered from the service
 * description: started at login (RunAtLoad) and again whenever it exits with a failure (KeepAlive
 * SuccessfulExit=false), at most every ThrottleInterval seconds.
 *
 * launchd can only send output to files, which it never rotates: stdout (every daemon line, already in Delegate's
 * own rotated log files) goes to /dev/null, stderr (crashes, start errors) to `<home>/logs/launchd-stderr.log`.
 */
import { join } from 'node:path';
import type { ServiceDescription } from './service-description.js';

export const LAUNCHD_LABEL = 'com.delegate.app.daemon';

export function launchdPlistPath(userHome: string): string {
  return join(userHome, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
}

export function launchdStderrPath(description: Pick<ServiceDescription, 'logsDir'>): string {
  return join(description.logsDir, 'launchd-stderr.log');
}

export function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const string = (value: string) => `<string>${xmlEscape(value)}</string>`;

export function renderLaunchdPlist(description: ServiceDescription): string {
  const args = [description.program, ...description.args].map((word) => `    ${string(word)}`);
  const env = Object.entries(description.env).flatMap(([name, value]) => [`    <key>${xmlEscape(name)}</key>`, `    ${string(value)}`]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by `delegate service install`; `delegate service uninstall` removes it. -->',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  ${string(LAUNCHD_LABEL)}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...args,
    '  </array>',
    '  <key>EnvironmentVariables</key>',
    '  <dict>',
    ...env,
    '  </dict>',
    '  <key>WorkingDirectory</key>',
    `  ${string(description.userHome)}`,
    '  <key>RunAtLoad</key>',
    '  <true/>',
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key>',
    '    <false/>',
    '  </dict>',
    '  <key>ThrottleInterval</key>',
    `  <integer>${description.restartDelaySeconds}</integer>`,
    '  <key>ExitTimeOut</key>',
    `  <integer>${description.stopTimeoutSeconds}</integer>`,
    // Standard, not Background: launchd throttles Background jobs' CPU and I/O, and the jobs' scripts are the
    // person's own work on a schedule, not housekeeping.
    '  <key>ProcessType</key>',
    '  <string>Standard</string>',
    '  <key>Umask</key>',
    // 0077 in decimal: what the daemon creates is the person's own.
    '  <integer>63</integer>',
    '  <key>StandardOutPath</key>',
    '  <string>/dev/null</string>',
    '  <key>StandardErrorPath</key>',
    `  ${string(launchdStderrPath(description))}`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
