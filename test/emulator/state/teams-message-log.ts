/** Messages posted to Teams chats and channels, as the control API reports them. */

export interface PostedTeamsMessage {
  readonly id: string;
  readonly kind: 'chat' | 'channel';
  readonly chatId: string | null;
  readonly teamId: string | null;
  readonly channelId: string | null;
  /** UPN of the user who posted. */
  readonly from: string;
  readonly contentType: 'text' | 'html';
  readonly content: string;
  readonly subject: string | null;
  readonly createdDateTime: string;
}

export class TeamsMessageLog {
  private readonly entries: PostedTeamsMessage[] = [];
  private lastId = 0;

  /** Teams message IDs are the creation time in epoch milliseconds; kept unique within a burst. */
  nextId(now: Date): string {
    this.lastId = Math.max(now.getTime(), this.lastId + 1);
    return String(this.lastId);
  }

  record(entry: PostedTeamsMessage): void {
    this.entries.push(entry);
  }

  all(): readonly PostedTeamsMessage[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
