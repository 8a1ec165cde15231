/**
 * The last part of a process's output, bounded in memory whatever the process prints.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limitBytes = 16 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limitBytes && this.chunks.length > 1) {
      this.size -= (this.chunks.shift() as Buffer).length;
      this.dropped = true;
    }
  }

  text(): string {
    let buffer = Buffer.concat(this.chunks);
    if (buffer.length > this.limitBytes) {
      buffer = buffer.subarray(buffer.length - this.limitBytes);
      this.dropped = true;
    }
    const text = buffer.toString('utf8');
    // Start at a line boundary when the beginning was cut, so the tail does not open mid-line.
    return this.dropped ? `…\n${text.slice(text.indexOf('\n') + 1)}` : text;
  }
}
