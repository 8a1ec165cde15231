/**
 * The Task Scheduler task as an XML parser reads it (Python's xml.etree, from the UTF-16 bytes schtasks is given):
 * the elements the 1.2 task schema needs for a logon task that restarts and never times out, and arguments that
 * Windows splits back (CommandLineToArgvW's rules) into exactly what was described.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeService } from '../../../electron/core/service/service-description.js';
import { encodeTaskXml, renderTaskXml, taskName, windowsQuoteArgument } from '../../../electron/core/service/task-scheduler-xml.js';

const PYTHON = '/usr/bin/python3';

/** Flattens the parsed task to "path → text" (namespace dropped), e.g. "Settings/RestartOnFailure/Count". */
const FLATTEN = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
ns = '{http://schemas.microsoft.com/windows/2004/02/mit/task}'
assert root.tag == ns + 'Task', root.tag
out = {'@version': root.get('version')}
def walk(node, path):
    for child in node:
        assert child.tag.startswith(ns), child.tag
        name = path + child.tag[len(ns):]
        out[name] = (child.text or '').strip()
        walk(child, name + '/')
walk(root, '')
print(json.dumps(out))
`;

function parseTask(bytes: Buffer): Record<string, string> {
  const result = spawnSync(PYTHON, ['-c', FLATTEN], { input: bytes });
  if (result.status !== 0) throw new Error(`xml.etree refused the task: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as Record<string, string>;
}

/** CommandLineToArgvW / the MSVC runtime's rules (learn.microsoft.com "Parsing C++ command-line arguments"). */
function windowsSplit(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '\\') {
      let count = 0;
      while (line[i] === '\\') {
        count++;
        i++;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else {
          quoted = !quoted;
        }
      } else {
        current += '\\'.repeat(count);
        i--;
      }
      started = true;
    } else if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
      started = true;
    } else if (/\s/.test(char) && !quoted) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

const HOSTILE = `C:\\Users\\Ann Lee\\Ann's "x" & <y> 100%\\`;

function description(program: string, args: string[], home = 'C:\\Users\\Ann Lee\\AppData\\Roaming\\Delegate') {
  return describeService({ home, env: {}, userHome: 'C:\\Users\\Ann Lee', program: { program, args, how: 'test' }, platform: 'win32' });
}

describe('the reference splitter', () => {
  it("splits Microsoft's documented examples as Windows does", () => {
    expect(windowsSplit('"a b c" d e')).toEqual(['a b c', 'd', 'e']);
    expect(windowsSplit('"ab\\"c" "\\\\" d')).toEqual(['ab"c', '\\', 'd']);
    expect(windowsSplit('a\\\\\\b d"e f"g h')).toEqual(['a\\\\\\b', 'de fg', 'h']);
    expect(windowsSplit('a\\\\\\"b c d')).toEqual(['a\\"b', 'c', 'd']);
    expect(windowsSplit('a\\\\\\\\"b c" d e')).toEqual(['a\\\\b c', 'd', 'e']);
  });
});

describe.skipIf(!existsSync(PYTHON))('the Task Scheduler task', () => {
  it('parses from its UTF-16 bytes and has what a logon task that restarts and never times out needs', () => {
    const task = parseTask(encodeTaskXml(renderTaskXml(description('C:\\Program Files\\nodejs\\node.exe', ['C:\\Delegate\\bin\\delegate.cjs']), { userId: 'CORP\\ann' })));
    expect(task['@version']).toBe('1.2');
    expect(task).toHaveProperty('RegistrationInfo/Description');
    expect(task['Triggers/LogonTrigger/UserId']).toBe('CORP\\ann');
    expect(task['Triggers/LogonTrigger/Enabled']).toBe('true');
    // Restarted after a crash: the trigger repeats, and a running daemon makes the repetition a no-op.
    expect(task['Triggers/LogonTrigger/Repetition/Interval']).toBe('PT5M');
    expect(task['Settings/MultipleInstancesPolicy']).toBe('IgnoreNew');
    expect(task['Principals/Principal/UserId']).toBe('CORP\\ann');
    expect(task['Principals/Principal/LogonType']).toBe('InteractiveToken');
    expect(task['Principals/Principal/RunLevel']).toBe('LeastPrivilege');
    expect(task['Settings/RestartOnFailure/Interval']).toBe('PT1M');
    expect(Number(task['Settings/RestartOnFailure/Count'])).toBeGreaterThanOrEqual(1);
    expect(task['Settings/ExecutionTimeLimit']).toBe('PT0S');
    expect(task['Settings/DisallowStartIfOnBatteries']).toBe('false');
    expect(task['Settings/StopIfGoingOnBatteries']).toBe('false');
    expect(task['Actions/Exec/Command']).toBe('"C:\\Program Files\\nodejs\\node.exe"');
    expect(windowsSplit(task['Actions/Exec/Arguments'] as string)).toEqual(['C:\\Delegate\\bin\\delegate.cjs', 'daemon']);
  });

  it('gives back arguments with spaces, quotes, &, <, > and trailing backslashes exactly as Windows will split them', () => {
    const args = [`${HOSTILE}bin\\delegate.cjs`, HOSTILE, 'a\\\\"b', '', 'daemon'];
    const task = parseTask(encodeTaskXml(renderTaskXml(description('C:\\node\\node.exe', args), { userId: 'ann' })));
    expect(windowsSplit(task['Actions/Exec/Arguments'] as string)).toEqual([...args, 'daemon']);
    expect(task['Actions/Exec/WorkingDirectory']).toBe('C:\\Users\\Ann Lee');
  });

  it('refuses a path with a %NAME% pair, which Task Scheduler would replace with an environment variable', () => {
    expect(() => renderTaskXml(description('C:\\%USERNAME%\\node.exe', ['x', 'daemon']), { userId: 'ann' })).toThrow(/%…%/);
    // A lone % is left alone by Task Scheduler, so it is fine.
    expect(() => renderTaskXml(description('C:\\100% node\\node.exe', ['x']), { userId: 'ann' })).not.toThrow();
  });

  it('names the task after the Windows account, since task names are shared by everyone on the machine', () => {
    expect(taskName('ann')).toBe('Delegate daemon (ann)');
    expect(taskName('a\\b:c*')).toBe('Delegate daemon (a_b_c_)');
  });

  it('quotes only what needs quoting', () => {
    expect(windowsQuoteArgument('daemon')).toBe('daemon');
    expect(windowsQuoteArgument('')).toBe('""');
    expect(windowsQuoteArgument('C:\\a b\\')).toBe('"C:\\a b\\\\"');
  });
});
