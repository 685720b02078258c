// certdesk serve: the app in a browser, on this computer only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command';
import { flag } from '../command';
import { startServer } from '../../api/http';
import { AppError } from '../../services/errors';

export const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/dist');

export const serveCommands: CliCommand[] = [
  {
    words: ['serve'],
    usage: 'certdesk serve [--port N]',
    summary: '在本机启动网页版（只有本机可以访问），打印带访问令牌的地址',
    run: async (ctx, p) => {
      const portFlag = flag(p, 'port');
      const port = portFlag === undefined ? 0 : Number(portFlag);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('USAGE', `端口「${portFlag}」不对，应为 1–65535 的整数。`);
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
  },
];
