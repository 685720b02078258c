// 培训合格证明 / 结业证书: one A4 page per trainee who completed a finalized class, printed with
// the certificate engine (font, pages, file handling: services/certificates/pdf.ts) and a signed
// QR code of its own kind (qrPayload.ts, TRAINING_PREFIX) that `certdesk verify` checks. Each
// proof gets a serial the first time it is printed (PX + year + five digits), never reused, and
// the date it carries is the class's 结业 date, so a reprint is the same paper with the same code.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { getSetting } from '../settings/settings';
import { inTransaction, type Ctx } from '../shared/context';
import { assertFontCovers, certificateFont } from '../certificates/fonts';
import { newPdf, openSink } from '../certificates/pdf';
import { mm } from '../certificates/layout';
import { fitLine, issueDateText, type Doc } from '../certificates/render';
import { pdfImage } from '../certificates/pdfImage';
import { qrImage } from '../certificates/qrImage';
import { encodeTrainingPayload, trainingQrText } from '../certificates/qrPayload';
import { activeSigner } from '../certificates/signing';
import { safeFileName } from '../printing/fileName';
import { normaliseIdNumber } from '../ids/idNumber';
import { getClass } from './classes';

export const PROOF_TITLES = ['培训合格证明', '结业证书'] as const;
export type ProofTitle = (typeof PROOF_TITLES)[number];

export interface ProofRequest {
  classId: number;
  /** One trainee; without it every trainee who completed. */
  idNumber?: string;
  title?: ProofTitle;
  out?: string;
}

interface Proof {
  candidateId: number;
  name: string;
  idType: string;
  idNumber: string;
  hoursTenths: number;
  number: string | null;
}

const INK = '#111111';
const RED = '#b0201e';
const MUTED = '#555555';

/** Serials for the proofs that have none yet, in the same transaction that records them. */
function assignNumbers(ctx: Ctx, classId: number, year: string, proofs: Proof[]): void {
  const bump = ctx.db.prepare('INSERT INTO certificate_serials (scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last');
  const save = ctx.db.prepare('UPDATE training_trainees SET certificate_number = ? WHERE class_id = ? AND candidate_id = ?');
  for (const p of proofs) {
    if (p.number) continue;
    const { last } = bump.get(`training-${year}`) as { last: number };
    if (last > 99999) throw new AppError('CERT_SERIAL_EXHAUSTED', `${year}年的培训证明编号已用完（99999），请联系技术支持。`);
    p.number = `PX${year}${String(last).padStart(5, '0')}`;
    save.run(p.number, classId, p.candidateId);
    recordAudit(ctx, { entity: 'training', entityId: classId, action: 'number-proof', newValue: { idNumber: p.idNumber, number: p.number } });
  }
}

function drawProof(doc: Doc, fonts: { regular: string; bold: string }, title: string, rows: [string, string][], sentence: string, organiser: string, issueDate: string, qr: string): void {
  const W = mm(210);
  doc.save().lineWidth(2).strokeColor(RED).rect(mm(12), mm(12), mm(186), mm(273)).stroke().lineWidth(0.6).rect(mm(15), mm(15), mm(180), mm(267)).stroke().restore();
  doc.font(fonts.bold).fillColor(RED).fontSize(30);
  const spacing = 8;
  const tw = doc.widthOfString(title, { characterSpacing: spacing }) - spacing;
  doc.text(title, (W - tw) / 2, mm(40), { characterSpacing: spacing, lineBreak: false });
  doc.font(fonts.regular).fillColor(INK).fontSize(13).text(sentence, mm(30), mm(68), { width: mm(150), lineGap: 8 });
  let y = 118;
  for (const [label, value] of rows) {
    doc.font(fonts.regular).fillColor(MUTED).fontSize(12).text(label, mm(32), mm(y), { lineBreak: false });
    doc.fillColor(INK);
    fitLine(doc, value, mm(62), mm(y), mm(112), 12);
    doc.save().lineWidth(0.5).strokeColor('#7a7a7a').moveTo(mm(60), mm(y) + 16).lineTo(mm(176), mm(y) + 16).stroke().restore();
    y += 13;
  }
  doc.image(pdfImage(qrImage(qr)) as unknown as Buffer, mm(32), mm(228), { width: mm(32), height: mm(32) });
  doc.font(fonts.regular).fillColor(MUTED).fontSize(8).text('扫码核验', mm(32), mm(261), { width: mm(32), align: 'center', lineBreak: false });
  doc.fillColor(INK).fontSize(12).text('培训机构（盖章）', mm(100), mm(232), { width: mm(80), align: 'center', lineBreak: false });
  fitLine(doc, organiser, mm(100), mm(242), mm(80), 13, 'center');
  doc.fontSize(12).text(issueDate, mm(100), mm(254), { width: mm(80), align: 'center', lineBreak: false });
}

