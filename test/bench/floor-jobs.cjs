'use strict';
/**
 * The floor of `delegate jobs` (100 jobs): Node plus exactly what the list must read, each read done the cheapest
 * way, with no validation:
 *
 * - config.json, for the profiles the jobs name (and the default one);
 * - jobs.yaml, parsed with the same YAML library (`yaml`), since the list is the file's jobs;
 * - the meta.json of each profile the jobs use: its granted and refused scopes (a job its profile lacks a
 *   permission for is flagged);
 * - the history (node:sqlite, opened read-only): the newest run of each job, with the same skip-scan query;
 * It prints one line per job from what it read, the last run's start as a local date as any list would (ICU's date
 * formatting, ~10 ms). Computing the schedules (next run, words) is left out: that is work, not a read, so the
 * floor stays the lowest any `delegate jobs` could reach.
 *
 * Usage: node floor-jobs.cjs HOME
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [home] = process.argv.slice(2);
const config = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'));
const { jobs } = require('yaml').parse(readFileSync(join(home, 'jobs.yaml'), 'utf8'));
const grants = new Map();
for (const job of jobs) {
  const profile = job.profile ?? config.defaultProfile;
  if (!grants.has(profile)) grants.set(profile, JSON.parse(readFileSync(join(home, 'profiles', profile, 'meta.json'), 'utf8')).grantedScopes);
}
// node:sqlite says once that it is experimental; so would every `delegate jobs`, which hides it the same way.
process.emitWarning = () => {};
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(join(home, 'history.sqlite'), { readOnly: true });
const rows = db
  .prepare(
    `WITH RECURSIVE job_ids(job_id) AS (
       SELECT (SELECT MIN(job_id) FROM runs)
       UNION ALL
       SELECT (SELECT MIN(job_id) FROM runs WHERE job_id > job_ids.job_id) FROM job_ids WHERE job_ids.job_id IS NOT NULL
     )
     SELECT runs.* FROM job_ids JOIN runs ON runs.id = (SELECT MAX(r.id) FROM runs AS r WHERE r.job_id = job_ids.job_id)
     WHERE job_ids.job_id IS NOT NULL`,
  )
  .all();
db.close();
const lastRuns = new Map(rows.map((row) => [row.job_id, row]));
let out = '';
for (const job of jobs) {
  const last = lastRuns.get(job.id);
  out += `${job.id} [${job.action.kind}] ${job.schedule}; last: ${last ? `${last.status} ${new Date(last.started_at).toLocaleString()}` : 'never run'}; scopes: ${grants.get(job.profile ?? config.defaultProfile)?.length ?? 0}\n`;
}
process.stdout.write(out);
