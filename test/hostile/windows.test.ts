/**
 * Hostile machine, Windows: no Windows machine runs these tests, so the parts that differ there are plain
 * functions tested here with the platform injected — what would be spawned, with which argv, through which
 * program — plus a real process on this machine where the same code path runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpawnOptions } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserCommand } from '../../electron/cli/browser-command.js';
import { openBrowser, type SpawnLike } from '../../electron/cli/open-browser.js';
import { quoteForCmd, spawnPlan } from '../../electron/core/jobs/kinds/windows-command.js';

/** A spawn that records what it was asked to run and pretends the program started. */
function fakeSpawn(): { spawn: SpawnLike; calls: Array<{ command: string; args: readonly string[]; options: SpawnOptions }> } {
  const calls: Array<{ command: string; args: readonly string[]; options: SpawnOptions }> = [];
  const spawn: SpawnLike = (command, args, options) => {
    calls.push({ command, args, options });
    const child = {
      once(event: string, listener: (error: Error) => void) {
        if (event === 'spawn') queueMicrotask(() => (listener as () => void)());
        return child;
      },
      unref() {},
    };
    return child;
  };
  return { spawn, calls };
}

const SIGN_IN_URL = 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=1&scope=openid%20profile&state=a^b|calc&x="&start calc';

describe('opening the sign-in page on Windows', () => {
  it('a URL with &, ^, | and " reaches rundll32 as one argument, with no shell and no cmd.exe', async () => {
    const { spawn, calls } = fakeSpawn();
    await openBrowser(SIGN_IN_URL, {}, 'win32', spawn);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.command).toBe('rundll32');
    expect(call?.args).toEqual(['url.dll,FileProtocolHandler', new URL(SIGN_IN_URL).href]);
    const passed = call?.args[1] ?? '';
    for (const character of ['&', '^', '|']) expect(passed).toContain(character); // untouched: nothing parses them
    expect(passed).toContain('%22'); // the quote, percent-encoded as in any URL: it cannot end a quoted argument
    expect(passed).not.toContain('"');
    expect(call?.options.shell).toBe(false);
    expect(call?.options.windowsVerbatimArguments).not.toBe(true);
    expect(call?.args.some((arg) => /^(cmd(\.exe)?|\/c|start)$/i.test(arg))).toBe(false);
  });

  it('only https pages (or http on this computer) are opened: file:, javascript: and custom protocols start nothing', async () => {
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'ms-settings:', 'http://evil.example/', 'https://user:pass@example.com/', 'not a url']) {
      const { spawn, calls } = fakeSpawn();
      await expect(openBrowser(url, {}, 'win32', spawn), url).rejects.toThrow(/only https:\/\/ pages \(or http:\/\/ pages on this computer\) are opened/);
      expect(calls, url).toEqual([]);
    }
  });

  it('macOS and Linux get the URL as one argument too', () => {
    expect(browserCommand(SIGN_IN_URL, 'darwin', undefined)).toEqual({ command: 'open', args: [new URL(SIGN_IN_URL).href] });
    expect(browserCommand(SIGN_IN_URL, 'linux', undefined)).toEqual({ command: 'xdg-open', args: [new URL(SIGN_IN_URL).href] });
    expect(browserCommand('http://localhost:53100/?code=x&state=y', 'win32', undefined).args[1]).toBe('http://localhost:53100/?code=x&state=y');
  });

  describe('on this machine, through a real process', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'delegate-browser-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('the browser receives the whole URL as one argument and nothing in it runs', async () => {
      const recorder = join(dir, 'record.cjs');
      const argvFile = join(dir, 'argv.json');
      const pwned = join(dir, 'pwned');
      // Written aside and renamed, so the test never reads a half-written file.
      writeFileSync(recorder, `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(`${argvFile}.part`)}, JSON.stringify(process.argv.slice(2))); fs.renameSync(${JSON.stringify(`${argvFile}.part`)}, ${JSON.stringify(argvFile)});\n`);
      const url = `https://login.example.com/authorize?a=1&touch ${pwned}|touch ${pwned}^&b="$(touch ${pwned})"`;
      await openBrowser(url, { BROWSER: `${process.execPath} ${recorder}` });
      for (let waited = 0; !existsSync(argvFile) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toEqual([new URL(url).href]);
      expect(existsSync(pwned)).toBe(false);
    });
  });
});

