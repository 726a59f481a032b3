// Draws the KAM Radar app icon — rings, six spokes and an amber profile on the header's ink
// colour — as public/icon.svg and as the 192 and 512 pixel PNGs the web app manifest needs.
// One geometry feeds both formats, and the PNGs come from a tiny supersampling rasteriser and
// node's own zlib, so the same script always draws the same pixels with no image tool.
// Run it after changing the design: `node .ci/icons.mjs` (the outputs are committed).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

// Everything in units of the icon's side. The mark stays inside the central circle of radius
// 0.4, the safe zone of a maskable icon, so platforms may crop it to any shape.
const BACKGROUND = '#1d2433';
const RING = { colour: '#6cb4ff', alpha: 0.55, width: 0.014, radii: [0.12, 0.24, 0.36] };
const SPOKE = { colour: '#6cb4ff', alpha: 0.4, width: 0.01, length: 0.36 };
const PROFILE = {
  colour: '#f2a900',
  fillAlpha: 0.35,
  width: 0.024,
  values: [0.92, 0.62, 0.8, 0.48, 0.86, 0.58],
};
const CENTRE = 0.5;
const AXES = PROFILE.values.length;

const axisPoint = (axis, radius) => {
  const angle = -Math.PI / 2 + (axis * 2 * Math.PI) / AXES;
  return [CENTRE + radius * Math.cos(angle), CENTRE + radius * Math.sin(angle)];
};
const spokes = [...Array(AXES).keys()].map((axis) => [[CENTRE, CENTRE], axisPoint(axis, SPOKE.length)]);
const profile = PROFILE.values.map((value, axis) => axisPoint(axis, value * RING.radii.at(-1)));
const outline = profile.map((point, i) => [point, profile[(i + 1) % AXES]]);

function svg() {
  const s = (value) => +(value * 512).toFixed(2);
  const line = ([[x1, y1], [x2, y2]]) =>
    `<line x1="${s(x1)}" y1="${s(y1)}" x2="${s(x2)}" y2="${s(y2)}"/>`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">',
    `<rect width="512" height="512" fill="${BACKGROUND}"/>`,
    `<g fill="none" stroke="${RING.colour}" stroke-opacity="${RING.alpha}" stroke-width="${s(RING.width)}">`,
    ...RING.radii.map((r) => `<circle cx="256" cy="256" r="${s(r)}"/>`),
    '</g>',
    `<g stroke="${SPOKE.colour}" stroke-opacity="${SPOKE.alpha}" stroke-width="${s(SPOKE.width)}" stroke-linecap="round">`,
    ...spokes.map(line),
    '</g>',
    `<polygon points="${profile.map(([x, y]) => `${s(x)},${s(y)}`).join(' ')}" fill="${PROFILE.colour}"`
      + ` fill-opacity="${PROFILE.fillAlpha}" stroke="${PROFILE.colour}" stroke-width="${s(PROFILE.width)}"`
      + ' stroke-linejoin="round"/>',
    '</svg>',
    '',
  ].join('\n');
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function segmentDistance([px, py], [[ax, ay], [bx, by]]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function insideProfile([px, py]) {
  let inside = false;
  for (const [[ax, ay], [bx, by]] of outline) {
    if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside;
}

// The layers in painting order, as in the SVG: each says whether it covers a point.
const LAYERS = [
  ...RING.radii.map((r) => ({
    colour: rgb(RING.colour),
    alpha: RING.alpha,
    covers: (p) => Math.abs(Math.hypot(p[0] - CENTRE, p[1] - CENTRE) - r) <= RING.width / 2,
  })),
  ...spokes.map((spoke) => ({
    colour: rgb(SPOKE.colour),
    alpha: SPOKE.alpha,
    covers: (p) => segmentDistance(p, spoke) <= SPOKE.width / 2,
  })),
  { colour: rgb(PROFILE.colour), alpha: PROFILE.fillAlpha, covers: insideProfile },
  {
    colour: rgb(PROFILE.colour),
    alpha: 1,
    covers: (p) => outline.some((edge) => segmentDistance(p, edge) <= PROFILE.width / 2),
  },
];

/** The icon as RGBA rows, each pixel the average of 4×4 samples. */
function raster(size) {
  const SAMPLES = 4;
  const pixels = Buffer.alloc(size * size * 4);
  const background = rgb(BACKGROUND);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const point = [(x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size];
          let colour = background;
          for (const layer of LAYERS) {
            if (layer.covers(point)) {
              colour = colour.map((c, i) => c * (1 - layer.alpha) + layer.colour[i] * layer.alpha);
            }
          }
          for (let i = 0; i < 3; i += 1) sum[i] += colour[i];
        }
      }
      const offset = (y * size + x) * 4;
      for (let i = 0; i < 3; i += 1) pixels[offset + i] = Math.round(sum[i] / SAMPLES ** 2);
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

const CRC_TABLE = [...Array(256).keys()].map((n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG of `size`×`size` pixels. */
function png(size) {
  const pixels = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    // Each row starts with its filter type, 0 (none).
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(PUBLIC, 'icon.svg'), svg());
for (const size of [192, 512]) writeFileSync(join(PUBLIC, `icon-${size}.png`), png(size));
