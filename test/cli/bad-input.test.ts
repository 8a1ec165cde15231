import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

describe('bad input', () => {
  it('a malformed config file gives exit 2 naming the file and what is wrong', async () => {
    writeFileSync(join(home, 'config.json'), '{"version": 1, "profiles": {"a": ');
    for (const command of [['status'], ['token'], ['login'], ['profiles', 'list']]) {
      const result = await runCli(command, { home });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toContain(`${join(home, 'config.json')} is not valid`);
      expect(result.stderr).toContain('not valid JSON');
    }
  });

  it('an unknown profile gives exit 2 and lists the known ones', async () => {
    await runCli(['profiles', 'add', 'work', '--scopes', 'User.Read'], { home });
    const result = await runCli(['token', '--profile', 'wokr'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no profile named "wokr" (profiles: work)');
  });

  it('a malformed client ID gives exit 2 with the expected form', async () => {
    const result = await runCli(['profiles', 'add', 'x', '--client-id', 'd3590ed6-52b3'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-id: "d3590ed6-52b3" is not a GUID nor a preset');
  });

  it('a wrong scope name gives exit 2 with the right one suggested', async () => {
    const result = await runCli(['profiles', 'add', 'x', '--scopes', 'Mail.Send', 'Calendar.ReadWrite'], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Calendar.ReadWrite" is not a Microsoft Graph permission. Did you mean "Calendars.ReadWrite"?');
  });

  it('an unreachable authority gives exit 4 with the host named', async () => {
    await runCli(['profiles', 'add', 'dead', '--cloud', 'custom', '--authority-host', 'https://127.0.0.1:1', '--graph-url', 'https://127.0.0.1:1/graph', '--plaintext-cache'], { home });
    const result = await runCli(['login', '--profile', 'dead'], { home });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/Could not reach 127\.0\.0\.1:1/);
  });

  it('an unknown command or option gives exit 2 with usage', async () => {
    expect((await runCli(['frobnicate'], { home })).code).toBe(2);
    const option = await runCli(['token', '--scopes', 'Mail.Send'], { home });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--scopes'[\s\S]*Usage: delegate token/);
  });
});
