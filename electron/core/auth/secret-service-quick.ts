/**
 * The Secret Service's `Locked` question asked in-process, for the cached `delegate token` path: a few bytes on
 * the session bus's socket instead of starting `dbus-send` (fork and exec, about 10 ms a run).
 *
 * It only ever says "usable": the default collection answered `Locked = false`. Anything else — locked, an error,
 * no answer within a second, a bus address it does not read (only unix:path= and unix:abstract=), a reply it does
 * not understand — is `undefined`, and the caller asks secret-service-state.ts's dbus-send, whose answer and words
 * stay the only ones a person ever sees. So it can make the healthy case faster and nothing else different.
 *
 * The D-Bus wire protocol as far as needed: SASL EXTERNAL, BEGIN, Hello and Properties.Get in one write, little-endian.
 */
import { createConnection, type Socket } from 'node:net';

const PATIENCE_MS = 1_000;

let early: Promise<true | undefined> | undefined;

/**
 * Asks now, for the next secretServiceSaysUsable() of this process to take: the cached `delegate token` asks
 * first thing, so the answer travels while it reads its files and loads keytar. Linux only.
 */
export function askSecretServiceEarly(): void {
  if (process.platform === 'linux') early ??= secretServiceSaysUsable();
}

/** The early answer if one was asked for (once: a later question asks afresh), else a new question. */
export function secretServiceUsableAnswer(): Promise<true | undefined> {
  const answer = early ?? secretServiceSaysUsable();
  early = undefined;
  return answer;
}

/** True when the Secret Service's default collection said it is not locked; undefined for "ask dbus-send". */
export function secretServiceSaysUsable(env: NodeJS.ProcessEnv = process.env): Promise<true | undefined> {
  const path = socketPath(env.DBUS_SESSION_BUS_ADDRESS);
  const uid = process.getuid?.();
  if (path === undefined || uid === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket: Socket = createConnection({ path });
    let settled = false;
    const finish = (answer: true | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(undefined), PATIENCE_MS);
    timer.unref();
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    let authenticated = false;
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!authenticated) {
        const end = received.indexOf('\r\n');
        if (end < 0) return;
        if (!received.subarray(0, end).toString('latin1').startsWith('OK ')) return finish(undefined);
        authenticated = true;
        received = received.subarray(end + 2);
      }
      for (;;) {
        const message = nextMessage(received);
        if (message === null) return; // wait for the rest
        if (message === 'bad') return finish(undefined);
        received = received.subarray(message.length);
        if (message.replySerial !== GET_SERIAL) continue; // Hello's reply, NameAcquired and such
        return finish(message.type === METHOD_RETURN && isFalseBooleanVariant(message.body) ? true : undefined);
      }
    });
    // All of it at once, written as soon as the socket connects: the bus reads BEGIN and the messages after it
    // once it has said OK (pipelined authentication, as sd-bus does), so the answer needs one round trip.
    const auth = Buffer.from(`\0AUTH EXTERNAL ${Buffer.from(String(uid), 'latin1').toString('hex')}\r\nBEGIN\r\n`, 'latin1');
    socket.write(Buffer.concat([auth, hello(), getLocked()]));
  });
}

/** The socket of a `unix:path=…` or `unix:abstract=…` address (the first that is one); undefined otherwise. */
export function socketPath(address: string | undefined): string | undefined {
  for (const entry of (address ?? '').split(';')) {
    if (!entry.startsWith('unix:')) continue;
    const keys = new Map(entry.slice(5).split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const));
    const path = keys.get('path');
    if (path && !path.includes('%')) return path;
    const abstract = keys.get('abstract');
    if (abstract && !abstract.includes('%')) return `\0${abstract}`;
  }
  return undefined;
}

const METHOD_CALL = 1;
const METHOD_RETURN = 2;
const GET_SERIAL = 2;

/** One method call, marshalled little-endian: header fields PATH, INTERFACE, MEMBER, DESTINATION (+ SIGNATURE). */
function methodCall(serial: number, fields: { path: string; iface: string; member: string; destination: string }, body?: { signature: string; strings: string[] }): Buffer {
  const writer = new Writer();
  writer.byte(0x6c); // 'l'
  writer.byte(METHOD_CALL);
  writer.byte(0);
  writer.byte(1);
  const bodyBytes = body ? stringsBody(body.strings) : Buffer.alloc(0);
  writer.uint32(bodyBytes.length);
  writer.uint32(serial);
  const header = new Writer();
  const field = (code: number, signature: string, value: string) => {
    header.align(8);
    header.byte(code);
    header.signature(signature);
    if (signature === 'g') header.signature(value);
    else header.string(value);
  };
  field(1, 'o', fields.path);
  field(2, 's', fields.iface);
  field(3, 's', fields.member);
  field(6, 's', fields.destination);
  if (body) field(8, 'g', body.signature);
  const headerBytes = header.bytes();
  writer.uint32(headerBytes.length);
  // The header array's elements start 8-aligned counted from the message start (offset 16 is).
  writer.raw(headerBytes);
  writer.align(8);
  writer.raw(bodyBytes);
  return writer.bytes();
}

