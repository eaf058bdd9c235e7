#!/usr/bin/env node
/**
 * Draws the Deskwatch app icon and writes every file the installers need:
 *   build/icon.png            1024×1024 (source for anything else)
 *   build/icon.ico            Windows: PNG images 16…256 in one ICO
 *   build/icon.icns           macOS: PNG-compressed entries (ic07…ic14)
 *   build/icons/NxN.png       Linux: 16…512
 *
 * The design: a blue rounded square; on it, in white, a clock face inside a headset (the band
 * over the top, ear cups on both sides, a microphone boom), with the clock hands and the
 * microphone in amber — a help desk that answers on time.
 *
 * Each size is drawn from signed distance functions at its own resolution (not scaled down
 * from the large one), with one pixel of analytic anti-aliasing, so small sizes stay crisp.
 * Plain Node, no dependencies; the output is deterministic, so the files only change when the
 * drawing does. Run: node build/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types holding PNG data, and their pixel sizes. */
export const ICNS_ENTRIES = [
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

const COLORS = {
  top: [0x21, 0x76, 0xd2],
  bottom: [0x0c, 0x3c, 0x78],
  glyph: [0xff, 0xff, 0xff],
  accent: [0xff, 0xb3, 0x3b],
};

// ---- geometry, in a square from -1 to 1 (y grows downwards) ----

const length = (x, y) => Math.hypot(x, y);

function roundedBox(x, y, halfWidth, halfHeight, radius) {
  const qx = Math.abs(x) - halfWidth + radius;
  const qy = Math.abs(y) - halfHeight + radius;
  return length(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function ring(x, y, radius, halfThickness) {
  return Math.abs(length(x, y) - radius) - halfThickness;
}

function capsule(x, y, ax, ay, bx, by, radius) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return length(px - dx * t, py - dy * t) - radius;
}

/** Part of a ring between two angles (radians, measured from +x towards +y), with round ends. */
function arc(x, y, radius, halfThickness, from, to) {
  const angle = Math.atan2(y, x);
  const inside = from <= to ? angle >= from && angle <= to : angle >= from || angle <= to;
  if (inside) return ring(x, y, radius, halfThickness);
  const end = (a) => length(x - radius * Math.cos(a), y - radius * Math.sin(a)) - halfThickness;
  return Math.min(end(from), end(to));
}

const union = (...distances) => Math.min(...distances);
const deg = (degrees) => (degrees * Math.PI) / 180;

const CLOCK_Y = 0.06;
const BAND_RADIUS = 0.64;

function background(x, y) {
  return roundedBox(x, y, 0.88, 0.88, 0.25);
}

/** Small sizes (tray, title bars) get thicker strokes and no microphone, which would only be a smudge. */
const isSmall = (unit) => unit > 2 / 32;
const stroke = (half, unit) => Math.max(half, 0.6 * unit);

function glyph(x, y, unit) {
  const cy = y - CLOCK_Y;
  const face = ring(x, cy, 0.385, stroke(0.06, unit));
  // The headset band over the top; its ends disappear into the ear cups.
  const band = arc(x, cy, BAND_RADIUS, stroke(0.06, unit), deg(-180), deg(0));
  const cups = union(roundedBox(x - BAND_RADIUS, cy - 0.08, 0.11, 0.2, 0.09), roundedBox(x + BAND_RADIUS, cy - 0.08, 0.11, 0.2, 0.09));
  if (isSmall(unit)) return union(face, band, cups);
  // The microphone boom follows the band's circle round the lower right.
  const boom = arc(x, cy, BAND_RADIUS, stroke(0.04, unit), deg(14), deg(62));
  return union(face, band, cups, boom);
}

function accent(x, y, unit) {
  const cy = y - CLOCK_Y;
  const hours = capsule(x, cy, 0, 0, 0, -0.25, stroke(0.06, unit));
  const minutes = capsule(x, cy, 0, 0, 0.2, 0.02, stroke(0.06, unit));
  if (isSmall(unit)) return union(hours, minutes);
  const microphone = length(x - BAND_RADIUS * Math.cos(deg(70)), cy - BAND_RADIUS * Math.sin(deg(70))) - 0.095;
  return union(hours, minutes, microphone);
}

// ---- rasterising ----

/** RGBA pixels (straight alpha) of the icon at `size`×`size`. */
export function renderIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const unit = 2 / size; // one pixel, in shape units
  const coverage = (distance) => Math.max(0, Math.min(1, 0.5 - distance / unit));
  for (let row = 0; row < size; row += 1) {
    const y = ((row + 0.5) / size) * 2 - 1;
    const mix = (y + 1) / 2;
    const base = COLORS.top.map((top, i) => top + (COLORS.bottom[i] - top) * mix);
    for (let column = 0; column < size; column += 1) {
      const x = ((column + 0.5) / size) * 2 - 1;
      const alpha = coverage(background(x, y));
      if (alpha === 0) continue;
      let color = base;
      const white = coverage(glyph(x, y, unit));
      if (white > 0) color = color.map((c, i) => c + (COLORS.glyph[i] - c) * white);
      const amber = coverage(accent(x, y, unit));
      if (amber > 0) color = color.map((c, i) => c + (COLORS.accent[i] - c) * amber);
      const at = (row * size + column) * 4;
      pixels[at] = Math.round(color[0]);
      pixels[at + 1] = Math.round(color[1]);
      pixels[at + 2] = Math.round(color[2]);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

// ---- file formats ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row += 1) {
    rows[row * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO whose images are PNGs (valid since Windows Vista; what electron-builder accepts). */
export function encodeIco(pngsBySize) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngsBySize.length, 4);
  let offset = 6 + 16 * pngsBySize.length;
  const entries = pngsBySize.map(([size, png]) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngsBySize.map(([, png]) => png)]);
}

export function encodeIcns(entries) {
  const blocks = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

/** Every output file: relative path → contents. */
export function iconFiles() {
  const cache = new Map();
  const png = (size) => {
    if (!cache.has(size)) cache.set(size, encodePng(size, renderIcon(size)));
    return cache.get(size);
  };
  const files = new Map();
  files.set('icon.png', png(1024));
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => [size, png(size)])));
  files.set('icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => [type, png(size)])));
  for (const size of LINUX_SIZES) files.set(path.join('icons', `${size}x${size}.png`), png(size));
  return files;
}

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  for (const [name, contents] of iconFiles()) {
    const file = path.join(here, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    console.log(`wrote build/${name} (${contents.length} bytes)`);
  }
}
