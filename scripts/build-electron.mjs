// npm run build:electron — bundles electron/main.ts, its worker thread and electron/preload.ts into dist/electron/*.cjs
// (esbuild, which tsx already brings) and writes the licence summary the 关于 dialog shows.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeLicences } from './licences.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT = path.join(ROOT, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 39 runs Node 22.
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['electron'],
};

// Our sources are ES modules; in a CommonJS bundle import.meta.url must be given back. The long
// checks' worker thread (services/shared/worker.ts) is its own bundle beside main.cjs.
const moduleUrl = {
  define: { 'import.meta.url': '__certdeskModuleUrl', __CERTDESK_BUNDLED__: 'true' },
  banner: { js: "const __certdeskModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** Builds into dist/electron, or into `outDir` (tests build into a folder of their own). */
export async function buildElectron(outDir = ELECTRON_OUT) {
  await Promise.all([
    // Libraries stay in node_modules (better-sqlite3 is native; pdfkit reads its data files at run time).
    build({ ...common, ...moduleUrl, entryPoints: [path.join(ROOT, 'electron/main.ts')], outfile: path.join(outDir, 'main.cjs'), packages: 'external' }),
    build({ ...common, ...moduleUrl, entryPoints: [path.join(ROOT, 'services/shared/workerEntry.ts')], outfile: path.join(outDir, 'worker.cjs'), packages: 'external' }),
    // A sandboxed preload can require nothing but 'electron': everything else is inlined.
    build({ ...common, entryPoints: [path.join(ROOT, 'electron/preload.ts')], outfile: path.join(outDir, 'preload.cjs') }),
  ]);
  return writeLicences(ROOT, outDir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = await buildElectron();
  console.log(`dist/electron: main.cjs, worker.cjs, preload.cjs, licenses.json（${summary.libraries.length} 个程序库，${summary.fonts.length} 个字体）`);
}
