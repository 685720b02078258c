// Certificates into one PDF (one page each): a single certificate, a selection or a whole session.
// Pages are written as a stream and the event loop gets a turn every few pages, so a batch of
// hundreds neither blocks the window nor holds the whole file in memory; progress is reported.
import type { OnProgress } from '../shared/progress';
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { getSetting } from '../settings/settings';
import { getCandidatePhoto } from '../candidates/candidates';
import { inTransaction, type Ctx } from '../shared/context';
import { checkOutputPath } from '../shared/outputPath';
import { assertFontCovers, certificateFont, type CertificateFont } from './fonts';
import { layoutFor, type Orientation } from './layout';
import { parseStockLayout, stockFields } from './stockLayout';
import { encodePayload, qrText } from './qrPayload';
import { getCertificate, listCertificates, type Certificate } from './records';
import { drawCalibrationPage, drawFullPage, drawStockPage, issueDateText, type Doc, type PageStyle, type PrintedCertificate } from './render';
import { activeSigner } from './signing';
import { LEVEL_LABELS_EN } from '../vocabulary/words';
import { getSession } from '../sessions/sessions';
import { safeFileName } from '../printing/fileName';

export interface PdfRequest {
  sessionId?: number;
  numbers?: string[];
  /** Fields only, on pre-printed stock, shifted by the calibrated offsets. */
  stock?: boolean;
  orientation?: Orientation;
  bilingual?: boolean;
  /** Write the PDF here; without it the bytes come back (a browser download). */
  out?: string;
}

export type PdfOutput = ({ path: string } | { name: string; base64: string }) & { pages: number; numbers: string[] };

function selectCertificates(ctx: Ctx, req: PdfRequest): Certificate[] {
  if (req.sessionId !== undefined && req.numbers?.length) throw new AppError('USAGE', '请只选一种：--session 打印整个批次，或 --number 打印指定证书。');
  if (req.sessionId !== undefined) {
    const certs = listCertificates(ctx, { sessionId: req.sessionId, status: 'issued' });
    if (certs.length === 0) throw new AppError('CERT_NONE_TO_PRINT', `批次 ${req.sessionId} 没有有效的证书可打印。请先定稿，再在批次页点「发证」（命令行：certdesk certificates issue --session ${req.sessionId}）。`);
    return certs;
  }
  if (!req.numbers?.length) throw new AppError('USAGE', '请指定要打印的证书：--session 批次编号，或一个或多个 --number 证书编号。');
  const seen = new Set<string>();
  return req.numbers
    .map((n) => getCertificate(ctx, n))
    .filter((c) => !seen.has(c.number) && Boolean(seen.add(c.number)))
    .map((c) => {
      if (c.status === 'void') {
        throw new AppError('CERT_VOID', `证书 ${c.number}（${c.name}）已作废，不能打印${c.replacedByNumber ? `；补发的新证书编号为 ${c.replacedByNumber}，请打印新证书` : ''}。`);
      }
      return c;
    });
}

function pageStyle(ctx: Ctx, req: PdfRequest): PageStyle {
  const orientation = req.orientation ?? (getSetting(ctx, 'certificate.orientation') as Orientation);
  const saved = parseStockLayout(getSetting(ctx, 'certificate.stockLayout'));
  const sealFile = getSetting(ctx, 'certificate.seal');
  let seal: PageStyle['seal'] = null;
  if (sealFile) {
    if (!fs.existsSync(sealFile)) throw new AppError('CERT_SEAL_UNREADABLE', `找不到印章图片 ${sealFile}。请在设置 certificate.seal 中改为存在的 PNG 文件，或留空不印章。`);
    const position = getSetting(ctx, 'certificate.sealPosition');
    if (position) {
      const [x, y, size] = position.split(',').map(Number) as [number, number, number];
      seal = { file: sealFile, x, y, size };
    } else {
      // 落款: the seal sits over the evaluation body's name and the date, as an officer would stamp it.
      const { body, date } = layoutFor(orientation);
      const size = 40;
      seal = { file: sealFile, x: body.x + body.w / 2 - size / 2, y: (body.y + date.y) / 2 + 3 - size / 2, size };
    }
  }
  return {
    layout: layoutFor(orientation),
    bilingual: req.bilingual ?? getSetting(ctx, 'certificate.bilingual') === 'yes',
    lookupUrl: getSetting(ctx, 'certificate.lookupUrl'),
    bodyLookupUrl: getSetting(ctx, 'certificate.bodyLookupUrl'),
    seal,
    offset: req.stock ? { x: Number(getSetting(ctx, 'certificate.stockOffsetX')), y: Number(getSetting(ctx, 'certificate.stockOffsetY')) } : null,
    fields: stockFields(saved, orientation),
    layoutName: saved.name,
  };
}