function stringsBody(strings: string[]): Buffer {
  const writer = new Writer();
  for (const value of strings) {
    writer.align(4);
    writer.string(value);
  }
  return writer.bytes();
}

class Writer {
  private parts: number[] = [];
  byte(value: number): void {
    this.parts.push(value & 0xff);
  }
  uint32(value: number): void {
    this.align(4);
    for (let shift = 0; shift < 32; shift += 8) this.parts.push((value >>> shift) & 0xff);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint32(bytes.length);
    this.parts.push(...bytes, 0);
  }
  signature(value: string): void {
    this.byte(value.length);
    this.parts.push(...Buffer.from(value, 'latin1'), 0);
  }
  raw(bytes: Buffer): void {
    this.parts.push(...bytes);
  }
  align(to: number): void {
    while (this.parts.length % to !== 0) this.parts.push(0);
  }
  bytes(): Buffer {
    return Buffer.from(this.parts);
  }
}

interface Message {
  length: number;
  type: number;
  replySerial: number | undefined;
  body: Buffer;
}

/** The first complete message in `data`; null when more bytes are needed, 'bad' for what this does not read. */
function nextMessage(data: Buffer): Message | null | 'bad' {
  if (data.length < 16) return null;
  const littleEndian = data[0] === 0x6c;
  if (!littleEndian && data[0] !== 0x42) return 'bad';
  const u32 = (offset: number) => (littleEndian ? data.readUInt32LE(offset) : data.readUInt32BE(offset));
  const bodyLength = u32(4);
  const fieldsLength = u32(12);
  const bodyStart = 16 + fieldsLength + ((8 - ((16 + fieldsLength) % 8)) % 8);
  const length = bodyStart + bodyLength;
  if (length > 1 << 20) return 'bad';
  if (data.length < length) return null;
  let replySerial: number | undefined;
  // Header fields: (byte code, variant) structs, 8-aligned; only REPLY_SERIAL (5, 'u') is needed.
  let offset = 16;
  const end = 16 + fieldsLength;
  while (offset < end) {
    offset += (8 - (offset % 8)) % 8;
    if (offset >= end) break;
    const code = data[offset] as number;
    const signatureLength = data[offset + 1] as number;
    const signature = data.toString('latin1', offset + 2, offset + 2 + signatureLength);
    offset += 2 + signatureLength + 1;
    if (signature === 'u' || signature === 'i') {
      offset += (4 - (offset % 4)) % 4;
      if (code === 5) replySerial = u32(offset);
      offset += 4;
    } else if (signature === 's' || signature === 'o') {
      offset += (4 - (offset % 4)) % 4;
      offset += 4 + u32(offset) + 1;
    } else if (signature === 'g') {
      offset += 1 + (data[offset] as number) + 1;
    } else {
      return 'bad';
    }
  }
  return { length, type: data[1] as number, replySerial, body: data.subarray(bodyStart, length) };
}

/** The body of Properties.Get's answer: a variant holding a boolean, here false ("not locked"). */
function isFalseBooleanVariant(body: Buffer): boolean {
  // variant: signature "b" (length 1, 'b', NUL), then the boolean as a uint32 at offset 4
  // (all four bytes zero: false in either byte order)
  return body.length >= 8 && body[0] === 1 && body[1] === 0x62 && body[2] === 0 && body.readUInt32LE(4) === 0;
}

// Built when sent (Writer is a class: defined only once this module has run to its end).
const hello = () => methodCall(1, { path: '/org/freedesktop/DBus', iface: 'org.freedesktop.DBus', member: 'Hello', destination: 'org.freedesktop.DBus' });
const getLocked = () =>
  methodCall(
    GET_SERIAL,
    { path: '/org/freedesktop/secrets/aliases/default', iface: 'org.freedesktop.DBus.Properties', member: 'Get', destination: 'org.freedesktop.secrets' },
    { signature: 'ss', strings: ['org.freedesktop.Secret.Collection', 'Locked'] },
  );
