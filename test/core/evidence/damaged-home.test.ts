/**
 * An evidence pack over a damaged home: a history database that is not SQLite, a profile whose sign-in record is
 * garbage, a jobs file with invalid jobs, fifty profiles, and a script job with a secret in its arguments. The pack
 * is still written, says what it could not read, keeps the damaged files where they were, and repeats no secret.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../electron/core/evidence/evidence-pack.js';
import { profilePaths } from '../../../electron/core/config/profile-paths.js';
import { historyPath } from '../../../electron/core/history/history-store.js';
import { jobsFilePath } from '../../../electron/core/jobs/jobs-file.js';
import { makeHome } from '../../support/test-home.js';
import { writeJobs } from '../../support/jobs.js';
import { addSignedInProfile } from './evidence-home.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const build = (extra: { all?: boolean; profile?: string } = {}) => buildEvidencePack({ home, clock: { now: () => NOW }, version: '9.9.9', runningFiles: [], env: {}, platform: 'linux', ...extra });

describe('an evidence pack over a damaged home', () => {
  it('is still written when the history database is damaged, says the history could not be read, and leaves the database where it was', async () => {
    await addSignedInProfile(home, 'work', {});
    writeJobs(home, [{ id: 'report', schedule: '0 7 * * *', action: { kind: 'graph.request', path: '/v1.0/me' } }]);
    const damaged = 'this is not a SQLite database, a disk error ate it'.repeat(100);
    writeFileSync(historyPath(home), damaged);
    const pack = await build();
    // Not "0 runs" as if nothing ran: the pack says the history was set aside and where its runs are.
    expect(pack.facts.historyKeptAside).toHaveLength(1);
    const keptAs = pack.facts.historyKeptAside[0]?.keptAs ?? '';
    expect(pack.html).toContain(`set aside as <code>${keptAs}</code>`);
    expect(pack.html).toMatch(/runs recorded before then are not counted/);
    expect(pack.html).toContain('report');
    // Damaged state is kept, never deleted: the database file (or a copy set aside) still holds its bytes.
    const kept = readdirSync(join(historyPath(home), '..')).filter((name) => name.startsWith(historyPath(home).split('/').at(-1) ?? 'x'));
    expect(kept.some((name) => readFileSync(join(historyPath(home), '..', name), 'utf8') === damaged)).toBe(true);
  });

  it("still describes a profile whose sign-in record is garbage, and keeps the record's bytes", async () => {
    await addSignedInProfile(home, 'work', {});
    const meta = profilePaths(home, 'work').meta;
    writeFileSync(meta, '{"account": {"username": ');
    const pack = await build({ profile: 'work' });
    expect(pack.facts.profiles.map((profile) => profile.name)).toEqual(['work']);
    expect(existsSync(meta) || readdirSync(profilePaths(home, 'work').dir).some((name) => name.startsWith('meta'))).toBe(true);
  });

  it('lists invalid jobs as problems of the jobs file instead of failing, and fifty profiles all appear', async () => {
    for (let index = 0; index < 50; index++) await addSignedInProfile(home, `p${index}`, {});
    writeFileSync(jobsFilePath(home), 'jobs:\n  - id: ../../etc\n    schedule: "61 * * * *"\n    action: {kind: nope}\n  - id: fine\n    schedule: "0 7 * * *"\n    profile: p7\n    action: {kind: graph.request, path: /v1.0/me}\n');
    const pack = await build({ all: true });
    expect(pack.facts.profiles).toHaveLength(50);
    expect(pack.facts.jobs.map((job) => job.id)).toEqual(['fine']);
    expect(pack.facts.jobsFile.problems.length).toBeGreaterThan(0);
  });

  it("redacts a token-looking string in a script job's arguments", async () => {
    await addSignedInProfile(home, 'work', {});
    const refreshToken = `0.AXoA${'k9Jx2bQ7'.repeat(20)}`;
    const clientSecret = `abc8Q~${'x1Y2z3W4v5'.repeat(4)}`;
    writeJobs(home, [
      { id: 'etl', schedule: '0 7 * * *', profile: 'work', action: { kind: 'script', command: '/usr/bin/python3', args: ['etl.py', '--refresh-token', refreshToken, `--secret=${clientSecret}`, 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345'] } },
    ]);
    const pack = await build({ profile: 'work' });
    for (const secret of [refreshToken, clientSecret, 'abcdefghijklmnopqrstuvwxyz012345']) expect(pack.html).not.toContain(secret);
    expect(pack.html).toContain('etl.py');
  });
});
