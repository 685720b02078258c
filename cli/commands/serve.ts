// certdesk serve: the app in a browser, on this computer only — or, with --lan, for colleagues'
// browsers on the office network (docs/lan.md).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CliCommand, flag, opCommand, runCommand } from '../command';
import type { LanStatus } from '../../api/lanServer';
import { startServer } from '../../api/http';
import { noteServing } from '../../api/lanServer';
import { holdInstanceLock } from '../../db/database';
import { AppError } from '../../services/errors';
import { lanCertificate } from '../../services/lan/tlsCertificate';
import { hasOperators } from '../../services/operators/operators';

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
  opCommand({
    words: ['lan', 'status'],
    usage: 'certdesk lan status',
    summary: '局域网访问：本数据文件的证书指纹（SHA-256），供同事核对',
    op: 'lan.status',
    args: () => ({}),
    print: (s: LanStatus) => (s.fingerprint ? `证书指纹（SHA-256）：${s.fingerprint}` : '还没有开放过局域网访问，证书会在第一次开放时生成。'),
  }),
  runCommand({
    words: ['serve'],
    usage: 'certdesk serve [--port N] [--lan [--bind ADDRESS] [--insecure-http]]',
    summary: '启动网页版：默认只有本机可以访问（打印带访问令牌的地址）；--lan 开放给局域网的同事（需登录，HTTPS）',
    run: async (ctx, p) => {
      const portFlag = flag(p, 'port');
      const port = portFlag === undefined ? 0 : Number(portFlag);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('USAGE', `端口「${portFlag}」不对，应为 1–65535 的整数。`);
      const lan = p.flags.get('lan') === true;
      const bind = flag(p, 'bind');
      const insecure = p.flags.get('insecure-http') === true;
      if (!lan && (bind !== undefined || insecure)) throw new AppError('USAGE', '--bind 和 --insecure-http 只能和 --lan 一起用。');
      if (bind !== undefined && !/^(\d{1,3}\.){3}\d{1,3}$/.test(bind)) throw new AppError('USAGE', `地址「${bind}」不对，应为本机的一个 IPv4 地址，如 192.168.1.20（或 0.0.0.0 表示所有网卡）。`);
      // On the LAN the login is the only key: a data file without accounts would open to anyone.
      if (lan && !hasOperators(ctx)) {
        throw new AppError('LAN_NO_ACCOUNTS', '这个数据文件还没有操作员账号，不能开放给局域网。请先创建管理员账号：certdesk operator add --login 登录名 --name 姓名 --role admin --password 密码（或在桌面版首次打开时创建），再给同事添加账号。');
      }
      // One running CertDesk per database; the OS releases the lock when this process ends.
      holdInstanceLock(ctx.db.name);
      ensureRendererBuilt();
      const tls = lan && !insecure ? await lanCertificate(ctx.db.name) : null;
      let server;
      try {
        server = await startServer({ ctx, staticDir: RENDERER_DIST, port, lan: lan ? { bind, tls } : undefined });
      } catch (e) {
        throw new AppError((e as { code?: string }).code === 'PORT_IN_USE' ? 'PORT_IN_USE' : 'SERVE_FAILED', (e as Error).message);
      }
      const fingerprint = tls?.fingerprint ?? null;
      if (lan) noteServing(server, fingerprint, ctx.db.name);
      // The one line a person (or a test) needs: the full address, token included.
      if (p.flags.get('json') === true) {
        process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, database: ctx.db.name, ...(lan ? { addresses: server.addresses, fingerprint } : {}) })}\n`);
      } else if (lan) {
        process.stdout.write(`CertDesk 已开放给局域网，同事用浏览器打开（用自己的账号登录）：\n${server.addresses.map((a) => `  ${a}`).join('\n')}\n`);
        if (fingerprint) process.stdout.write(`证书指纹（SHA-256），请同事在浏览器提示时核对：\n  ${fingerprint}\n`);
        else process.stdout.write('注意：--insecure-http 不加密，密码和成绩在网络上以明文传输，只应在可信的网络中使用。\n');
      } else process.stdout.write(`CertDesk 已在本机启动，用浏览器打开：${server.url}\n`);
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
