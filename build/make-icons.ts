/**
 * Draws every icon Delegate ships, from code: `npm run icons` rewrites build/tray/, build/icons/, build/icon.png,
 * build/icon.ico and build/icon.icns. A test checks that the committed files are what this draws.
 *
 * Tray icons: one disc per health colour with a glyph that says the same thing without colour (✓ ok, ! warning,
 * × sign-in needed, a hollow ring with a dash when signed out), so the state reads for colour-blind people too.
 * Each comes drawn for light menu bars (deep colours, white glyph) and dark ones (bright colours, dark glyph),
 * at 16 px (Windows, macOS) and 22 px (Linux panels), each with an @2x file, plus macOS template images (black
 * and alpha only, the glyph cut out) that macOS tints itself.
 *
 * The app icon: a blue rounded square with a white countdown ring and a check — the 90 days, kept alive.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

export type TrayIconState = 'ok' | 'warning' | 'error' | 'signed-out';
export type TrayVariant = 'light' | 'dark' | 'template';

type Rgba = readonly [number, number, number, number];
/** An inside test in unit coordinates (0..1 across the icon). */
type Shape = (x: number, y: number) => boolean;
type Paint = Rgba | ((x: number, y: number) => Rgba);

const TRAY_COLOURS: Record<Exclude<TrayVariant, 'template'>, Record<TrayIconState, { disc: Rgba; glyph: Rgba }>> = {
  // For light menu bars: deep colours that hold against white and light grey.
  light: {
    ok: { disc: hex('#1a7f37'), glyph: hex('#ffffff') },
    warning: { disc: hex('#bf8700'), glyph: hex('#1f2328') },
    error: { disc: hex('#cf222e'), glyph: hex('#ffffff') },
    'signed-out': { disc: hex('#6e7781'), glyph: hex('#6e7781') },
  },
  // For dark menu bars: bright colours, with a near-black glyph.
  dark: {
    ok: { disc: hex('#3fb950'), glyph: hex('#0d1117') },
    warning: { disc: hex('#e3b341'), glyph: hex('#0d1117') },
    error: { disc: hex('#f85149'), glyph: hex('#0d1117') },
    'signed-out': { disc: hex('#b1bac4'), glyph: hex('#b1bac4') },
  },
};

export const TRAY_STATES: readonly TrayIconState[] = ['ok', 'warning', 'error', 'signed-out'];
/** 16 px for Windows and the macOS menu bar, 22 px for Linux panels. */
export const TRAY_SIZES: readonly number[] = [16, 22];
export const APP_ICON_SIZES: readonly number[] = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

// ---- shapes (unit coordinates)

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx: number, cy: number, r: number, width: number): Shape => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r + width / 2 && d >= r - width / 2;
};
/** A stroke with round ends through the points. */
const stroke = (points: ReadonlyArray<readonly [number, number]>, width: number): Shape => (x, y) => {
  for (let i = 1; i < points.length; i++) {
    if (segmentDistance(x, y, points[i - 1] as readonly [number, number], points[i] as readonly [number, number]) <= width / 2) return true;
  }
  return false;
};
const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};
/** A ring from 12 o'clock clockwise through `sweep` degrees, with round caps. */
const arc = (cx: number, cy: number, r: number, width: number, sweep: number): Shape => {
  const band = ring(cx, cy, r, width);
  const end = ((sweep - 90) * Math.PI) / 180;
  const caps = [circle(cx, cy - r, width / 2), circle(cx + r * Math.cos(end), cy + r * Math.sin(end), width / 2)];
  return (x, y) => {
    if (caps.some((cap) => cap(x, y))) return true;
    if (!band(x, y)) return false;
    const angle = ((Math.atan2(y - cy, x - cx) * 180) / Math.PI + 90 + 360) % 360;
    return angle <= sweep;
  };
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));

