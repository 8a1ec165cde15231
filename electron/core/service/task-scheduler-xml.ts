/**
 * The Windows Task Scheduler task (schema 1.2) rendered from the service description: started at the person's
 * logon, in their session (InteractiveToken, so DPAPI — where the sign-in is kept — can decrypt), no time limit.
 *
 * Task Scheduler's RestartOnFailure only covers a task that fails to *start* (MS-TSCH 2.5.4.2), not a process
 * that exits with an error. So the logon trigger also repeats every few minutes with MultipleInstancesPolicy
 * IgnoreNew: while the daemon runs each repetition is ignored; after a crash the next one starts it again.
 *
 * Arguments are quoted for CommandLineToArgvW (what Node uses to split its command line), then XML-escaped.
 * Task Scheduler expands `%NAME%` in Command and Arguments and has no escape for it, so a path holding such a
 * pair is refused. Task XML has no per-task environment: the daemon gets the person's logon environment, so
 * DELEGATE_HOME and proxies must be set for the account (install says so).
 */
import { DelegateError } from '../errors/delegate-error.js';
import { xmlEscape } from './launchd-plist.js';
import type { ServiceDescription } from './service-description.js';

/** Repetition of the logon trigger, the restart-after-crash delay (Task Scheduler's minimum is one minute). */
export const TASK_REPEAT_INTERVAL = 'PT5M';

/** One task per Windows account: task names are per machine, so the account is in the name. */
export function taskName(username: string): string {
  const safe = username.replace(/[^A-Za-z0-9 ._-]/g, '_').slice(0, 64) || 'user';
  return `Delegate daemon (${safe})`;
}

/** Quotes one argument so that CommandLineToArgvW gives it back unchanged. */
export function windowsQuoteArgument(value: string): string {
  if (value !== '' && !/[\s"]/.test(value)) return value;
  let result = '"';
  let backslashes = 0;
  for (const char of value) {
    if (char === '\\') {
      backslashes++;
      continue;
    }
    if (char === '"') {
      result += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      result += '\\'.repeat(backslashes) + char;
    }
    backslashes = 0;
  }
  return `${result}${'\\'.repeat(backslashes * 2)}"`;
}

export function refuseEnvironmentReferences(value: string): void {
  if (/%[^%\s]+%/.test(value)) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `service: ${JSON.stringify(value)} contains %…%, which Task Scheduler would replace with an environment variable.`,
      action: 'Move Delegate (or its home) to a folder whose path has no %…% pair and run `delegate service install` again.',
    });
  }
}

export function renderTaskXml(description: ServiceDescription, user: { userId: string }): string {
  for (const value of [description.program, ...description.args, description.userHome]) refuseEnvironmentReferences(value);
  const args = description.args.map(windowsQuoteArgument).join(' ');
  const userId = xmlEscape(user.userId);
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Author>Delegate</Author>',
    '    <Description>Delegate daemon: scheduled Microsoft 365 jobs and sign-in upkeep. Written by `delegate service install`; `delegate service uninstall` removes it.</Description>',
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <LogonTrigger>',
    '      <Enabled>true</Enabled>',
    `      <UserId>${userId}</UserId>`,
    '      <Repetition>',
    `        <Interval>${TASK_REPEAT_INTERVAL}</Interval>`,
    '        <StopAtDurationEnd>false</StopAtDurationEnd>',
    '      </Repetition>',
    '    </LogonTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${userId}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <StopOnIdleEnd>false</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    // PT0S: no time limit (the default, 72 hours, would stop the daemon on the third day).
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <Priority>7</Priority>',
    '    <RestartOnFailure>',
    '      <Interval>PT1M</Interval>',
    '      <Count>3</Count>',
    '    </RestartOnFailure>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xmlEscape(quoteCommand(description.program))}</Command>`,
    `      <Arguments>${xmlEscape(args)}</Arguments>`,
    `      <WorkingDirectory>${xmlEscape(description.userHome)}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** A program path with spaces is quoted, as Task Scheduler's own exports do (a Windows path cannot hold `"`). */
function quoteCommand(program: string): string {
  return /\s/.test(program) ? `"${program}"` : program;
}

/** schtasks reads the file as UTF-16 (what it writes itself with /Query /XML): little-endian with a BOM. */
export function encodeTaskXml(xml: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}
