/**
 * Hostile machine, what a person or a careless tool types and saves: odd command names and options, a
 * DELEGATE_HOME that is not a full path, config.json and jobs.yaml as editors and hand edits leave them, names
 * that are one file on macOS and Windows disks. Everything runs through the real `delegate` CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELEGATE_BIN, cliEnv, runCli, type CliResult } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';
import { until } from '../support/until.js';
import { editJobsFile } from '../../electron/core/job-editing/edit-jobs-file.js';
import { setJobEnabled } from '../../electron/core/job-editing/set-job-enabled.js';
import { jobsFileVersion } from '../../electron/core/jobs/jobs-file.js';
import { JobEngine } from '../../electron/core/jobs/job-engine.js';
import type { GraphApi } from '../../electron/core/jobs/kinds/kind-context.js';

const PROFILE = { id: 'p-1', cloud: 'global', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', tenant: 'organizations', scopes: ['User.Read'] };

const everything = (result: CliResult) => `${result.stdout}\n${result.stderr}`;

function writeConfig(home: string, text: string): void {
  writeFileSync(join(home, 'config.json'), text);
}

/** A jobs.yaml of script jobs (no network) with these ids, all for profile `emu`. */
function scriptJobs(ids: string[]): string {
  return `jobs:\n${ids.map((id) => `  - id: ${JSON.stringify(id)}\n    schedule: "0 7 * * *"\n    profile: emu\n    action: {kind: script, command: /bin/true}\n`).join('')}`;
}

interface ProfileRow {
  name: string;
  valid: boolean;
  problems?: string[];
}

async function listProfiles(home: string): Promise<ProfileRow[]> {
  const result = await runCli(['profiles', 'list', '--json'], { home });
  expect(result.code, everything(result)).toBe(0);
  return JSON.parse(result.stdout) as ProfileRow[];
}

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = makeHome());
});
afterEach(() => cleanup());