function segmentDistance(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

// ---- a supersampling rasteriser

class Canvas {
  /** Premultiplied RGBA, 0..1. */
  private readonly pixels: Float64Array;

  constructor(
    readonly size: number,
    private readonly samples: number,
  ) {
    this.pixels = new Float64Array(size * size * 4);
  }

  fill(shape: Shape, paint: Paint): void {
    this.each(shape, (index, coverage, x, y) => {
      const [r, g, b, a] = typeof paint === 'function' ? paint(x, y) : paint;
      const alpha = a * coverage;
      for (const [channel, value] of [r, g, b].entries()) this.pixels[index + channel] = value * alpha + (this.pixels[index + channel] as number) * (1 - alpha);
      this.pixels[index + 3] = alpha + (this.pixels[index + 3] as number) * (1 - alpha);
    });
  }

  /** Cuts the shape out (destination-out). */
  cut(shape: Shape): void {
    this.each(shape, (index, coverage) => {
      for (let channel = 0; channel < 4; channel++) this.pixels[index + channel] = (this.pixels[index + channel] as number) * (1 - coverage);
    });
  }

  image(): RgbaImage {
    const data = new Uint8Array(this.size * this.size * 4);
    for (let i = 0; i < this.size * this.size; i++) {
      const alpha = this.pixels[i * 4 + 3] as number;
      for (let channel = 0; channel < 3; channel++) data[i * 4 + channel] = alpha > 0 ? Math.round(((this.pixels[i * 4 + channel] as number) / alpha) * 255) : 0;
      data[i * 4 + 3] = Math.round(alpha * 255);
    }
    return { width: this.size, height: this.size, data };
  }

  private each(shape: Shape, apply: (index: number, coverage: number, x: number, y: number) => void): void {
    const n = this.samples;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let inside = 0;
        for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) if (shape((px + (sx + 0.5) / n) / this.size, (py + (sy + 0.5) / n) / this.size)) inside++;
        if (inside > 0) apply((py * this.size + px) * 4, inside / (n * n), (px + 0.5) / this.size, (py + 0.5) / this.size);
      }
    }
  }
}

// ---- the icons

function glyph(state: TrayIconState): Shape {
  const width = 0.14;
  switch (state) {
    case 'ok':
      return stroke([[0.29, 0.52], [0.44, 0.66], [0.72, 0.36]], width);
    case 'warning':
      return union(stroke([[0.5, 0.25], [0.5, 0.5]], width + 0.01), circle(0.5, 0.745, 0.08));
    case 'error':
      return union(stroke([[0.34, 0.34], [0.66, 0.66]], width), stroke([[0.66, 0.34], [0.34, 0.66]], width));
    case 'signed-out':
      return stroke([[0.34, 0.5], [0.66, 0.5]], width);
  }
}

export function drawTrayIcon(state: TrayIconState, variant: TrayVariant, pixels: number): RgbaImage {
  const canvas = new Canvas(pixels, 8);
  const disc = circle(0.5, 0.5, 0.47);
  const hollow = ring(0.5, 0.5, 0.4, 0.13);
  if (variant === 'template') {
    const black = hex('#000000');
    if (state === 'signed-out') {
      canvas.fill(hollow, black);
      canvas.fill(glyph(state), black);
    } else {
      canvas.fill(disc, black);
      canvas.cut(glyph(state));
    }
    return canvas.image();
  }
  const colours = TRAY_COLOURS[variant][state];
  canvas.fill(state === 'signed-out' ? hollow : disc, colours.disc);
  canvas.fill(glyph(state), colours.glyph);
  return canvas.image();
}