function institutionName(ctx: Ctx): string {
  const name = getSetting(ctx, 'institution.name').trim();
  if (!name) throw new AppError('CERT_SETTINGS_MISSING', '证书上要印评价机构名称，但还没有设置。请运行 certdesk settings set institution.name 机构全称，或在设置页填写。');
  return name;
}

/** Everything one page prints, with the QR signed now (Ed25519 is deterministic: a reprint carries the same code). */
function printable(c: Certificate, photo: Buffer | null, institution: string, lookupUrl: string, signer: ReturnType<typeof activeSigner>): PrintedCertificate {
  if (c.level === null || c.occupationName === null) {
    throw new AppError('CERT_INCOMPLETE', `证书 ${c.number}（${c.name}）没有关联认定批次，缺少职业和等级，不能打印。`);
  }
  const payload = encodePayload({
    keyId: signer.keyId,
    number: c.number,
    name: c.name,
    idType: c.idType,
    idNumber: c.idNumber,
    occupation: c.occupationName,
    specialty: c.specialty,
    level: c.level,
    issueDate: c.issueDate,
    institution,
    lookupUrl,
  });
  return {
    values: {
      name: c.name,
      idType: c.idType,
      idNumber: c.idNumber,
      occupation: c.occupationName,
      specialty: c.specialty ?? '--',
      level: c.levelLabel!,
      number: c.number,
      issueDate: issueDateText(c.issueDate),
    },
    levelEn: LEVEL_LABELS_EN[c.level]!,
    institution,
    photo,
    qr: qrText(c.number, lookupUrl, payload, signer.sign(payload)),
    who: `${c.name}（证书 ${c.number}）`,
  };
}

function checkCoverage(font: CertificateFont, certs: Certificate[], institution: string): void {
  assertFontCovers(font, [{ what: '评价机构名称', text: institution }]);
  for (const c of certs) {
    assertFontCovers(font, [
      { what: `考生「${c.name}」（${c.idNumber}）的姓名`, text: c.name },
      { what: `证书 ${c.number} 的职业名称`, text: c.occupationName ?? '' },
      { what: `证书 ${c.number} 的工种`, text: c.specialty ?? '' },
      { what: `证书 ${c.number} 的证件类型`, text: c.idType },
    ]);
  }
}

function newDocument(style: PageStyle, font: CertificateFont, title: string): { doc: Doc; fonts: { regular: string; bold: string } } {
  return newPdf(font, title, style.layout.page.w > style.layout.page.h ? 'landscape' : 'portrait');
}

/** An A4 document in the certificate font, pages added by the caller (the session lists print with it too). */
export function newPdf(font: CertificateFont, title: string, orientation: Orientation): { doc: Doc; fonts: { regular: string; bold: string } } {
  const doc = new PDFDocument({
    size: 'A4',
    layout: orientation,
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Creator: 'CertDesk', Producer: 'CertDesk' },
  });
  doc.registerFont('cert-regular', font.regular.data, font.regular.postscriptName as string);
  doc.registerFont('cert-bold', font.bold.data, font.bold.postscriptName as string);
  return { doc, fonts: { regular: 'cert-regular', bold: 'cert-bold' } };
}

export interface Sink {
  /** Resolves once the file has taken what was written so far (pdfkit itself ignores backpressure). */
  drained(): Promise<void>;
  done(): Promise<{ path: string } | { name: string; base64: string }>;
  abandon(): void;
}

/**
 * Pages go to the file as they are made, through a `.part` file renamed at the end, so a batch
 * never sits whole in memory and a failed one leaves no half-written PDF under the real name.
 * Without a file, the bytes are gathered for a browser download.
 */
