/**
 * What a job kind gets to do its work: the Graph API (silent tokens only), a way to get a raw token for a
 * script, the cancellation signal (timeout or shutdown), and paths resolved against Delegate's home.
 */
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { TransportOptions } from '../../net/transport-factory.js';
import type { BrokerToken } from '../../broker/token-broker.js';
import type { RunBrokerCounts } from '../../../../shared/models/job-run.js';

/** The slice of the Graph client the kinds use; GraphClient satisfies it. */
export interface GraphApi {
  request<T>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string>; signal?: AbortSignal; idempotent?: boolean }): Promise<{ status: number; body: T; requestId?: string; headers: Record<string, string> }>;
  paged<T>(path: string, options?: { query?: Record<string, string>; signal?: AbortSignal }): AsyncIterable<T>;
  download(path: string, destination: string, options?: { signal?: AbortSignal; skipIfUnchanged?: boolean }): Promise<{ bytes: number; skipped: boolean; eTag?: string; sha256: string }>;
  upload(parentPath: string, fileName: string, source: string, options?: { conflictBehavior?: 'fail' | 'replace' | 'rename'; signal?: AbortSignal }): Promise<{ id?: string; name?: string; size?: number; webUrl?: string }>;
}

export interface KindContext {
  job: Job;
  graph: GraphApi;
  /** A silent access token: the profile's Graph scopes, the given ones, or another resource's `.default`. */
  token(request?: { scopes?: readonly string[]; resource?: string }): Promise<string>;
  signal: AbortSignal;
  /** A path from the jobs file, made absolute against Delegate's home. */
  resolvePath(path: string): string;
  /**
   * The same for every try of one occurrence (the job-level retries of a scheduled time, or of one manual run),
   * different for the next: what lets mail.send find a copy an earlier try may already have sent.
   */
  occurrenceKey: string;
  /** `<home>/state`: where kinds keep what they must remember between runs (saved attachments). */
  stateDir: string;
  /** The profile's CA file and proxy setting, which scripts inherit (child-network-env.ts). */
  network?: TransportOptions;
  /** The runner's clock. */
  now(): Date;
  /** Keeps a script's (already redacted) output tail for the history, whatever the outcome of the run. */
  reportOutput(tail: string): void;
  /** `token` with the expiry (the script's token broker needs it); absent in tests of other kinds. */
  issueToken?(request?: { scopes?: readonly string[]; resource?: string }): Promise<BrokerToken>;
  /** The profile's Graph root and extra resources: what a script's token broker serves by default. */
  brokerDefaults?: { graphRoot: string; extraResources: readonly string[] };
  /** Keeps the token broker's request counts for the history, whatever the outcome of the run. */
  reportBroker?(counts: RunBrokerCounts): void;
  /** The run's log (the daemon's output, the app's log); never given a secret. */
  log?(line: string): void;
}

export interface KindResult {
  /** One line for the history: what the run did. */
  summary: string;
  outputTail?: string;
}