export function drawAppIcon(pixels: number): RgbaImage {
  // Few samples at 1024 px (the edges are many pixels long), more at the small sizes.
  const canvas = new Canvas(pixels, pixels >= 512 ? 3 : pixels >= 128 ? 4 : 8);
  const top = hex('#3b82f6');
  const bottom = hex('#1d4ed8');
  // Large sizes follow macOS's icon grid (an 824 px body on a 1024 px canvas, corners about 22 % of the body);
  // small ones (Windows lists, taskbars) use the whole square, with bolder strokes, or the mark turns to mush.
  const small = pixels <= 64;
  const margin = small ? 0.02 : 0.098;
  const bold = pixels <= 32 ? 1.35 : 1;
  canvas.fill(roundedRect(margin, margin, 1 - margin, 1 - margin, small ? 0.2 : 0.18), (_x, y) => mix(top, bottom, (y - margin) / (1 - 2 * margin)));
  const white = hex('#ffffff');
  const radius = small ? 0.28 : 0.245;
  canvas.fill(arc(0.5, 0.5, radius, 0.075 * bold * (small ? 1.15 : 1), 300), white);
  const k = radius / 0.245;
  const point = (x: number, y: number): [number, number] => [0.5 + (x - 0.5) * k, 0.5 + (y - 0.5) * k];
  canvas.fill(stroke([point(0.405, 0.505), point(0.475, 0.575), point(0.6, 0.445)], 0.07 * bold * (small ? 1.15 : 1)), white);
  return canvas.image();
}

// ---- containers

/** A Windows .ico with PNG entries (Windows Vista and later read them at every size). */
export function makeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + index * 16;
    header[entry] = size >= 256 ? 0 : size; // 0 means 256
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4); // planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** The macOS .icns types that hold PNG data, by pixel size (retina types are the @2x of the size before). */
const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 },
  { type: 'ic10', size: 1024 },
];

export function makeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const entries = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`icns: no ${size} px image`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

// ---- the file set

export interface IconFile {
  /** Relative to build/. */
  path: string;
  /** The pixels, for PNG files (compared by the test rather than bytes: zlib output may differ between versions). */
  image?: RgbaImage;
  contents: Buffer;
}

export function trayIconName(state: TrayIconState, variant: TrayVariant, size: number, scale: 1 | 2): string {
  const suffix = scale === 2 ? '@2x' : '';
  return variant === 'template' ? `tray-${state}-${size}Template${suffix}.png` : `tray-${state}-${variant}-${size}${suffix}.png`;
}

export function iconFiles(): IconFile[] {
  const files: IconFile[] = [];
  const png = (path: string, image: RgbaImage) => files.push({ path, image, contents: encodePng(image) });
  for (const state of TRAY_STATES) {
    for (const variant of ['light', 'dark', 'template'] as const) {
      for (const size of TRAY_SIZES) {
        for (const scale of [1, 2] as const) png(join('tray', trayIconName(state, variant, size, scale)), drawTrayIcon(state, variant, size * scale));
      }
    }
  }
  const appPngs = new Map<number, Buffer>();
  for (const size of APP_ICON_SIZES) {
    const image = drawAppIcon(size);
    const contents = encodePng(image);
    appPngs.set(size, contents);
    files.push({ path: join('icons', `${size}x${size}.png`), image, contents });
  }
  const largest = files.find((file) => file.path === join('icons', '1024x1024.png')) as IconFile;
  files.push({ ...largest, path: 'icon.png' });
  files.push({ path: 'icon.ico', contents: makeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appPngs.get(size) as Buffer }))) });
  files.push({ path: 'icon.icns', contents: makeIcns(appPngs) });
  return files;
}

function hex(value: string): Rgba {
  const n = Number.parseInt(value.slice(1), 16);
  return [((n >> 16) & 0xff) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255, 1];
}

function mix(a: Rgba, b: Rgba, t: number): Rgba {
  const k = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k, a[3] + (b[3] - a[3]) * k];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const buildDir = dirname(fileURLToPath(import.meta.url));
  const files = iconFiles();
  for (const file of files) {
    const target = join(buildDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  console.log(`make-icons: wrote ${files.length} files under ${buildDir}`);
}