describe('commands and options as a person types them', () => {
  it('delegate constructor, toString or __proto__ is an unknown command (exit 2), not "something unexpected"', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = await runCli([name], { home });
      expect(result.code, everything(result)).toBe(2);
      expect(result.stderr).toContain(`unknown command "${name}"`);
      expect(result.stderr).not.toContain('unexpected');
    }
  });

  it('token --profile "" (a script\'s unset variable) is refused with exit 2 and never falls back to the default profile', async () => {
    expect((await runCli(['profiles', 'add', 'emu'], { home })).code).toBe(0);
    const result = await runCli(['token', '--profile', ''], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--profile was given an empty name');
    expect(result.stderr).not.toContain('"emu"');
  });

  it('a DELEGATE_HOME that is relative or starts with ~ is refused with exit 2 and creates no folder where the command starts', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'delegate-cwd-'));
    try {
      for (const given of ['delegate-home', '~/delegate-home', './x/']) {
        const result = spawnSync(process.execPath, [DELEGATE_BIN, 'profiles', 'add', 'work'], { cwd, env: cliEnv(given), encoding: 'utf8' });
        expect(result.status, `${result.stdout}${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(`DELEGATE_HOME (${given}) is not a full path`);
        expect(result.stderr).toContain('What to do: Set DELEGATE_HOME to a full path');
      }
      expect(readdirSync(cwd)).toEqual([]); // no `delegate-home`, no folder named `~`
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('profile settings from the command line', () => {
  it('a warning period as long as the lifetime is refused on the command line, as the window refuses it', async () => {
    const result = await runCli(['profiles', 'add', 'work', '--lifetime-days', '30', '--warning-days', '60'], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stderr).toContain('--warning-days 60 must be fewer days than --lifetime-days 30');
    expect(existsSync(join(home, 'config.json'))).toBe(false);
    expect((await runCli(['profiles', 'add', 'work', '--lifetime-days', '30', '--warning-days', '29'], { home })).code).toBe(0);
  });
});

describe('a hand-edited config.json', () => {
  it('a config.json saved with a byte-order mark (as Notepad does) still loads its profiles', async () => {
    writeConfig(home, `\uFEFF${JSON.stringify({ version: 1, defaultProfile: 'work', profiles: { work: PROFILE } }, null, 2)}\r\n`);
    expect(await listProfiles(home)).toEqual([expect.objectContaining({ name: 'work', valid: true })]);
  });

  it('a config.json that holds null, a list or a number says it is not a JSON object, with the shape it should have', async () => {
    for (const [text, kind] of [['null', 'null'], ['[]', 'a list'], ['3', 'a number']]) {
      writeConfig(home, `${text}\n`);
      const result = await runCli(['profiles', 'list'], { home });
      expect(result.code, everything(result)).toBe(2);
      expect(result.stderr).toContain(`the file holds ${kind}, not a JSON object; it should look like {"version": 1, "profiles": {}}`);
    }
  });

  it('a profile named __proto__ is reported as invalid, and is still in the file after another profile is added', async () => {
    writeConfig(home, `{"version": 1, "defaultProfile": "work", "profiles": {"__proto__": ${JSON.stringify(PROFILE)}, "work": ${JSON.stringify(PROFILE)}}}\n`);
    const rows = await listProfiles(home);
    expect(rows.map((row) => [row.name, row.valid])).toEqual([['__proto__', false], ['work', true]]);
    expect((await runCli(['profiles', 'add', 'second'], { home })).code).toBe(0);
    const saved = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as { profiles: object };
    expect(Object.keys(saved.profiles)).toEqual(['__proto__', 'work', 'second']); // the person's entry is not dropped
  });

  it('a profile that differs from another only in case (Work beside work) is invalid, and removing it leaves work\'s folder', async () => {
    writeConfig(home, JSON.stringify({ version: 1, defaultProfile: 'work', profiles: { work: PROFILE, Work: { ...PROFILE, id: 'p-2' } } }));
    mkdirSync(join(home, 'profiles', 'work'), { recursive: true });
    writeFileSync(join(home, 'profiles', 'work', 'msal-cache.json'), '{"kept": true}\n');
    const rows = await listProfiles(home);
    expect(rows.map((row) => [row.name, row.valid])).toEqual([['work', true], ['Work', false]]);
    expect(rows[1]?.problems?.join(' ')).toContain('differs from the profile "work" only in case');
    const removed = await runCli(['profiles', 'remove', 'Work'], { home });
    expect(removed.code, everything(removed)).toBe(2);
    expect(readFileSync(join(home, 'profiles', 'work', 'msal-cache.json'), 'utf8')).toContain('kept');
  });

  it('profiles add Work is refused when work exists: on macOS and Windows both would share one folder', async () => {
    expect((await runCli(['profiles', 'add', 'work'], { home })).code).toBe(0);
    const result = await runCli(['profiles', 'add', 'Work'], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stderr).toContain('A profile named "work" already exists (names may not differ only in case');
    expect((await listProfiles(home)).map((row) => row.name)).toEqual(['work']);
  });

  it('Windows device names (CON, nul.txt, COM1) and a trailing dot are refused as profile names, on add and in config.json', async () => {
    for (const name of ['CON', 'nul.txt', 'COM1', 'work.']) {
      const result = await runCli(['profiles', 'add', name], { home });
      expect(result.code, everything(result)).toBe(2);
      expect(result.stderr).toContain(`"${name}" is not a valid profile name`);
    }
    expect(existsSync(join(home, 'config.json'))).toBe(false);
    writeConfig(home, JSON.stringify({ version: 1, defaultProfile: 'work', profiles: { work: PROFILE, 'aux': PROFILE, 'work.': PROFILE } }));
    const rows = await listProfiles(home);
    expect(rows.map((row) => [row.name, row.valid])).toEqual([['work', true], ['aux', false], ['work.', false]]);
    expect(rows[1]?.problems?.join(' ')).toContain('"aux" is the name of a device on Windows');
    expect(rows[2]?.problems?.join(' ')).toContain('must not end with a dot');
  });
});

describe('a hand-edited jobs.yaml', () => {
  beforeEach(async () => {
    expect((await runCli(['profiles', 'add', 'emu'], { home })).code).toBe(0);
  });

  it('job ids that differ only in case are refused (one lock and one attachments record on macOS and Windows); the first keeps running', async () => {
    writeFileSync(join(home, 'jobs.yaml'), scriptJobs(['Invoices', 'invoices', 'other']));
    const result = await runCli(['jobs', '--json'], { home });
    const listed = JSON.parse(result.stdout) as { jobs: Array<{ id: string }>; problems: Array<{ jobId?: string; message: string }> };
    expect(listed.jobs.map((job) => job.id)).toEqual(['Invoices', 'other']);
    expect(listed.problems).toEqual([expect.objectContaining({ jobId: 'invoices', message: expect.stringContaining('jobs[0] is "Invoices", which differs only in case') })]);
  });

  it('a job id such as CON or nul.daily is refused with the reason; the other jobs stay', async () => {
    writeFileSync(join(home, 'jobs.yaml'), scriptJobs(['CON', 'nul.daily', 'daily']));
    const result = await runCli(['jobs'], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stdout).toContain('daily [script]');
    expect(result.stdout).toContain('jobs[0].id: "CON" is the name of a device on Windows');
    expect(result.stdout).toContain('jobs[1].id: "nul" is the name of a device on Windows');
  });

  it('a job id YAML reads as a number (id: 2024) says to put it in quotes, not that the id is missing', async () => {
    writeFileSync(join(home, 'jobs.yaml'), scriptJobs(['x']).replace('id: "x"', 'id: 2024'));
    const result = await runCli(['jobs'], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stdout).toContain('jobs[0].id: must be text: YAML reads "2024" as a number, so put it in quotes (id: "2024")');
    expect(result.stdout).not.toContain('is required');
  });

  it('a "billion laughs" jobs.yaml (aliases of aliases) is refused at once as a problem of that file, not "something unexpected"', async () => {
    const levels = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 10; level++) levels.push(`  l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
    writeFileSync(join(home, 'jobs.yaml'), `jobs:\n  - id: laughs\n    schedule: "0 7 * * *"\n    profile: emu\n    action:\n      kind: graph.request\n      path: /me\n      body:\n${levels.map((line) => `  ${line.replace(/^ {2}/, '        ')}`).join('\n')}\n`);
    const result = await runCli(['jobs'], { home });
    expect(result.code, everything(result)).toBe(2);
    expect(result.stdout).toContain(`${join(home, 'jobs.yaml')}: Delegate did not read it: its aliases (*name) expand to far more data than the file holds`);
    expect(everything(result)).not.toContain('unexpected');
  });

  it('commenting out every job under "jobs:" stops them in the running scheduler, instead of keeping them as if the file were broken', async () => {
    writeFileSync(join(home, 'jobs.yaml'), scriptJobs(['daily', 'weekly']));
    const engine = await JobEngine.start({ home, createGraph: () => ({}) as GraphApi });
    try {
      expect(engine.jobs().jobs.map((job) => job.id)).toEqual(['daily', 'weekly']);
      writeFileSync(join(home, 'jobs.yaml'), `jobs:\n${scriptJobs(['daily', 'weekly']).split('\n').slice(1).map((line) => `#${line}`).join('\n')}`);
      const reloaded = engine.reload();
      expect(reloaded.fileError).toBeUndefined();
      expect(reloaded.jobs).toEqual([]);
    } finally {
      await engine.stop(0);
    }
    const listed = await runCli(['jobs'], { home });
    expect(listed.code, everything(listed)).toBe(0);
    expect(everything(listed)).not.toContain('cannot be read');
  });

  it('a file where the runs folder belongs is named in a plain sentence when a job runs', async () => {
    writeFileSync(join(home, 'jobs.yaml'), scriptJobs(['daily']));
    writeFileSync(join(home, 'runs'), 'not a folder\n');
    const result = await runCli(['run', 'daily'], { home });
    expect(result.code, everything(result)).not.toBe(0);
    expect(result.stderr).toContain(`${join(home, 'runs')} already exists and is not a folder, so Delegate could not create that folder.`);
    expect(readFileSync(join(home, 'runs'), 'utf8')).toBe('not a folder\n');
  });
});

