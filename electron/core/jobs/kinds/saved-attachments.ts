/**
 * The record of what a mail.attachments job has saved: (message id, attachment id) → file name, in
 * `<home>/state/mail-attachments/<job id>.json`, written atomically after every file.
 *
 * It is what makes the job idempotent: an attachment saved once is never saved again, even when its message
 * could not be marked read (another attachment failed) and comes back on the next run. A damaged record is
 * moved aside (`….damaged-<time>`), never overwritten, and the run says so.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { keepDamagedFile } from '../../fs/damaged-file.js';
import { dirname } from 'node:path';
import { savedAttachmentsPath } from '../../home/home-paths.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';

interface RecordFile {
  version: 1;
  /** Key: `${messageId}\n${attachmentId}` (IDs never hold a newline). */
  saved: Record<string, { file: string; savedAt: string }>;
}

export class SavedAttachments {
  private constructor(
    private readonly path: string,
    private readonly data: RecordFile,
    /** Where a damaged record was moved, for the run summary. */
    readonly damagedCopy: string | undefined,
  ) {}

  static load(stateDir: string, jobId: string, now: Date): SavedAttachments {
    const path = savedAttachmentsPath(stateDir, jobId);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new SavedAttachments(path, empty(), undefined);
      throw error;
    }
    const parsed = parse(text);
    if (parsed) return new SavedAttachments(path, parsed, undefined);
    const kept = keepDamagedFile(path, {
      what: 'The record of saved attachments',
      reason: 'it is not a record Delegate wrote',
      consequence: 'started a new record; attachments already on disk with the same content are recognised and not saved again',
      now,
    });
    return new SavedAttachments(path, empty(), kept?.keptAs);
  }

  has(messageId: string, attachmentId: string): boolean {
    return Object.hasOwn(this.data.saved, key(messageId, attachmentId));
  }

  add(messageId: string, attachmentId: string, file: string, now: Date): void {
    this.data.saved[key(messageId, attachmentId)] = { file, savedAt: now.toISOString() };
    writeFileAtomic(this.path, `${JSON.stringify(this.data, null, 1)}\n`);
  }
}

function key(messageId: string, attachmentId: string): string {
  return `${messageId}\n${attachmentId}`;
}

function empty(): RecordFile {
  return { version: 1, saved: Object.create(null) as RecordFile['saved'] };
}

function parse(text: string): RecordFile | undefined {
  try {
    const value = JSON.parse(text) as Partial<RecordFile>;
    if (value?.version !== 1 || typeof value.saved !== 'object' || value.saved === null || Array.isArray(value.saved)) return undefined;
    const saved = Object.create(null) as RecordFile['saved'];
    for (const [entry, info] of Object.entries(value.saved)) {
      if (typeof info?.file !== 'string') return undefined;
      saved[entry] = { file: info.file, savedAt: String(info.savedAt) };
    }
    return { version: 1, saved };
  } catch {
    return undefined;
  }
}
