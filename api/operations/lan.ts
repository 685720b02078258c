// 开放给局域网 from the window (docs/lan.md): the LAN server of `certdesk serve --lan`, inside
// the process that holds the data file.
//
//   lan.status {}                              → { open, addresses, fingerprint, insecure, qrSvg }
//   lan.open   { port?, bind?, insecure? }     → the same, once open        administrators only
//   lan.close  {}                              → the same, closed           administrators only
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { closeToLan, lanStatus, openToLan } from '../lanServer';

export const lanOperations = {
  'lan.status': query({ title: '查看局域网访问' }, NoArgs, (ctx) => lanStatus(ctx)),
  'lan.open': command(
    { title: '开放给局域网', access: 'admin', backup: 'none' },
    z.object({
      port: z.number().int().min(0).max(65535).optional(),
      bind: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, '应为本机的一个 IPv4 地址，如 192.168.1.20').optional(),
      insecure: z.boolean().optional(),
    }),
    (ctx, a) => openToLan(ctx, a),
  ),
  'lan.close': command({ title: '停止局域网访问', access: 'admin', backup: 'none' }, NoArgs, (ctx) => closeToLan(ctx)),
};
