/** Requests the emulator received (the control API excluded), for "no network call was made" checks. */

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly grantType: string | undefined;
  /** Real wall-clock time, for measuring polling intervals. */
  readonly time: string;
  /** The emulator clock at the same moment. */
  readonly emulatorTime: string;
  status: number | undefined;
  /** Real milliseconds from the request's arrival to the end of the answer. */
  durationMs: number | undefined;
  fault: string | undefined;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  all(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
