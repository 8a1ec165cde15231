import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containedPath, jobLockPath, profileDir } from '../../../electron/core/home/home-paths.js';

const HOME = resolve('/tmp/delegate-home');

describe('paths derived from names stay in their folder', () => {
  it('a plain name becomes a child of its folder', () => {
    expect(profileDir(HOME, 'work')).toBe(join(HOME, 'profiles', 'work'));
    expect(profileDir(HOME, 'constructor')).toBe(join(HOME, 'profiles', 'constructor'));
    expect(jobLockPath(HOME, 'daily-report')).toBe(join(HOME, 'runs', 'daily-report.lock'));
  });

  it.each(['..', '.', '../../x', 'a/b', 'a\\b', '', '/etc', 'x\u0000y', '-flag', '_x', 'a'.repeat(41)])('the profile name %j is refused', (name) => {
    expect(() => profileDir(HOME, name)).toThrow(/is not a valid profile name/);
  });

  it.each(['..', '../x', 'a/b', '', '.hidden'])('the job id %j gets no lock file path', (id) => {
    expect(() => jobLockPath(HOME, id)).toThrow(/is not a valid job id/);
  });

  it.each(['..', '.', '', '../x', 'a/b', '/abs', 'x\u0000'])('the containment check alone refuses %j, whatever pattern let it through', (name) => {
    expect(() => containedPath(HOME, name, 'test file')).toThrow(/Refusing to use .* as a test file: it would point outside/);
  });
});
