import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAC_LINK, commandLineToolPlan, installCommandLineTool, type CommandLineToolPlan } from '../../../electron/core/launcher/command-line-tool.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delegate cli tool '));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const context = { isPackaged: true, resourcesPath: '/Applications/Delegate.app/Contents/Resources', env: {}, homeDir: '/home/me' };

function thrown(action: () => unknown): DelegateError {
  try {
    action();
  } catch (error) {
    if (error instanceof DelegateError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('what "Install command line tool" does on each system', () => {
  it('links /usr/local/bin/delegate to the launcher inside Delegate.app on macOS', () => {
    expect(commandLineToolPlan({ ...context, platform: 'darwin' })).toEqual({ kind: 'link', path: MAC_LINK, target: '/Applications/Delegate.app/Contents/Resources/bin/delegate' });
  });

  it('writes ~/.local/bin/delegate running the AppImage file (not its temporary mount) with the CLI marker', () => {
    const plan = commandLineToolPlan({ ...context, platform: 'linux', resourcesPath: '/tmp/.mount_Deleg1/resources', env: { APPIMAGE: "/home/me/Apps/Delegate's 0.1.0.AppImage" } });
    expect(plan).toMatchObject({ kind: 'script', path: '/home/me/.local/bin/delegate' });
    expect(plan?.kind === 'script' && plan.text).toContain(`exec '/home/me/Apps/Delegate'\\''s 0.1.0.AppImage' --delegate-cli -- "$@"\n`);
  });

  it('has nothing to do where an installer already did it (deb, Windows) or in a checkout', () => {
    expect(commandLineToolPlan({ ...context, platform: 'linux' })).toBeNull();
    expect(commandLineToolPlan({ ...context, platform: 'win32' })).toBeNull();
    expect(commandLineToolPlan({ ...context, platform: 'darwin', isPackaged: false })).toBeNull();
  });
});

describe('installing the command line tool', () => {
  it('writes an AppImage script that runs the AppImage with exactly the arguments typed, and says when its folder is not on PATH', () => {
    const record = join(dir, 'argv');
    const appImage = join(dir, 'My Apps', 'Delegate.AppImage');
    mkdirSync(join(appImage, '..'));
    writeFileSync(appImage, `#!/bin/sh\nprintf '%s\\0' "$@" > '${record}'\nexit 4\n`);
    chmodSync(appImage, 0o755);
    const plan = commandLineToolPlan({ ...context, platform: 'linux', homeDir: join(dir, 'home'), env: { APPIMAGE: appImage } }) as CommandLineToolPlan;
    const result = installCommandLineTool(plan, { PATH: '/usr/bin:/bin' });
    expect(result.onPath).toBe(false);
    expect(result.message).toContain(`${join(dir, 'home', '.local', 'bin')} is not on your PATH yet: add \`export PATH=`);
    expect(statSync(plan.path).mode & 0o777).toBe(0o755);
    const run = spawnSync(plan.path, ['run', 'two words', '--delegate-cli'], { encoding: 'utf8' });
    expect(run.status).toBe(4);
    expect(readFileSync(record, 'utf8').split('\0').slice(0, -1)).toEqual(['--delegate-cli', '--', 'run', 'two words', '--delegate-cli']);
    // Again (the AppImage moved): its own script is replaced, and now the folder is on PATH.
    const again = installCommandLineTool(plan, { PATH: `/usr/bin:${join(dir, 'home', '.local', 'bin')}` });
    expect(again).toMatchObject({ onPath: true, message: expect.stringContaining('Open a new terminal and run `delegate status`') });
  });

  it('links to the app\'s launcher, replaces a link to another Delegate.app, and leaves no temporary file', () => {
    const plan: CommandLineToolPlan = { kind: 'link', path: join(dir, 'bin', 'delegate'), target: '/Applications/Delegate.app/Contents/Resources/bin/delegate' };
    installCommandLineTool(plan, {});
    expect(readlinkSync(plan.path)).toBe(plan.target);
    rmSync(plan.path);
    symlinkSync('/Users/me/Downloads/Delegate.app/Contents/Resources/bin/delegate', plan.path);
    installCommandLineTool(plan, {});
    expect(readlinkSync(plan.path)).toBe(plan.target);
    expect(() => lstatSync(`${plan.path}.delegate-new`)).toThrow();
  });

  it('never replaces a delegate that is not Delegate\'s own, and says what to do', () => {
    const link: CommandLineToolPlan = { kind: 'link', path: join(dir, 'delegate'), target: '/Applications/Delegate.app/Contents/Resources/bin/delegate' };
    symlinkSync('/usr/local/lib/node_modules/delegate/bin/delegate.cjs', link.path);
    const error = thrown(() => installCommandLineTool(link, {}));
    expect(error.message).toBe(`There is already a delegate command at ${link.path} that is not the Delegate app's (it links to /usr/local/lib/node_modules/delegate/bin/delegate.cjs); it was left as it is.`);
    expect(error.action).toContain('Remove or rename');
    expect(readlinkSync(link.path)).toBe('/usr/local/lib/node_modules/delegate/bin/delegate.cjs');

    const script: CommandLineToolPlan = { kind: 'script', path: join(dir, 'mine', 'delegate'), text: '#!/bin/sh\n' };
    mkdirSync(join(dir, 'mine'));
    writeFileSync(script.path, '#!/bin/sh\necho my own tool\n');
    expect(thrown(() => installCommandLineTool(script, {})).message).toContain('it is a file Delegate did not write');
    expect(readFileSync(script.path, 'utf8')).toBe('#!/bin/sh\necho my own tool\n');
  });

  it('never writes through a leftover link where it puts its temporary script, so someone else\'s file stays as it was', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const theirs = join(dir, 'their-notes.txt');
    writeFileSync(theirs, 'my notes\n');
    // A link left (or planted) at the name the script is first written to, beside ~/.local/bin/delegate.
    symlinkSync(theirs, join(bin, 'delegate.delegate-new'));
    const plan: CommandLineToolPlan = { kind: 'script', path: join(bin, 'delegate'), text: '#!/bin/sh\n# delegate: written by Delegate\'s "Install command line tool"\nexec true\n' };
    installCommandLineTool(plan, {});
    expect(readFileSync(theirs, 'utf8')).toBe('my notes\n');
    expect(statSync(theirs).mode & 0o111).toBe(0);
    expect(readFileSync(plan.path, 'utf8')).toBe(plan.text);
    expect(lstatSync(plan.path).isSymbolicLink()).toBe(false);
  });

  it('says exactly which Terminal command to run when the folder needs administrator rights', () => {
    // /sys refuses new entries even to root: a real refusal from the OS.
    const plan: CommandLineToolPlan = { kind: 'link', path: `/sys/delegate-test-${process.pid}`, target: "/Applications/Delegate's.app/Contents/Resources/bin/delegate" };
    const error = thrown(() => installCommandLineTool(plan, {}));
    expect(error).toMatchObject({ code: 'file-access', message: `Delegate could not create ${plan.path}: /sys needs administrator rights.` });
    expect(error.action).toBe(`In Terminal, run: sudo mkdir -p '/sys' && sudo ln -sf '/Applications/Delegate'\\''s.app/Contents/Resources/bin/delegate' '${plan.path}'`);
  });
});
