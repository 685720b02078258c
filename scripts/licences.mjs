// The licences of what CertDesk ships: every library the app or its window loads (walked from
// package.json's dependencies and the renderer's runtime libraries) and the bundled fonts.
// 关于 lists them; THIRD_PARTY_LICENSES.txt carries the full texts.
import fs from 'node:fs';
import path from 'node:path';

/** Libraries the renderer bundles (devDependencies only because Vite bundles them). */
export const RENDERER_LIBRARIES = ['react', 'react-dom', 'antd', 'echarts'];

const LICENCE_FILE = /^(licen[cs]e|copying|notice|ofl)([-._].*)?$/i;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Node's lookup: the package folder seen from `fromDir`, climbing through node_modules folders. */
function packageDir(root, fromDir, name) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
    dir = path.dirname(dir);
  }
}

function licenceName(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

function licenceTexts(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f) && fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim());
}

/** Every shipped library once, sorted by name: { name, version, license, texts }. */
export function collectLibraries(root) {
  const pkg = readJson(path.join(root, 'package.json'));
  const seen = new Map();
  const queue = [...Object.keys(pkg.dependencies ?? {}), ...RENDERER_LIBRARIES].map((name) => [root, name]);
  while (queue.length) {
    const [fromDir, name] = queue.shift();
    const dir = packageDir(root, fromDir, name);
    if (!dir || seen.has(dir)) continue;
    const info = readJson(path.join(dir, 'package.json'));
    seen.set(dir, { name: info.name ?? name, version: info.version ?? '', license: licenceName(info), texts: licenceTexts(dir) });
    for (const dep of [...Object.keys(info.dependencies ?? {}), ...Object.keys(info.optionalDependencies ?? {})]) queue.push([dir, dep]);
  }
  const byKey = new Map();
  for (const lib of seen.values()) byKey.set(`${lib.name}@${lib.version}`, lib);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Fonts in assets/fonts with the licence files that sit beside them. */
export function collectFonts(root) {
  const dir = path.join(root, 'assets', 'fonts');
  if (!fs.existsSync(dir)) return { files: [], texts: [] };
  const files = fs.readdirSync(dir).filter((f) => /\.(ttf|otf|ttc|woff2?)$/i.test(f)).sort();
  return { files, texts: licenceTexts(dir) };
}

/** Writes licenses.json (the summary 关于 shows) and THIRD_PARTY_LICENSES.txt into outDir. */
export function writeLicences(root, outDir) {
  const libraries = collectLibraries(root);
  const fonts = collectFonts(root);
  fs.mkdirSync(outDir, { recursive: true });
  const summary = {
    fonts: fonts.files,
    libraries: libraries.map(({ name, version, license }) => ({ name, version, license })),
  };
  fs.writeFileSync(path.join(outDir, 'licenses.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const rule = '='.repeat(72);
  const parts = ['CertDesk 随附的字体与程序库的许可证 / Licences of the fonts and libraries shipped with CertDesk', ''];
  if (fonts.files.length) parts.push(rule, `字体 Fonts: ${fonts.files.join(', ')}`, rule, ...fonts.texts, '');
  for (const lib of libraries) {
    parts.push(rule, `${lib.name} ${lib.version} — ${lib.license}`, rule, lib.texts.length ? lib.texts.join('\n\n') : `(许可证：${lib.license}；该程序包未附许可证全文)`, '');
  }
  fs.writeFileSync(path.join(outDir, 'THIRD_PARTY_LICENSES.txt'), parts.join('\n'));
  return summary;
}