describe('.bat and .cmd script jobs on Windows', () => {
  const COMSPEC = 'C:\\Windows\\system32\\cmd.exe';

  it('a .bat job runs through cmd.exe /d /s /c with the line quoted verbatim', () => {
    expect(spawnPlan('C:\\Jobs\\nightly.bat', ['report', 'a b'], 'win32', COMSPEC)).toEqual({
      command: COMSPEC,
      args: ['/d', '/s', '/c', '"C:\\Jobs\\nightly.bat report "a b""'],
      windowsVerbatimArguments: true,
    });
    expect(spawnPlan('C:\\My Jobs\\SYNC.CMD', [], 'win32', COMSPEC).args[3]).toBe('""C:\\My Jobs\\SYNC.CMD""');
    expect(spawnPlan('run.bat. ', [], 'win32', COMSPEC).command).toBe(COMSPEC); // Windows ignores trailing dots and spaces
  });

  it('other programs, and every program elsewhere, are spawned directly with Node\'s own quoting', () => {
    expect(spawnPlan('python.exe', ['etl.py', 'a&b'], 'win32', COMSPEC)).toEqual({ command: 'python.exe', args: ['etl.py', 'a&b'], windowsVerbatimArguments: false });
    expect(spawnPlan('./job.bat', ['a&b'], 'linux')).toEqual({ command: './job.bat', args: ['a&b'], windowsVerbatimArguments: false });
  });

  // What each nasty argument becomes on the cmd.exe line (BatBadBut, CVE-2024-27980; Rust's std rules).
  const TABLE: Array<[string, string]> = [
    ['plain', 'plain'],
    ['', '""'],
    ['two words', '"two words"'],
    ['a&calc', '"a&calc"'],
    ['a|calc', '"a|calc"'],
    ['a^b', '"a^b"'],
    ['<in >out', '"<in >out"'],
    ['(x)', '"(x)"'],
    ['!PATH!', '"!PATH!"'],
    ['"&calc&"', '"""&calc&"""'],
    ['" & calc & "', '""" & calc & """'],
    ['%PATH%', '"%%cd:~,%PATH%%cd:~,%"'],
    ['100%', '"100%%cd:~,%"'],
    ['C:\\dir\\', '"C:\\dir\\\\"'],
    ['a\\"b', '"a\\\\""b"'],
    ['C:\\Users\\x\\file.txt', 'C:\\Users\\x\\file.txt'],
    ['--flag=value', '"--flag=value"'],
  ];

  it.each(TABLE)('the argument %j is written %s', (argument, expected) => {
    expect(quoteForCmd(argument)).toBe(expected);
  });

  it('no cmd.exe metacharacter of any nasty argument is left outside quotes, and no %VAR% can expand', () => {
    const line = spawnPlan('C:\\Jobs\\x.bat', TABLE.map(([argument]) => argument), 'win32', COMSPEC).args[3] ?? '';
    const inner = line.slice(1, -1); // /s strips the outer pair
    let quoted = false;
    for (const character of inner) {
      if (character === '"') quoted = !quoted;
      else if (!quoted) expect('&|<>()^!%'.includes(character), `${character} outside quotes in ${inner}`).toBe(false);
    }
    expect(quoted).toBe(false);
    // Every % is followed by the empty substring of %cd%, so cmd.exe never finds a variable name between two of them.
    expect(inner.replace(/%%cd:~,%/g, '')).not.toContain('%');
  });

  it('a line break in an argument is refused with a clear error, because cmd.exe would cut the command there', () => {
    for (const argument of ['a\nb', 'a\r\ncalc', 'a\u0000b']) {
      expect(() => spawnPlan('C:\\Jobs\\x.bat', [argument], 'win32', COMSPEC), JSON.stringify(argument)).toThrow(/cannot receive: cmd\.exe would cut the command there/);
    }
  });
});
