/**
 * Cold-process measurements for the CLI benchmark: wall time and peak RSS of one command, through
 * rss-runner.py (one long-lived Python that forks, execs and wait4s each command), and the medians of many.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Measured {
  ms: number;
  /** The command's peak resident set (ru_maxrss), in KiB. */
  maxrssKiB: number;
  code: number;
  stdout: string;
}

export interface Runner {
  /** Runs `argv` (argv[0] an absolute path) with exactly `env`, one command at a time. */
  measure(argv: string[], env: NodeJS.ProcessEnv): Promise<Measured>;
  close(): void;
}

export function startRunner(): Runner {
  const script = fileURLToPath(new URL('./rss-runner.py', import.meta.url));
  const child = spawn('python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    measure(argv, env) {
      const next = queue.then(async () => {
        child.stdin.write(`${JSON.stringify({ argv, env: definedOnly(env) })}\n`);
        const answer = await lines.next();
        if (answer.done) throw new Error('rss-runner.py stopped');
        return JSON.parse(answer.value) as Measured;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    close() {
      child.stdin.end();
    },
  };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
