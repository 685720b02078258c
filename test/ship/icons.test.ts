// The application icon: every size each platform needs, generated from assets/icon.svg into build/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('the application icon', () => {
  it('has a source drawing in assets/', () => {
    expect(fs.readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8')).toContain('viewBox="0 0 512 512"');
  });

  it('has a PNG for every Linux size, each really that size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(fs.readFileSync(path.join(ROOT, `build/icons/${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows .ico with the sizes from 16 to 256 px', () => {
    const ico = fs.readFileSync(path.join(ROOT, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const png = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      const { width } = pngSize(png);
      expect(ico.readUInt8(e) || 256).toBe(width);
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS .icns up to 1024 px, its length matching the file', () => {
    const icns = fs.readFileSync(path.join(ROOT, 'build/icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      entries[icns.subarray(at, at + 4).toString('ascii')] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).width;
    }
    expect(entries).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});
