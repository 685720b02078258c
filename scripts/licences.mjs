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

/** Every shipped library once, sorted by name: { name, version, license, texts, dir }. */
export function collectLibraries(root) {
  const pkg = readJson(path.join(root, 'package.json'));
  const seen = new Map();
  const queue = [...Object.keys(pkg.dependencies ?? {}), ...RENDERER_LIBRARIES].map((name) => [root, name]);
  while (queue.length) {
    const [fromDir, name] = queue.shift();
    const dir = packageDir(root, fromDir, name);
    if (!dir || seen.has(dir)) continue;
    const info = readJson(path.join(dir, 'package.json'));
    seen.set(dir, { name: info.name ?? name, version: info.version ?? '', license: licenceName(info), texts: licenceTexts(dir), dir });
    for (const dep of [...Object.keys(info.dependencies ?? {}), ...Object.keys(info.optionalDependencies ?? {})]) queue.push([dir, dep]);
  }
  const byKey = new Map();
  for (const lib of seen.values()) byKey.set(`${lib.name}@${lib.version}`, lib);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

const FONT_FILE = /\.(ttf|otf|ttc|woff2?)$/i;

/** Whether a package carries font files (in its folder or one level down), like a Google Fonts package. */
function hasFonts(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && FONT_FILE.test(entry.name)) return true;
    if (entry.isDirectory() && entry.name !== 'node_modules' && fs.readdirSync(path.join(dir, entry.name)).some((f) => FONT_FILE.test(f))) return true;
  }
  return false;
}

/** Fonts that ship: the files in assets/fonts (with the licence files beside them) and font packages. */
export function collectFonts(root, libraries) {
  const dir = path.join(root, 'assets', 'fonts');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => FONT_FILE.test(f)).sort() : [];
  const packages = libraries.filter((lib) => hasFonts(lib.dir)).map((lib) => `${lib.name}（${lib.license}）`);
  return { files: [...files, ...packages], texts: files.length ? licenceTexts(dir) : [] };
}

/** Writes licenses.json (the summary 关于 shows) and THIRD_PARTY_LICENSES.txt into outDir. */
export function writeLicences(root, outDir) {
  const libraries = collectLibraries(root);
  const fonts = collectFonts(root, libraries);
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
