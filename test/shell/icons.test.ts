import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_SIZES, TRAY_STATES, iconFiles, trayIconName } from '../../build/make-icons.js';
import { decodePng, pngSize, type RgbaImage } from '../../build/png.js';
import { TRAY_STATES as SHELL_TRAY_STATES, trayIconFile } from '../../electron/shell/tray-icons.js';

const BUILD = new URL('../../build/', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(BUILD, path));

/** The colour near the left edge: the disc (or the signed-out ring), not the glyph. */
function discColour(image: RgbaImage): [number, number, number] {
  const x = Math.round(image.width * 0.1);
  const y = Math.round(image.height * 0.5);
  const index = (y * image.width + x) * 4;
  expect(image.data[index + 3]).toBe(255);
  return [image.data[index] as number, image.data[index + 1] as number, image.data[index + 2] as number];
}

describe('the icons', () => {
  it('are exactly what build/make-icons.ts draws (run `npm run icons` after changing it)', () => {
    for (const file of iconFiles()) {
      expect(existsSync(join(BUILD, file.path)), file.path).toBe(true);
      if (file.image) {
        const committed = decodePng(read(file.path));
        expect({ width: committed.width, height: committed.height }, file.path).toEqual({ width: file.image.width, height: file.image.height });
        expect(Buffer.from(committed.data).equals(Buffer.from(file.image.data)), `${file.path} differs from what make-icons draws`).toBe(true);
      } else {
        expect(read(file.path).subarray(0, 4).toString('latin1'), file.path).toBe(file.contents.subarray(0, 4).toString('latin1'));
        expect(read(file.path).length, file.path).toBeGreaterThan(1000);
      }
    }
  });

  it('cover every tray state, for light and dark menu bars and as macOS templates, at 1x and @2x', () => {
    expect([...TRAY_STATES]).toEqual([...SHELL_TRAY_STATES]);
    for (const state of TRAY_STATES) {
      for (const variant of ['light', 'dark', 'template'] as const) {
        for (const size of TRAY_SIZES) {
          expect(pngSize(read(join('tray', trayIconName(state, variant, size, 1))))).toEqual({ width: size, height: size });
          expect(pngSize(read(join('tray', trayIconName(state, variant, size, 2))))).toEqual({ width: size * 2, height: size * 2 });
        }
      }
    }
  });

  it('include every file the tray asks for', () => {
    for (const state of SHELL_TRAY_STATES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        for (const darkMenuBar of [false, true]) expect(existsSync(join(BUILD, 'tray', trayIconFile(state, { platform, darkMenuBar })))).toBe(true);
      }
    }
  });

  it('make templates of black and transparency only, as macOS requires', () => {
    for (const state of TRAY_STATES) {
      const image = decodePng(read(join('tray', trayIconName(state, 'template', 16, 2))));
      let opaque = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        if ((image.data[i + 3] as number) === 0) continue;
        opaque++;
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(opaque).toBeGreaterThan(100);
    }
  });

  it('are green, amber, red and grey', () => {
    for (const variant of ['light', 'dark'] as const) {
      const [okR, okG, okB] = discColour(decodePng(read(join('tray', trayIconName('ok', variant, 22, 2)))));
      expect(okG).toBeGreaterThan(okR + 40);
      expect(okG).toBeGreaterThan(okB + 40);
      const [warnR, warnG, warnB] = discColour(decodePng(read(join('tray', trayIconName('warning', variant, 22, 2)))));
      expect(warnR).toBeGreaterThan(warnB + 100);
      expect(warnG).toBeGreaterThan(warnB + 60);
      const [errR, errG, errB] = discColour(decodePng(read(join('tray', trayIconName('error', variant, 22, 2)))));
      expect(errR).toBeGreaterThan(errG + 80);
      expect(errR).toBeGreaterThan(errB + 80);
      const [greyR, greyG, greyB] = discColour(decodePng(read(join('tray', trayIconName('signed-out', variant, 22, 2)))));
      expect(Math.max(greyR, greyG, greyB) - Math.min(greyR, greyG, greyB)).toBeLessThan(30);
    }
  });

  it('give the app icon at 1024 px, as .ico up to 256 px and as .icns up to 1024 px', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico[6 + index * 16] || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = read('icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });
});
