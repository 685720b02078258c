// certdesk serve: the app in a browser, on this computer only.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CliCommand, flag, runCommand } from '../command';
import { startServer } from '../../api/http';
import { holdInstanceLock } from '../../db/database';
import { AppError } from '../../services/errors';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIST = path.join(ROOT, 'renderer/dist');

/** A fresh clone has no renderer build yet: make it once, so `npx certdesk serve` just works. */
function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) return;
  process.stderr.write('首次启动：正在构建界面，大约需要半分钟……\n');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new AppError('RENDERER_BUILD_FAILED', '界面构建失败。请在项目目录运行 npm install 后再试；如仍失败，运行 npm run build:renderer 查看详细原因。');
}

export const serveCommands: CliCommand[] = [
  runCommand({
    words: ['serve'],
    usage: 'certdesk serve [--port N]',
    summary: '在本机启动网页版（只有本机可以访问），打印带访问令牌的地址',
    run: async (ctx, p) => {
      const portFlag = flag(p, 'port');
      const port = portFlag === undefined ? 0 : Number(portFlag);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('USAGE', `端口「${portFlag}」不对，应为 1–65535 的整数。`);
      // One running CertDesk per database; the OS releases the lock when this process ends.
      holdInstanceLock(ctx.db.name);
      ensureRendererBuilt();
      let server;
      try {
        server = await startServer({ ctx, staticDir: RENDERER_DIST, port });
      } catch (e) {
        throw new AppError((e as { code?: string }).code === 'PORT_IN_USE' ? 'PORT_IN_USE' : 'SERVE_FAILED', (e as Error).message);
      }
      // The one line a person (or a test) needs: the full address, token included.
      if (p.flags.get('json') === true) process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, database: ctx.db.name })}\n`);
      else process.stdout.write(`CertDesk 已在本机启动，用浏览器打开：${server.url}\n`);
      const stop = () => {
        void server.close().finally(() => {
          ctx.db.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Keep the process (and the database) open until stopped.
      return new Promise<never>(() => undefined);
    },
  }),
];
