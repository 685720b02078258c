// The installers' configuration, checked by electron-builder's own loader and schema (packaging
// itself needs Electron's binary, which these machines cannot download).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');
const nativeModule = require('../../build/nativeModule.cjs');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;

async function loadConfig(): Promise<Config> {
  return getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
}

async function schemaErrors(config: Config): Promise<string | null> {
  try {
    await validateConfiguration(config, new DebugLogger(false));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    expect(await schemaErrors(await loadConfig())).toBeNull();
  });

  it('would be caught by that schema if an option were misspelt', async () => {
    const config = await loadConfig();
    expect(await schemaErrors({ ...config, nsis: { ...config.nsis, oneClik: false } })).toMatch(/configuration\.nsis/);
  });

  it('names the product in Chinese, has an app id, and takes its version from package.json', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('CertDesk 职业技能等级认定');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.extraMetadata?.version).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('builds a per-user Windows installer with a folder choice, both shortcuts and Chinese wording', async () => {
    const { win, nsis } = await loadConfig();
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, createDesktopShortcut: 'always', createStartMenuShortcut: true });
    expect(nsis.installerLanguages).toEqual(['zh_CN']);
    expect(nsis.language).toBe('2052');
  });

  it('builds a dmg for Intel and Apple silicon Macs, and an AppImage and a deb for Linux', async () => {
    const { mac, linux } = await loadConfig();
    expect(mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(linux.target.map((t: Config) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('sets every Electron fuse the trust issue asks for', async () => {
    const { electronFuses } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('unpacks better-sqlite3 from the asar and rebuilds it in a beforePack hook, not through npm', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
    for (const hook of [config.beforePack, config.afterPack]) {
      expect(typeof require(path.join(ROOT, hook))).toBe('function');
    }
    expect(JSON.stringify(pkg.scripts)).not.toContain('install-app-deps');
  });

  it('ships the built window, the main-process bundle, the fonts and the licence texts', async () => {
    const config = await loadConfig();
    const patterns = config.files.flatMap((f: Config) => (typeof f === 'string' ? [f] : f.from ? [] : f.filter));
    expect(patterns).toEqual(expect.arrayContaining(['dist/electron/**/*', 'renderer/dist/**/*', 'assets/fonts/**/*', 'package.json']));
    expect(config.extraResources).toContainEqual({ from: 'dist/electron/THIRD_PARTY_LICENSES.txt', to: 'THIRD_PARTY_LICENSES.txt' });
    expect(config.extraResources).toContainEqual({ from: 'docs', to: 'docs', filter: ['用户手册.md', 'screenshots/*.png'] });
  });

  it('leaves out only the font weights the certificates do not use', async () => {
    const config = await loadConfig();
    const fonts = fs.readFileSync(path.join(ROOT, 'services/certificates/fonts.ts'), 'utf8');
    const excluded = config.files[0].filter.find((p: string) => p.includes('noto-serif-sc/{'));
    const weights: string[] = excluded.match(/\{([^}]+)\}/)[1].split(',');
    expect(weights.length).toBeGreaterThan(0);
    for (const weight of weights) expect(fonts, weight).not.toContain(weight);
    for (const used of fonts.match(/\d00[A-Z][a-zA-Z]+/g) ?? []) expect(weights).not.toContain(used);
  });

  it('points at icon files that exist', async () => {
    const config = await loadConfig();
    for (const file of [config.win.icon, config.mac.icon, config.nsis.installerIcon]) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(fs.existsSync(path.join(ROOT, config.linux.icon, `${size}x${size}.png`))).toBe(true);
  });
});

describe('the native-module hooks', () => {
  function project(): string {
    const dir = tempDir('certdesk-pack-');
    fs.mkdirSync(path.join(dir, path.dirname(nativeModule.BINARY)), { recursive: true });
    fs.writeFileSync(path.join(dir, nativeModule.BINARY), 'node-abi build');
    return dir;
  }

  it('keeps the plain-Node build of better-sqlite3 and puts it back after packing, so tests and the CLI still run', () => {
    const dir = project();
    expect(nativeModule.saveNodeBuild(dir)).toBe(true);
    fs.writeFileSync(path.join(dir, nativeModule.BINARY), 'electron-abi build');
    expect(nativeModule.restoreNodeBuild(dir)).toBe(true);
    expect(fs.readFileSync(path.join(dir, nativeModule.BINARY), 'utf8')).toBe('node-abi build');
  });

  it('keeps the first saved copy when a Mac build packs a second architecture', () => {
    const dir = project();
    nativeModule.saveNodeBuild(dir);
    fs.writeFileSync(path.join(dir, nativeModule.BINARY), 'electron-abi x64 build');
    expect(nativeModule.saveNodeBuild(dir)).toBe(false);
    nativeModule.restoreNodeBuild(dir);
    expect(fs.readFileSync(path.join(dir, nativeModule.BINARY), 'utf8')).toBe('node-abi build');
    expect(nativeModule.restoreNodeBuild(dir)).toBe(false);
  });
});
