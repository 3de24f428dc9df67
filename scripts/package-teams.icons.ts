/**
 * Draws the Teams app icons (manifest/teams/color.png 192x192 and outline.png 32x32) as PNG files:
 * a shield with a check mark, the product's sign. Run with `npx tsx scripts/package-teams.icons.ts`
 * after changing the drawing; the PNGs are committed.
 *
 * Teams' rules: the color icon is 192x192 with a full background; the outline icon is 32x32,
 * white on a transparent background (only white pixels, alpha for the shape).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Point = [number, number];
type Rgba = [number, number, number, number];

/** The shield in a unit square: flat top corners, sides, and a point at the bottom. */
const SHIELD: Point[] = [
  [0.5, 0.1],
  [0.83, 0.22],
  [0.83, 0.5],
  [0.8, 0.62],
  [0.73, 0.73],
  [0.62, 0.83],
  [0.5, 0.91],
  [0.38, 0.83],
  [0.27, 0.73],
  [0.2, 0.62],
  [0.17, 0.5],
  [0.17, 0.22],
];
const CHECK: Point[] = [
  [0.34, 0.5],
  [0.46, 0.63],
  [0.68, 0.38],
];

function inside(p: Point, polygon: Point[]): boolean {
  let isIn = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) isIn = !isIn;
  }
  return isIn;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function nearLine(p: Point, line: Point[], halfWidth: number, closed = false): boolean {
  const segments = closed ? line.length : line.length - 1;
  for (let i = 0; i < segments; i += 1) if (distanceToSegment(p, line[i], line[(i + 1) % line.length]) <= halfWidth) return true;
  return false;
}

/** Renders `shade(point)` with 4x4 supersampling; shade gives a colour or undefined (transparent). */
function render(size: number, background: Rgba, shade: (p: Point) => Rgba | undefined): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const c = shade([(x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size]) ?? background;
          // Premultiplied, so transparent samples do not darken the edges.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const a = acc[3];
      const i = (y * size + x) * 4;
      out[i] = a ? Math.round(acc[0] / a) : 0;
      out[i + 1] = a ? Math.round(acc[1] / a) : 0;
      out[i + 2] = a ? Math.round(acc[2] / a) : 0;
      out[i + 3] = Math.round(a / (n * n));
    }
  }
  return out;
}

/** RGBA pixels as a PNG file (8-bit, colour type 6, no filtering). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE: Rgba = [0, 120, 212, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

export function colorIcon(): Buffer {
  return encodePng(
    192,
    render(192, BLUE, (p) => {
      if (nearLine(p, CHECK, 0.045)) return BLUE;
      return inside(p, SHIELD) ? WHITE : undefined;
    }),
  );
}

export function outlineIcon(): Buffer {
  return encodePng(32, render(32, CLEAR, (p) => (nearLine(p, SHIELD, 0.05, true) || nearLine(p, CHECK, 0.055) ? WHITE : undefined)));
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'manifest', 'teams');
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`Wrote ${path.join(dir, 'color.png')} and outline.png\n`);
}
