import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../../electron/core/logging/log-file.js';
import { readLogs, type LogRecord } from '../../../electron/core/logging/log-reader.js';
import { pollOnce } from '../../../electron/core/logging/log-follow.js';
import { parseSince } from '../../../electron/core/logging/log-since.js';
import type { LogSource } from '../../../electron/core/logging/log-entry.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

/** A writer whose clock is set by the test. */
function writer(source: LogSource, options: { maxBytes?: number; keepFiles?: number } = {}) {
  let now = new Date('2026-12-01T08:00:00.000Z');
  const log = new LogFile({ home, source, now: () => now, ...options });
  return {
    at(iso: string, message: string) {
      now = new Date(iso);
      log.info(message);
    },
    close: () => log.close(),
  };
}

const messages = (records: LogRecord[]) => records.map((record) => (record.kind === 'entry' ? record.entry.message : `text: ${record.text}`));

describe('reading the logs back', () => {
  it('merges the app and the daemon files, rotated ones included, in time order', () => {
    const daemon = writer('daemon', { maxBytes: 1024, keepFiles: 10 });
    const app = writer('app');
    for (let n = 0; n < 30; n++) {
      const minute = String(n).padStart(2, '0');
      if (n % 2 === 0) daemon.at(`2026-12-01T08:${minute}:00.000Z`, `daemon ${n} ${'x'.repeat(30)}`);
      else app.at(`2026-12-01T08:${minute}:00.000Z`, `app ${n}`);
    }
    daemon.close();
    app.close();
    const { records, anyFiles } = readLogs(home);
    expect(anyFiles).toBe(true);
    expect(messages(records).map((message) => Number(message.split(' ')[1]))).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it('keeps lines that are not entries (a hand edit, a torn write) in place, as their text', () => {
    mkdirSync(join(home, 'logs'));
    writeFileSync(
      join(home, 'logs', 'daemon.log'),
      `${JSON.stringify({ time: '2026-12-01T08:00:00.000Z', level: 'info', source: 'daemon', message: 'first' })}\nnot json at all\n${JSON.stringify({ time: '2026-12-01T09:00:00.000Z', level: 'info', source: 'daemon', message: 'second' })}\n{"time":"2026-12-01T10:0`,
    );
    expect(messages(readLogs(home).records)).toEqual(['first', 'text: not json at all', 'second']);
  });

  it('keeps only the chosen source and the lines since a time', () => {
    const daemon = writer('daemon');
    const app = writer('app');
    daemon.at('2026-12-01T08:00:00.000Z', 'old daemon');
    app.at('2026-12-01T09:00:00.000Z', 'app');
    daemon.at('2026-12-01T10:00:00.000Z', 'new daemon');
    expect(messages(readLogs(home, { sources: ['daemon'] }).records)).toEqual(['old daemon', 'new daemon']);
    expect(messages(readLogs(home, { since: new Date('2026-12-01T08:30:00Z') }).records)).toEqual(['app', 'new daemon']);
  });

  it('says there are no files when the logs folder is missing', () => {
    expect(readLogs(home)).toMatchObject({ records: [], anyFiles: false });
  });
});

describe('following the logs', () => {
  it('sees new lines, and the rest of a file rotated meanwhile before the new file', () => {
    const daemon = writer('daemon', { maxBytes: 1024, keepFiles: 3 });
    daemon.at('2026-12-01T08:00:00.000Z', 'before');
    const snapshot = readLogs(home);
    expect(pollOnce({ home, positions: snapshot.positions })).toEqual([]);
    daemon.at('2026-12-01T08:01:00.000Z', 'new one');
    expect(messages(pollOnce({ home, positions: snapshot.positions }))).toEqual(['new one']);
    // Enough lines to rotate at least once between two looks.
    for (let n = 0; n < 12; n++) daemon.at(`2026-12-01T08:02:${String(n).padStart(2, '0')}.000Z`, `burst ${n} ${'y'.repeat(60)}`);
    const seen = messages(pollOnce({ home, positions: snapshot.positions }));
    expect(seen.map((message) => message.split(' ').slice(0, 2).join(' '))).toEqual(Array.from({ length: 12 }, (_, n) => `burst ${n}`));
    daemon.close();
  });

  it('waits for a line that is still being written', () => {
    mkdirSync(join(home, 'logs'));
    const path = join(home, 'logs', 'app.log');
    writeFileSync(path, '');
    const snapshot = readLogs(home);
    appendFileSync(path, '{"time":"2026-12-01T08:00:00.000Z","level":"info","source":"app","mess');
    expect(pollOnce({ home, positions: snapshot.positions })).toEqual([]);
    appendFileSync(path, 'age":"whole"}\n');
    expect(messages(pollOnce({ home, positions: snapshot.positions }))).toEqual(['whole']);
  });

  it('picks up a source whose file appears only after it started', () => {
    const snapshot = readLogs(home);
    writer('app').at('2026-12-01T08:00:00.000Z', 'app started');
    expect(messages(pollOnce({ home, positions: snapshot.positions }))).toEqual(['app started']);
  });
});

describe('--since', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');
  it('takes ages in seconds, minutes, hours, days and weeks', () => {
    expect(parseSince('30s', now).toISOString()).toBe('2026-12-03T11:59:30.000Z');
    expect(parseSince('10m', now).toISOString()).toBe('2026-12-03T11:50:00.000Z');
    expect(parseSince('2h', now).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(parseSince('3d', now).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(parseSince('1w', now).toISOString()).toBe('2026-11-26T12:00:00.000Z');
  });

  it('takes ISO dates (local midnight) and date-times with or without a zone', () => {
    expect(parseSince('2026-12-01T08:00:00Z', now).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseSince('2026-12-01T08:00+02:00', now).toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(parseSince('2026-12-01', now).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(parseSince('2026-12-01T08:30', now).getTime()).toBe(new Date(2026, 11, 1, 8, 30).getTime());
  });

  it.each(['yesterday', '10', '-5m', '2026-02-31', '2026-13-01', '10 minutes', '', '1e3h', '2026-12-01T25:00'])('refuses %j with what it accepts', (text) => {
    expect(() => parseSince(text, now)).toThrow(/--since .* is neither a date nor an age/);
  });
});
