// Certificates: issue, list, void, reissue, import, PDF, verify, and the public key for verifiers.
import { z } from 'zod';
import { command, FileArg, Id, NoArgs, query } from '../op';
import { SheetChoice } from './spreadsheets';
import { awaitingCertificates, issueForSession, issuePreview, reissueCertificate, voidCertificate } from '../../services/certificates/issue';
import { getCertificate, listCertificates } from '../../services/certificates/records';

// pdfkit, fontkit, the QR encoder and exceljs load on first use, so other commands start fast.
const pdf = () => import('../../services/certificates/pdf');
const provincialImport = () => import('../../services/certificates/import');
const importJob = () => import('../../services/spreadsheets/importJob');
import { verifyQr } from '../../services/certificates/verify';
import { exportPublicKey } from '../../services/certificates/signing';
import { getStockLayout, setStockLayout } from '../../services/certificates/layoutSettings';

const Orientation = z.enum(['portrait', 'landscape']).optional();

export const certificateOperations = {
  'certificates.issue': command({ title: '发证' }, z.object({ sessionId: Id, date: z.string().optional() }), (ctx, a) => issueForSession(ctx, a.sessionId, a.date)),
  /** What 发证 on that date would issue: how many, the first and last number, who is passed over. */
  'certificates.issuePreview': query({ title: '发证' }, z.object({ sessionId: Id, date: z.string().optional() }), (ctx, a) => issuePreview(ctx, a.sessionId, a.date)),
  'certificates.awaiting': query({ title: '查看待发证人员' }, NoArgs, (ctx) => awaitingCertificates(ctx)),
  'certificates.list': query(
    { title: '查看证书' },
    z.object({ sessionId: Id.optional(), status: z.enum(['issued', 'void']).optional() }).default({}),
    (ctx, a) => listCertificates(ctx, a),
  ),
  'certificates.get': query({ title: '查看证书' }, z.object({ number: z.string() }), (ctx, a) => getCertificate(ctx, a.number)),
  'certificates.void': command({ title: '作废证书', access: 'admin' }, z.object({ number: z.string(), reason: z.string().optional() }), (ctx, a) => voidCertificate(ctx, a.number, a.reason)),
  'certificates.reissue': command({ title: '补发证书', access: 'admin' }, z.object({ number: z.string(), reason: z.string().optional(), date: z.string().optional() }), (ctx, a) =>
    reissueCertificate(ctx, a.number, a.reason, a.date),
  ),
  'certificates.import': command(
    { title: '导入证书编号', backup: 'import' },
    z.object({ file: FileArg, dryRun: z.boolean().optional(), mapping: z.record(z.string(), z.string()).optional(), ...SheetChoice, progressId: z.string().max(100).optional() }),
    async (ctx, a) => (await importJob()).importOffThread(ctx, 'certificates', a) as ReturnType<Awaited<ReturnType<typeof provincialImport>>['importCertificates']>,
  ),
  /** Writes a file when `out` is given, else returns the PDF as base64 (a browser download). */
  'certificates.pdf': command(
    { title: '打印证书' },
    z.object({
      sessionId: Id.optional(),
      numbers: z.array(z.string()).optional(),
      stock: z.boolean().optional(),
      orientation: Orientation,
      bilingual: z.boolean().optional(),
      out: z.string().optional(),
    }),
    async (ctx, a) => (await pdf()).certificatesPdf(ctx, a),
  ),
  'certificates.calibration': query({ title: '打印套打校准页' }, z.object({ out: z.string().optional(), orientation: Orientation }).default({}), async (ctx, a) => (await pdf()).calibrationPdf(ctx, a)),
  /** The 套打 layout: every field's position on pre-printed stock (mm), and whether it was moved from the plain-paper place. */
  'certificates.layout': query({ title: '查看套打版式' }, z.object({ orientation: Orientation }).default({}), (ctx, a) => getStockLayout(ctx, a.orientation)),
  'certificates.setLayout': command(
    { title: '修改套打版式' },
    z.object({
      orientation: Orientation,
      name: z.string().max(60).optional(),
      changes: z.array(
        z.object({ field: z.string(), x: z.number().optional(), y: z.number().optional(), w: z.number().optional(), h: z.number().optional(), size: z.number().optional(), reset: z.boolean().optional() }),
      ),
    }),
    (ctx, a) => setStockLayout(ctx, a),
  ),
  'certificates.verify': query({ title: '核验证书二维码' }, z.object({ text: z.string().min(1), publicKey: z.string().optional() }), (ctx, a) => verifyQr(ctx, a.text, a.publicKey)),
  /** A command: the first call creates the installation's key pair; `out` also saves the PEM there. */
  'certificates.publicKey': command({ title: '导出核验公钥' }, z.object({ out: z.string().optional() }).default({}), (ctx, a) => exportPublicKey(ctx, a.out)),
};