export async function trainingProofsPdf(ctx: Ctx, req: ProofRequest): Promise<({ path: string } | { name: string; base64: string }) & { pages: number; numbers: string[] }> {
  const c = getClass(ctx, req.classId);
  if (c.status !== 'finalized') throw new AppError('TRAINING_NOT_FINALIZED', `培训班「${c.name}」还没有结业定稿。请先结业定稿（training finalize），再打印${req.title ?? '培训合格证明'}。`);
  const title = req.title ?? '培训合格证明';
  const organiser = c.organiser ?? getSetting(ctx, 'institution.name').trim();
  if (!organiser) throw new AppError('CERT_SETTINGS_MISSING', '培训证明上要印培训机构名称，但培训班没有填写主办机构，也还没有设置机构名称。请在培训班页「编辑」里填写培训机构，或在设置页填写评价机构名称（命令行：certdesk settings set institution.name 机构全称）。');
  const proofs = ctx.db
    .prepare(
      `SELECT t.candidate_id AS candidateId, p.name, p.id_type AS idType, p.id_number AS idNumber, t.hours_tenths AS hoursTenths, t.certificate_number AS number, t.completed
       FROM training_trainees t JOIN candidates p ON p.id = t.candidate_id WHERE t.class_id = ? ORDER BY t.created_at, p.id`,
    )
    .all(c.id) as (Proof & { completed: number })[];
  let chosen = proofs.filter((p) => p.completed === 1);
  if (req.idNumber !== undefined) {
    const id = normaliseIdNumber(req.idNumber);
    const one = proofs.find((p) => p.idNumber === id);
    if (!one) throw new AppError('TRAINING_NOT_ENROLLED', `证件号码 ${req.idNumber} 不是培训班「${c.name}」的学员，请核对。`);
    if (one.completed !== 1) throw new AppError('TRAINING_NOT_COMPLETED', `「${one.name}」没有达到培训班「${c.name}」的结业条件，不能打印${title}。`);
    chosen = [one];
  }
  if (chosen.length === 0) throw new AppError('TRAINING_NOT_COMPLETED', `培训班「${c.name}」没有达到结业条件的学员，没有${title}可打印。`);
  const font = certificateFont(getSetting(ctx, 'certificate.font'));
  assertFontCovers(font, [
    { what: '培训班名称', text: c.name },
    { what: '培训机构名称', text: organiser },
    ...chosen.map((p) => ({ what: `学员「${p.name}」（${p.idNumber}）的姓名`, text: p.name })),
  ]);
  inTransaction(ctx.db, () => assignNumbers(ctx, c.id, c.to.slice(0, 4), chosen));
  const signer = activeSigner(ctx);
  const name = safeFileName(`${title}-${chosen.length === 1 ? `${chosen[0]!.name}-${chosen[0]!.number}` : c.name}.pdf`);
  const { doc, fonts } = newPdf(font, name.replace(/\.pdf$/, ''), 'portrait');
  const sink = openSink(ctx, doc, req.out, name);
  let written: Awaited<ReturnType<typeof sink.done>>;
  try {
    for (const p of chosen) {
      const hours = String(p.hoursTenths / 10);
      const payload = encodeTrainingPayload({ keyId: signer.keyId, number: p.number!, name: p.name, idType: p.idType, idNumber: p.idNumber, className: c.name, from: c.from, to: c.to, hoursTenths: p.hoursTenths, organiser, issueDate: c.to });
      doc.addPage();
      drawProof(
        doc,
        fonts,
        title,
        [
          ['证书编号', p.number!],
          ['姓　　名', p.name],
          [p.idType.length <= 4 ? p.idType : '证件号码', p.idNumber],
          ['培训项目', c.name],
          ['培训时间', `${issueDateText(c.from)}至${issueDateText(c.to)}`],
          ['培训学时', `${hours} 学时`],
        ],
        `学员 ${p.name} 于 ${issueDateText(c.from)}至${issueDateText(c.to)}参加「${c.name}」，完成 ${hours} 学时，经考核合格，准予结业。特发此证。`,
        organiser,
        issueDateText(c.to),
        trainingQrText(p.number!, payload, signer.sign(payload)),
      );
    }
    written = await sink.done();
  } catch (e) {
    sink.abandon();
    throw e;
  }
  inTransaction(ctx.db, () => recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'print-proof', newValue: { title, numbers: chosen.map((p) => p.number), file: 'path' in written ? written.path : '（下载）' } }));
  return { ...written, pages: chosen.length, numbers: chosen.map((p) => p.number!) };
}
