// The Electron bundles (npm run build:electron): what they load at run time must ship in the app.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const OUT = path.join(ROOT, 'dist/electron');

function requires(file: string): string[] {
  const code = fs.readFileSync(path.join(OUT, file), 'utf8');
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
}

/** 'exceljs/dist/es5' → 'exceljs', '@scope/pkg/x' → '@scope/pkg'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

beforeAll(async () => {
  // @ts-expect-error — a plain ES module script without type declarations
  const { buildElectron } = await import('../../scripts/build-electron.mjs');
  await buildElectron();
}, 120_000);

describe('the Electron bundles', () => {
  it('main.cjs loads only Node built-ins, electron, and packages the installer ships (dependencies and what they bring)', async () => {
    // @ts-expect-error — a plain ES module script without type declarations
    const { collectLibraries } = await import('../../scripts/licences.mjs');
    const shipped = new Set((collectLibraries(ROOT) as { name: string }[]).map((l) => l.name));
    expect(shipped.has('vite')).toBe(false);
    const missing = requires('main.cjs').filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !shipped.has(packageOf(s)));
    expect(missing).toEqual([]);
    expect(requires('main.cjs')).toContain('better-sqlite3');
  });

  it('preload.cjs needs nothing but electron, as a sandboxed preload must', () => {
    expect(requires('preload.cjs')).toEqual(['electron']);
    const code = fs.readFileSync(path.join(OUT, 'preload.cjs'), 'utf8');
    expect(code).toContain('exposeInMainWorld');
    expect(code).toContain('"certdesk:rpc"');
  });

  it('lists the licences of what ships, with the full texts beside them', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(OUT, 'licenses.json'), 'utf8')) as { libraries: { name: string; license: string }[]; fonts: string[] };
    const byName = new Map(summary.libraries.map((l) => [l.name, l.license]));
    for (const name of ['better-sqlite3', 'exceljs', 'pdfkit', 'zod', 'react', 'antd', 'electron-log']) expect(byName.has(name), name).toBe(true);
    // The certificate font and its OFL licence.
    expect(summary.fonts.join()).toContain('noto-serif-sc');
    expect(fs.readFileSync(path.join(OUT, 'THIRD_PARTY_LICENSES.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE');
    expect(byName.get('better-sqlite3')).toBe('MIT');
    const texts = fs.readFileSync(path.join(OUT, 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    expect(texts).toMatch(/better-sqlite3 [\d.]+ — MIT/);
    expect(texts).toContain('Permission is hereby granted');
  });
});