describe('settings files the person keeps elsewhere and links into the home', () => {
  let dotfiles: string;
  beforeEach(() => {
    dotfiles = mkdtempSync(join(tmpdir(), 'delegate-dotfiles-'));
  });
  afterEach(() => rmSync(dotfiles, { recursive: true, force: true }));

  it('adding a profile to a linked config.json writes the person\'s own file and keeps the link', async () => {
    writeFileSync(join(dotfiles, 'config.json'), JSON.stringify({ version: 1, defaultProfile: 'work', profiles: { work: PROFILE } }));
    symlinkSync(join(dotfiles, 'config.json'), join(home, 'config.json'));
    const result = await runCli(['profiles', 'add', 'second'], { home });
    expect(result.code, everything(result)).toBe(0);
    expect(lstatSync(join(home, 'config.json')).isSymbolicLink()).toBe(true);
    const own = JSON.parse(readFileSync(join(dotfiles, 'config.json'), 'utf8')) as { profiles: object };
    expect(Object.keys(own.profiles)).toEqual(['work', 'second']);
  });

  it('pausing a job in the window writes a linked jobs.yaml\'s own file and keeps the link', async () => {
    expect((await runCli(['profiles', 'add', 'emu'], { home })).code).toBe(0);
    writeFileSync(join(dotfiles, 'jobs.yaml'), `# my jobs, kept in my dotfiles\n${scriptJobs(['daily'])}`);
    symlinkSync(join(dotfiles, 'jobs.yaml'), join(home, 'jobs.yaml'));
    const version = jobsFileVersion(readFileSync(join(home, 'jobs.yaml'), 'utf8'));
    editJobsFile(join(home, 'jobs.yaml'), version, (text) => setJobEnabled(text ?? '', 'daily', false));
    expect(lstatSync(join(home, 'jobs.yaml')).isSymbolicLink()).toBe(true);
    const own = readFileSync(join(dotfiles, 'jobs.yaml'), 'utf8');
    expect(own).toContain('# my jobs, kept in my dotfiles');
    expect(own).toContain('enabled: false');
    const listed = JSON.parse((await runCli(['jobs', '--json'], { home })).stdout) as { jobs: Array<{ id: string; enabled: boolean }> };
    expect(listed.jobs.map((job) => [job.id, job.enabled])).toEqual([['daily', false]]);
  });

  it('a linked jobs.yaml whose folder is not there (sync folder not mounted yet) keeps the jobs running and says so, instead of "no jobs"', async () => {
    expect((await runCli(['profiles', 'add', 'emu'], { home })).code).toBe(0);
    writeFileSync(join(dotfiles, 'jobs.yaml'), scriptJobs(['daily']));
    symlinkSync(join(dotfiles, 'jobs.yaml'), join(home, 'jobs.yaml'));
    const engine = await JobEngine.start({ home, createGraph: () => ({}) as GraphApi });
    try {
      expect(engine.jobs().jobs.map((job) => job.id)).toEqual(['daily']);
      rmSync(dotfiles, { recursive: true, force: true }); // the sync folder goes away
      const reloaded = engine.reload();
      expect(reloaded.jobs.map((job) => job.id)).toEqual(['daily']);
      expect(reloaded.fileError?.message).toContain(`it is a link to ${join(dotfiles, 'jobs.yaml')}, which does not exist`);
    } finally {
      await engine.stop(0);
    }
    const listed = await runCli(['jobs'], { home });
    expect(listed.code, everything(listed)).toBe(2);
    expect(listed.stdout).toContain('is its disk, network share or sync folder there?');
  });

  it('editing a linked jobs.yaml at its own place reaches the running scheduler without a restart', async () => {
    expect((await runCli(['profiles', 'add', 'emu'], { home })).code).toBe(0);
    writeFileSync(join(dotfiles, 'jobs.yaml'), scriptJobs(['daily']));
    symlinkSync(join(dotfiles, 'jobs.yaml'), join(home, 'jobs.yaml'));
    const engine = await JobEngine.start({ home, createGraph: () => ({}) as GraphApi });
    try {
      expect(engine.jobs().jobs.map((job) => job.id)).toEqual(['daily']);
      // As an editor saves: a new file renamed over the old one, in the person's own folder.
      writeFileSync(join(dotfiles, 'jobs.yaml.new'), scriptJobs(['daily', 'weekly']));
      renameSync(join(dotfiles, 'jobs.yaml.new'), join(dotfiles, 'jobs.yaml'));
      await until('the scheduler to reload the linked jobs file', () => (engine.jobs().jobs.length === 2 ? true : undefined));
      expect(engine.jobs().jobs.map((job) => job.id)).toEqual(['daily', 'weekly']);
    } finally {
      await engine.stop(0);
    }
  });
});