export function openSink(ctx: Ctx, doc: Doc, out: string | undefined, name: string): Sink {
  if (!out) {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => doc.on('end', resolve));
    return {
      drained: async () => {},
      done: async () => {
        doc.end();
        await ended;
        return { name, base64: Buffer.concat(chunks).toString('base64') };
      },
      abandon: () => {},
    };
  }
  const file = checkOutputPath(ctx, out);
  const part = `${file}.part`;
  const failed = (e: Error) => new AppError('CERT_PDF_WRITE', `无法写入 ${file}：${e.message}。请换一个文件夹，或关闭正在打开这个文件的程序。`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw failed(e as Error);
  }
  const stream = fs.createWriteStream(part);
  let error: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (e) => {
      error = e;
      reject(failed(e));
    });
  });
  finished.catch(() => {});
  doc.pipe(stream);
  return {
    drained: async () => {
      if (error) throw failed(error);
      if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), finished]);
    },
    done: async () => {
      doc.end();
      await finished;
      fs.renameSync(part, file);
      return { path: file };
    },
    abandon: () => {
      doc.unpipe(stream);
      stream.destroy();
      fs.rmSync(part, { force: true });
    },
  };
}

const YIELD_EVERY = 16;

/** The file says whose certificates these are: the session's name, one person's name and number, or the first of several and how many. */
function fileNameFor(ctx: Ctx, req: PdfRequest, certs: Certificate[]): string {
  const who =
    req.sessionId !== undefined
      ? getSession(ctx, req.sessionId).name
      : certs.length === 1
        ? `${certs[0]!.name}-${certs[0]!.number}`
        : `${certs[0]!.name}等${certs.length}人`;
  return safeFileName(`证书-${who}${req.stock ? '-套打' : ''}`);
}

export async function certificatesPdf(ctx: Ctx, req: PdfRequest, onProgress?: OnProgress): Promise<PdfOutput> {
  const certs = selectCertificates(ctx, req);
  const institution = institutionName(ctx);
  const style = pageStyle(ctx, req);
  const font = certificateFont(getSetting(ctx, 'certificate.font'));
  checkCoverage(font, certs, institution);
  const signer = activeSigner(ctx);
  const name = fileNameFor(ctx, req, certs);
  const { doc, fonts } = newDocument(style, font, name.replace(/\.pdf$/, ''));
  const sink = openSink(ctx, doc, req.out, name);
  let written: Awaited<ReturnType<Sink['done']>>;
  try {
    for (let i = 0; i < certs.length; i++) {
      const p = printable(certs[i]!, getCandidatePhoto(ctx, certs[i]!.candidateId), institution, style.lookupUrl, signer);
      doc.addPage();
      if (req.stock) drawStockPage(doc, p, style, fonts);
      else drawFullPage(doc, p, style, fonts);
      if ((i + 1) % YIELD_EVERY === 0 || i + 1 === certs.length) {
        onProgress?.({ phase: 'rendering', done: i + 1, total: certs.length });
        await sink.drained();
        await new Promise((r) => setImmediate(r));
      }
    }
    written = await sink.done();
  } catch (e) {
    sink.abandon();
    throw e;
  }
  // Audited only once the file exists: a failed print leaves no trace of a print that never happened.
  inTransaction(ctx.db, () => {
    const where = 'path' in written ? written.path : '（下载）';
    for (const c of certs) recordAudit(ctx, { entity: 'certificate', entityId: c.number, action: 'print', newValue: { mode: req.stock ? 'stock' : 'full', file: where } });
  });
  return { ...written, pages: certs.length, numbers: certs.map((c) => c.number) };
}

/** One calibration page for pre-printed stock (see drawCalibrationPage). */
export async function calibrationPdf(ctx: Ctx, req: { out?: string; orientation?: Orientation }): Promise<{ path: string } | { name: string; base64: string }> {
  const style = pageStyle(ctx, { stock: true, orientation: req.orientation });
  const { doc, fonts } = newDocument(style, certificateFont(getSetting(ctx, 'certificate.font')), '证书套打校准页');
  const sink = openSink(ctx, doc, req.out, '证书套打校准页.pdf');
  doc.addPage();
  drawCalibrationPage(doc, style, fonts);
  return sink.done();
}
