// npm run icons — renders assets/icon.svg into every size the installers need, into build/:
// icons/NxN.png (Linux), icon.png, icon.ico (Windows, PNG entries) and icon.icns (macOS, PNG entries).
// Chromium (installed for the end-to-end tests) draws the SVG; ICO and ICNS are simple containers
// written here. The results are committed, so packaging needs neither Chromium nor this script.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'assets/icon.svg');
const OUT = path.join(ROOT, 'build');

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types that hold PNG data, by pixel size. */
export const ICNS_TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** ICO: a 6-byte header, a 16-byte entry per image, then the PNGs themselves (Windows Vista and later). */
export function icoFile(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

/** ICNS: 'icns' and the total length, then per image its type, its length (+8) and the PNG. */
export function icnsFile(pngs) {
  const chunks = pngs.map(({ size, data }) => {
    const head = Buffer.alloc(8);
    head.write(ICNS_TYPES[size], 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function renderPngs() {
  const svg = fs.readFileSync(SOURCE, 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    const pngs = [];
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.waitForFunction(() => document.images[0]?.complete);
      pngs.push({ size, data: await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }) });
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

async function main() {
  const pngs = await renderPngs();
  fs.mkdirSync(path.join(OUT, 'icons'), { recursive: true });
  for (const { size, data } of pngs) fs.writeFileSync(path.join(OUT, 'icons', `${size}x${size}.png`), data);
  fs.writeFileSync(path.join(OUT, 'icon.png'), pngs.find((p) => p.size === 1024).data);
  fs.writeFileSync(path.join(OUT, 'icon.ico'), icoFile(pngs.filter((p) => ICO_SIZES.includes(p.size))));
  fs.writeFileSync(path.join(OUT, 'icon.icns'), icnsFile(pngs.filter((p) => p.size in ICNS_TYPES)));
  console.log(`build/: icons/{${PNG_SIZES.join(',')}}.png, icon.png, icon.ico, icon.icns`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
