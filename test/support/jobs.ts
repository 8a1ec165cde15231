/**
 * Helpers for job tests: write a jobs file into a home, run a job through the CLI, read its result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli, type CliResult } from './cli.js';
import type { JobRun } from '../../shared/models/job-run.js';

export function writeJobs(home: string, jobs: Array<Record<string, unknown>>): void {
  writeFileSync(join(home, 'jobs.yaml'), stringify({ jobs }));
}

export async function runJob(home: string, id: string, env: NodeJS.ProcessEnv = {}): Promise<{ result: CliResult; run: JobRun }> {
  const result = await runCli(['run', id, '--json'], { home, env, timeoutMs: 90_000 });
  let run: JobRun;
  try {
    run = JSON.parse(result.stdout) as JobRun;
  } catch {
    throw new Error(`delegate run ${id} printed no run (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { result, run };
}
