/** Mail sent through `sendMail`, as the control API reports it for verification. */

export interface SentAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** Hex SHA-256 of the decoded bytes. */
  readonly sha256: string;
}

export interface SentMail {
  /** The mailbox the message was sent from (the signed-in user or a shared mailbox). */
  readonly from: string;
  readonly sentBy: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly bodyType: 'text' | 'html';
  readonly body: string;
  readonly attachments: readonly SentAttachment[];
  readonly saveToSentItems: boolean;
  readonly sentDateTime: string;
}

export class SentMailLog {
  private readonly entries: SentMail[] = [];

  record(entry: SentMail): void {
    this.entries.push(entry);
  }

  all(): readonly SentMail[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
