/**
 * The scheduler's own state, kept in `<home>/state/scheduler.json`: whether scheduled runs are paused, and the
 * plan (enabled? which schedule?) each job had when the scheduler last saw it.
 *
 * Pause lives here so that it survives a restart of the app or of `delegate daemon` alike. The plans let the
 * scheduler tell "the job was off" (disabled, removed or given a new schedule: its missed runs are not caught up)
 * from "the computer or Delegate was off" (caught up once). Written atomically; a damaged file is moved aside
 * (`scheduler.json.damaged-<time>`, never deleted) and the scheduler goes on with a fresh state and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { keepDamagedFile } from '../fs/damaged-file.js';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { withOsWords } from '../errors/os-error.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import type { Clock } from '../clock.js';

export const SCHEDULER_STATE_FILE = join('state', 'scheduler.json');
/** Far larger than any real state (10,000 jobs × ~100 bytes); a bigger file is not ours. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;

/** Where a job's plan is remembered between restarts, for the scheduler. */
export interface PlanBook {
  plans(): ReadonlyMap<string, string>;
  savePlans(plans: ReadonlyMap<string, string>): void;
}

interface StateFile {
  version: 1;
  paused: boolean;
  pausedAt: string | null;
  plans: Record<string, string>;
}

export function schedulerStatePath(home: string): string {
  return join(home, SCHEDULER_STATE_FILE);
}

function parseState(text: string): StateFile {
  const value = JSON.parse(text) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record.paused !== 'boolean') throw new Error('"paused" is not true or false');
  const plans = record.plans ?? {};
  if (!plans || typeof plans !== 'object' || Array.isArray(plans)) throw new Error('"plans" is not an object');
  const clean: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [id, plan] of Object.entries(plans)) {
    if (typeof plan !== 'string') throw new Error(`the plan of "${id}" is not text`);
    clean[id] = plan;
  }
  return { version: 1, paused: record.paused, pausedAt: typeof record.pausedAt === 'string' ? record.pausedAt : null, plans: clean };
}

export class SchedulerStateStore implements PlanBook {
  private state: StateFile;

  /** Reads the state; a damaged file is kept aside and reported through `log`, never a reason not to start. */
  constructor(
    private readonly home: string,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.state = this.read();
  }

  isPaused(): boolean {
    return this.state.paused;
  }

  pausedAt(): string | null {
    return this.state.pausedAt;
  }

  /** Remembers pause; returns false (and logs why) when it could not be saved, so it holds only until a restart. */
  setPaused(paused: boolean): boolean {
    if (this.state.paused === paused) return true;
    this.state = { ...this.state, paused, pausedAt: paused ? this.clock.now().toISOString() : null };
    return this.write(paused ? 'pause' : 'resume');
  }

  plans(): ReadonlyMap<string, string> {
    return new Map(Object.entries(this.state.plans));
  }

  savePlans(plans: ReadonlyMap<string, string>): void {
    const next: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [id, plan] of plans) next[id] = plan;
    this.state = { ...this.state, plans: next };
    this.write('job plans');
  }

  private read(): StateFile {
    const path = schedulerStatePath(this.home);
    const fresh: StateFile = { version: 1, paused: false, pausedAt: null, plans: Object.create(null) as Record<string, string> };
    if (!existsSync(path)) return fresh;
    try {
      const text = readFileSync(path, 'utf8');
      if (text.length > MAX_STATE_BYTES) throw new Error('far too large');
      return parseState(text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined) {
        // The file system, not damage (a folder there, no permission, a disk error): the file is left where it is.
        this.log(`scheduler state ${path} could not be read (${(withOsWords(error, { path }) as Error).message}); going on without it: scheduled runs are not paused. Fix or remove ${path} to clear this.`);
        return fresh;
      }
      const reason = (error as Error).message;
      try {
        const kept = keepDamagedFile(path, {
          what: 'The scheduler state',
          reason,
          consequence: 'started afresh: scheduled runs are not paused, and jobs re-enabled before now may catch up once',
          now: this.clock.now(),
        });
        if (kept) this.log(kept.message);
      } catch (renameError) {
        this.log(`scheduler state ${path} is damaged (${reason}) and could not be moved aside (${(renameError as Error).message}); going on without it: scheduled runs are not paused. Move or delete the file to clear this.`);
      }
      return fresh;
    }
  }

  private write(what: string): boolean {
    const path = schedulerStatePath(this.home);
    try {
      ensurePrivateDir(join(this.home, 'state'));
      writeFileAtomic(path, `${JSON.stringify(this.state, null, 2)}\n`);
      return true;
    } catch (error) {
      this.log(`scheduler state: could not save the ${what} to ${path} (${(error as Error).message}); it holds until Delegate restarts`);
      return false;
    }
  }
}
