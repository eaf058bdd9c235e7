#!/usr/bin/env node
/**
 * Draws the tray icons the desktop shell shows (electron/main/alerts/tray-state.ts picks one):
 *   build/tray/tray-normal.png                    the app icon, nothing to report
 *   build/tray/tray-at-risk-<N>.png               an amber badge: N cases at risk (N = 1…9, or 9plus)
 *   build/tray/tray-breached-<N>.png              a red badge: N cases at risk or breached, some breached
 * each at 16 px and, as `@2x`, 32 px (Electron picks the one for the screen's density).
 *
 * The icon itself is build/make-icons.mjs's drawing at that size. The badge sits in the lower right
 * corner, cut out of the icon by a one-pixel transparent gap so it reads on any tray colour; its
 * digits are a 3×5 pixel font, drawn on whole pixels (scaled by 2 for @2x) so they stay sharp.
 * Deterministic; packaged as extraResources (build/electron-builder.yml). Run: node build/make-tray-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, renderIcon } from './make-icons.mjs';

export const TRAY_TONES = ['at-risk', 'breached'];
export const TRAY_BADGES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+'];
const SCALES = [
  ['', 1],
  ['@2x', 2],
];
const BASE = 16;

const BADGE_COLORS = {
  'at-risk': { fill: [0xf2, 0xa9, 0x00], text: [0x1c, 0x25, 0x30] },
  breached: { fill: [0xc6, 0x28, 0x28], text: [0xff, 0xff, 0xff] },
};

/** 3×5 glyphs, one string per row, '#' for a lit pixel. */
const GLYPHS = {
  0: ['###', '#.#', '#.#', '#.#', '###'],
  1: ['.#.', '##.', '.#.', '.#.', '###'],
  2: ['###', '..#', '###', '#..', '###'],
  3: ['###', '..#', '###', '..#', '###'],
  4: ['#.#', '#.#', '###', '..#', '..#'],
  5: ['###', '#..', '###', '..#', '###'],
  6: ['###', '#..', '###', '#.#', '###'],
  7: ['###', '..#', '.#.', '.#.', '.#.'],
  8: ['###', '#.#', '###', '#.#', '###'],
  9: ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

/** Signed distance to a horizontal pill (a box whose ends are half circles), in pixels. */
function pill(x, y, left, right, top, bottom) {
  const radius = (bottom - top) / 2;
  const cy = (top + bottom) / 2;
  const cx = Math.max(left + radius, Math.min(right - radius, x));
  return Math.hypot(x - cx, y - cy) - radius;
}

/** The badge's box in 16-px units: nine pixels high in the lower right corner, wider for two characters. */
function badgeBox(text) {
  const width = text.length === 1 ? 9 : 11;
  return { left: BASE - width, right: BASE, top: BASE - 9, bottom: BASE };
}

/** RGBA pixels of the icon with a badge reading `text` in `tone`, at `size` (16 or 32). */
export function renderTrayIcon(size, tone, text) {
  const pixels = renderIcon(size);
  const k = size / BASE;
  const box = badgeBox(text);
  const color = BADGE_COLORS[tone];
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      // Pixel centre in 16-px units; distances back in this size's pixels.
      const x = (column + 0.5) / k;
      const y = (row + 0.5) / k;
      const distance = pill(x, y, box.left, box.right, box.top, box.bottom) * k;
      const at = (row * size + column) * 4;
      const inside = Math.max(0, Math.min(1, 0.5 - distance));
      // The gap: icon pixels within one pixel outside the badge fade to transparent.
      const gap = Math.max(0, Math.min(1, distance - 0.5));
      const keep = Math.min(1, gap);
      const iconAlpha = (pixels[at + 3] / 255) * keep;
      const alpha = inside + iconAlpha * (1 - inside);
      if (alpha === 0) {
        pixels.fill(0, at, at + 4);
        continue;
      }
      for (let channel = 0; channel < 3; channel += 1) {
        const mixed = (color.fill[channel] * inside + pixels[at + channel] * iconAlpha * (1 - inside)) / alpha;
        pixels[at + channel] = Math.round(mixed);
      }
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  // The characters, on whole pixels: centred in the badge, one blank column between two characters.
  const textWidth = text.length * 3 + (text.length - 1);
  const startX = box.left + Math.floor((box.right - box.left - textWidth) / 2);
  const startY = box.top + 2;
  [...text].forEach((character, index) => {
    const glyph = GLYPHS[character];
    for (let gy = 0; gy < 5; gy += 1) {
      for (let gx = 0; gx < 3; gx += 1) {
        if (glyph[gy][gx] !== '#') continue;
        for (let dy = 0; dy < k; dy += 1) {
          for (let dx = 0; dx < k; dx += 1) {
            const px = (startX + index * 4 + gx) * k + dx;
            const py = (startY + gy) * k + dy;
            const at = (py * size + px) * 4;
            pixels[at] = color.text[0];
            pixels[at + 1] = color.text[1];
            pixels[at + 2] = color.text[2];
            pixels[at + 3] = 255;
          }
        }
      }
    }
  });
  return pixels;
}

/** File name part for a badge text: "9+" is written "9plus". */
export function badgeName(text) {
  return text.replace('+', 'plus');
}

/** Every tray file: path relative to build/ → contents. */
export function trayIconFiles() {
  const files = new Map();
  for (const [suffix, k] of SCALES) {
    const size = BASE * k;
    files.set(path.join('tray', `tray-normal${suffix}.png`), encodePng(size, renderIcon(size)));
    for (const tone of TRAY_TONES) {
      for (const text of TRAY_BADGES) {
        files.set(path.join('tray', `tray-${tone}-${badgeName(text)}${suffix}.png`), encodePng(size, renderTrayIcon(size, tone, text)));
      }
    }
  }
  return files;
}

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  for (const [name, contents] of trayIconFiles()) {
    const file = path.join(here, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    console.log(`wrote build/${name} (${contents.length} bytes)`);
  }
}
