// npm start: opens the desktop window where Electron's binary exists; otherwise says, in Chinese and
// English, to use `npx certdesk serve` instead. Builds the window's pieces first when they are missing.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildElectron, ROOT } from './build-electron.mjs';

const NO_ELECTRON_EXIT = 3;

const NO_ELECTRON_MESSAGE = `CertDesk 的桌面窗口需要 Electron 程序，但这台电脑上没有装好（下载 Electron 需要联网）。
请改用浏览器版，在项目目录运行：

    npx certdesk serve

再用浏览器打开它打印出的地址，功能和桌面窗口完全相同。
（能联网的电脑上，运行 node node_modules/electron/install.js 可以下载 Electron，之后 npm start 就会打开桌面窗口。）

The desktop window needs Electron's binary, which is not installed on this machine.
Run \`npx certdesk serve\` in the project folder instead and open the address it prints in a browser.
(Where the internet can be reached, \`node node_modules/electron/install.js\` downloads Electron; npm start then opens the window.)
`;

/** The Electron executable, or null when its binary was never downloaded (ELECTRON_OVERRIDE_DIST_PATH is honoured). */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function ensureRendererBuilt() {
  if (fs.existsSync(path.join(ROOT, 'renderer/dist/index.html'))) return;
  process.stderr.write('首次启动：正在构建界面……\n');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('界面构建失败，请运行 npm run build:renderer 查看原因。\n');
    process.exit(1);
  }
}

async function main() {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(NO_ELECTRON_MESSAGE);
    process.exit(NO_ELECTRON_EXIT);
  }
  ensureRendererBuilt();
  // Fast, and never stale: the main-process bundle is rebuilt on every start.
  try {
    await buildElectron();
  } catch (e) {
    process.stderr.write(`桌面程序构建失败（npm run build:electron）：${e.message}\n`);
    process.exit(1);
  }
  const env = { ...process.env };
  // Set in some shells to run Electron as plain Node; the window needs the real thing.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

await main();
