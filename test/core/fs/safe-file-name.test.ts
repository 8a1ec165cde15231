import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { MAX_NAME_BYTES, pathInside, safeFileName } from '../../../electron/core/fs/safe-file-name.js';

describe('file names from mail are made safe to save', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFileName('Invoice INV-1001.pdf', 'x.bin')).toBe('Invoice INV-1001.pdf');
  });

  it('turns path separators into underscores so ../../evil stays one name', () => {
    expect(safeFileName('../../evil', 'x.bin')).toBe('.._.._evil');
    expect(safeFileName('..\\..\\evil.bat', 'x.bin')).toBe('.._.._evil.bat');
  });

  it('replaces a name of dots only, or nothing left, with the fallback', () => {
    expect(safeFileName('..', 'fallback.bin')).toBe('fallback.bin');
    expect(safeFileName(' . ', 'fallback.bin')).toBe('fallback.bin');
    expect(safeFileName('\u0000\u0007', 'fallback.bin')).toBe('fallback.bin');
  });

  it('drops NUL and control characters and replaces the characters Windows refuses', () => {
    expect(safeFileName('a\u0000b\nc\u001b[31m.txt', 'x')).toBe('abc[31m.txt');
    expect(safeFileName('what? <now> "a|b" *.csv', 'x')).toBe('what_ _now_ _a_b_ _.csv');
  });

  it('renames Windows device names and strips trailing dots and spaces', () => {
    expect(safeFileName('CON', 'x')).toBe('_CON');
    expect(safeFileName('nul.txt', 'x')).toBe('_nul.txt');
    expect(safeFileName('report.pdf. . ', 'x')).toBe('report.pdf');
    expect(safeFileName('console.log', 'x')).toBe('console.log');
  });

  it('cuts a long name to a safe length in bytes, keeping the extension and whole characters', () => {
    const name = `${'Ü'.repeat(300)}.pdf`;
    const safe = safeFileName(name, 'x');
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe.slice(0, -4)).toMatch(/^Ü+$/);
  });

  it('proves a path is directly inside its folder, and refuses one that is not', () => {
    const folder = resolve('/tmp/delegate-saves');
    expect(pathInside(folder, 'a.pdf')).toBe(join(folder, 'a.pdf'));
    expect(() => pathInside(folder, '../a.pdf')).toThrow(/outside/);
    expect(() => pathInside(folder, 'sub/a.pdf')).toThrow(/outside/);
    expect(() => pathInside(folder, '.')).toThrow(/outside/);
  });
});
