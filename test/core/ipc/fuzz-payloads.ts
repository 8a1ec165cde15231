/**
 * Random IPC payloads for the fuzz tests, from a seeded generator so that a failure reproduces from its seed.
 *
 * Three sources, mixed: values of any shape (what a compromised or buggy renderer could send — Electron's
 * structured clone also carries NaN, BigInt, Dates, Maps, typed arrays and undefined), mutations of a valid input
 * (one field of the wrong type, an extra key, a missing key, a huge string), and objects carrying
 * prototype-pollution keys as own properties (as `JSON.parse` makes them).
 */

/** mulberry32: small, fast and good enough to pick shapes; the same seed gives the same payloads. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
  };
  return random;
}

export interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupGetter__', 'isPrototypeOf'] as const;

const WORDS = ['', ' ', 'a', 'emu', 'default', 'work', 'whoami', 'daily-report', 'Mail.Send', 'Calendar.ReadWrite', 'User.Read', 'https://', 'https://127.0.0.1:1', 'http://evil.example', 'file:///etc/passwd', '../../etc/passwd', 'C:\\Windows', '<script>alert(1)</script>', "'; DROP TABLE runs; --", '${7*7}', '{{7*7}}', '%00', '\u0000', '\ud800', '😀', 'Ω≈ç√', 'null', 'undefined', 'true', '0', '-1', '1e309', 'NaN', 'running', 'failed', 'keychain', 'plaintext', 'custom', 'global'];

/** A string of the given flavour: words people type, junk, or something huge. */
export function randomString(random: Random): string {
  const roll = random.next();
  if (roll < 0.35) return random.pick(WORDS);
  if (roll < 0.55) return random.pick(POLLUTION_KEYS);
  if (roll < 0.8) {
    let text = '';
    const length = random.int(1, 80);
    for (let i = 0; i < length; i++) text += String.fromCharCode(random.chance(0.9) ? random.int(32, 126) : random.int(0, 0xffff));
    return text;
  }
  if (roll < 0.95) return random.pick(['a', 'A1', '.', '-', 'x'.repeat(7)]).repeat(random.int(40, 5_000));
  // Huge: past every max() in the contract.
  return random.pick(['a', 'ab', 'Z9']).repeat(random.int(100_000, 600_000));
}

/** A number, including the ones JSON cannot carry and structured clone can. */
export function randomNumber(random: Random): number {
  return random.pick([0, -0, 1, -1, 2, 7, 36, 90, 365, 366, 500, 501, 3650, 3651, 0.5, -7.25, 1e21, -1e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity, random.int(-1e9, 1e9), random.next()]);
}

/** Any value at all, nested up to `depth`. */
export function randomValue(random: Random, depth = 3): unknown {
  const roll = random.next();
  if (roll < 0.08) return null;
  if (roll < 0.12) return undefined;
  if (roll < 0.2) return random.chance(0.5);
  if (roll < 0.34) return randomNumber(random);
  if (roll < 0.58) return randomString(random);
  if (roll < 0.62) return exotic(random);
  if (depth <= 0) return randomString(random);
  // A long array holds only small values, so sizes never multiply down the levels.
  if (roll < 0.78) return random.chance(0.05) ? Array.from({ length: random.int(200, 3_000) }, () => smallValue(random)) : Array.from({ length: random.int(0, 6) }, () => randomValue(random, depth - 1));
  return randomObject(random, depth - 1);
}

/** A short value: a word, a number, a boolean or null. */
function smallValue(random: Random): unknown {
  return random.pick<() => unknown>([() => random.pick(WORDS), () => random.pick(POLLUTION_KEYS), () => randomNumber(random), () => random.chance(0.5), () => null])();
}

/** A plain object with random keys, sometimes prototype-pollution keys as own properties. */
export function randomObject(random: Random, depth = 2): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const wide = random.chance(0.03);
  const keys = wide ? random.int(100, 2_000) : random.int(0, 6);
  for (let i = 0; i < keys; i++) {
    const key = random.chance(0.25) ? random.pick(POLLUTION_KEYS) : random.chance(0.5) ? random.pick(KNOWN_KEYS) : randomString(random).slice(0, 200);
    // A wide object holds only small values, so sizes never multiply down the levels.
    defineOwn(object, key, random.chance(0.2) ? { polluted: true, isAdmin: true } : wide ? smallValue(random) : randomValue(random, depth));
  }
  return object;
}

/** Values Electron's structured clone carries and JSON does not. */
function exotic(random: Random): unknown {
  return random.pick<() => unknown>([
    () => BigInt(random.int(-1000, 1000)),
    () => new Date(random.int(-1e12, 1e13)),
    () => new Date(Number.NaN),
    () => new Map([['profile', 'emu']]),
    () => new Set(['Mail.Send']),
    () => new Uint8Array(random.int(0, 64)),
    () => /a+$/,
    () => new Error('boom'),
    () => Object.create(null) as object,
  ])();
}

/** The field names the contract uses, so random objects often look almost right. */
const KNOWN_KEYS = ['profile', 'jobId', 'enabled', 'paused', 'status', 'limit', 'before', 'id', 'scopes', 'name', 'create', 'changes', 'cloud', 'clientId', 'tenant', 'authorityHost', 'graphBaseUrl', 'caFile', 'extraResources', 'lifetimeDays', 'warningDays', 'cacheBackend'];

/** Sets `key` as an own, enumerable property, even `__proto__` (an assignment would set the prototype instead). */
export function defineOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A valid input with one or more things wrong (or, by chance, nothing wrong). */
export function mutate(random: Random, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(copy);
  const steps = random.int(1, 3);
  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    const key = keys.length > 0 ? random.pick(keys) : undefined;
    if (roll < 0.3 && key !== undefined) copy[key] = randomValue(random, 2);
    else if (roll < 0.45 && key !== undefined) delete copy[key];
    else if (roll < 0.65) defineOwn(copy, random.chance(0.5) ? random.pick(POLLUTION_KEYS) : random.pick(KNOWN_KEYS), randomValue(random, 1));
    else if (roll < 0.75 && key !== undefined) copy[key] = randomString(random);
    else if (roll < 0.82 && key !== undefined) copy[key] = [copy[key]];
    else if (roll < 0.87) return [copy];
    else if (roll < 0.92) {
      const wrapper: Record<string, unknown> = {};
      defineOwn(wrapper, '__proto__', copy);
      return wrapper;
    }
    else if (key !== undefined && typeof copy[key] === 'object' && copy[key] !== null) {
      defineOwn(copy[key] as Record<string, unknown>, random.pick([...POLLUTION_KEYS, ...KNOWN_KEYS]), randomValue(random, 1));
    }
  }
  return copy;
}

/** A payload for a channel whose valid inputs look like `samples`. */
export function randomPayload(random: Random, samples: ReadonlyArray<Record<string, unknown>>): unknown {
  const roll = random.next();
  if (roll < 0.4) return randomValue(random, 3);
  if (roll < 0.5) return randomObject(random, 2);
  if (roll < 0.97) return mutate(random, random.pick(samples));
  return structuredClone(random.pick(samples));
}
