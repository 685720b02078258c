// The window's 设置 → 开放给局域网: the same LAN server as `certdesk serve --lan`, started and
// stopped inside the process that holds the data file (the desktop app's main process). One per
// process; the operations in api/operations/lan.ts drive it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { startServer, type RunningServer } from './http';
import { AppError } from '../services/errors';
import type { Ctx } from '../services/shared/context';
import { hasOperators } from '../services/operators/operators';
import { certificateFiles, fingerprintOf, lanCertificate } from '../services/lan/tlsCertificate';

let running: { server: RunningServer; fingerprint: string | null; database: string } | null = null;

/** The built renderer: renderer/dist beside the sources; the desktop app names its own (inside app.asar). */
let staticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer/dist');

export function useLanStaticDir(dir: string): void {
  staticDir = dir;
}

export interface LanStatus {
  open: boolean;
  /** Where colleagues open it, one per interface. */
  addresses: string[];
  /** SHA-256 of this installation's certificate (also while closed, once made); null under plain HTTP or before the first opening. */
  fingerprint: string | null;
  insecure: boolean;
  /** An SVG QR code of the first address, for a tablet's camera. */
  qrSvg: string | null;
}

function knownFingerprint(databaseFile: string): string | null {
  const { certFile } = certificateFiles(databaseFile);
  try {
    return fs.existsSync(certFile) ? fingerprintOf(fs.readFileSync(certFile, 'utf8')) : null;
  } catch {
    return null;
  }
}

/** `certdesk serve --lan` says it is serving, so 设置 in a colleague's browser shows the same as in the window. */
export function noteServing(server: RunningServer, fingerprint: string | null, database: string): void {
  running = { server, fingerprint, database };
}

export async function lanStatus(ctx: Ctx): Promise<LanStatus> {
  if (!running || running.database !== ctx.db.name) {
    return { open: false, addresses: [], fingerprint: ctx.db.memory ? null : knownFingerprint(ctx.db.name), insecure: false, qrSvg: null };
  }
  const first = running.server.addresses[0];
  return {
    open: true,
    addresses: running.server.addresses,
    fingerprint: running.fingerprint,
    insecure: running.fingerprint === null,
    qrSvg: first ? await QRCode.toString(first, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
  };
}

export async function openToLan(ctx: Ctx, options: { port?: number; bind?: string; insecure?: boolean }): Promise<LanStatus> {
  if (running) return lanStatus(ctx);
  if (ctx.db.memory) throw new AppError('LAN_NO_FILE', '内存中的数据库不能开放给局域网，请先打开一个数据文件。');
  if (!hasOperators(ctx)) {
    throw new AppError('LAN_NO_ACCOUNTS', '这个数据文件还没有操作员账号，不能开放给局域网。请先在 设置 → 操作员 创建管理员账号，再给同事添加账号。');
  }
  const tls = options.insecure ? null : await lanCertificate(ctx.db.name);
  let server: RunningServer;
  try {
    server = await startServer({ ctx: { db: ctx.db, operator: ctx.operator }, staticDir, port: options.port ?? 0, lan: { bind: options.bind, tls } });
  } catch (e) {
    throw new AppError((e as { code?: string }).code === 'PORT_IN_USE' ? 'PORT_IN_USE' : 'SERVE_FAILED', (e as Error).message);
  }
  running = { server, fingerprint: tls?.fingerprint ?? null, database: ctx.db.name };
  return lanStatus(ctx);
}

export async function closeToLan(ctx: Ctx): Promise<LanStatus> {
  const was = running;
  running = null;
  await was?.server.close();
  return lanStatus(ctx);
}
