// 获奖证书: one A4 page per prize of a finalized competition, through the certificate PDF engine
// (fonts, page sink, QR drawing), with a signed QR code `certdesk verify` checks (awardQr.ts).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { getSetting } from '../settings/settings';
import { inTransaction, type Ctx } from '../shared/context';
import { assertFontCovers, certificateFont } from '../certificates/fonts';
import { newPdf, openSink } from '../certificates/pdf';
import { drawQr, fitLine, issueDateText, type Doc } from '../certificates/render';
import { activeSigner } from '../certificates/signing';
import { safeFileName } from '../printing/fileName';
import { getCompetition, type Competition } from './competitions';
import { competitionResults, type RankingLine } from './ranking';
import { awardQrText, encodeAward, type AwardFields } from './awardQr';

export interface AwardPdf {
  pages: number;
  awards: { awardNumber: string; entrant: string; prize: string }[];
}

/** Who awards: the competition's organiser, else the evaluation body's registered name. */
export function awardedBy(ctx: Ctx, c: Competition): string {
  const name = c.organiser ?? getSetting(ctx, 'institution.name').trim();
  if (!name) throw new AppError('CERT_SETTINGS_MISSING', '获奖证书要印颁奖单位，但竞赛没有填写主办单位，也没有设置评价机构名称。请用 competition update --organiser 填写，或设置 institution.name。');
  return name;
}

export function awardFields(c: Competition, line: RankingLine, keyId: string, by: string): AwardFields {
  return { keyId, awardNumber: line.awardNumber!, competition: c.name, date: c.date, winner: line.entrant, members: line.members.join('、'), rank: line.rank, prize: line.prize!, awardedBy: by };
}

const mm = (v: number) => (v * 72) / 25.4;
const RED = '#9b1c1c';
const INK = '#1a1a1a';
const MUTED = '#555555';

function drawAward(doc: Doc, f: AwardFields, qr: string, fonts: { regular: string; bold: string }): void {
  const W = mm(297);
  const H = mm(210);
  doc.save().lineWidth(2).strokeColor(RED).rect(mm(10), mm(10), W - mm(20), H - mm(20)).stroke();
  doc.lineWidth(0.6).rect(mm(13), mm(13), W - mm(26), H - mm(26)).stroke().restore();
  doc.font(fonts.bold).fillColor(RED).fontSize(40);
  const title = '获奖证书';
  const tw = doc.widthOfString(title, { characterSpacing: 12 }) - 12;
  doc.text(title, (W - tw) / 2, mm(32), { characterSpacing: 12, lineBreak: false });
  doc.font(fonts.regular).fillColor(INK);
  fitLine(doc, `${f.winner}${f.members ? `（${f.members}）` : ''}：`, mm(40), mm(68), mm(217), 18);
  const body = `在${f.competition}中，荣获${f.prize}（第${f.rank}名）。`;
  fitLine(doc, `　　${body}`, mm(40), mm(86), mm(217), 18);
  fitLine(doc, '　　特发此证，以资鼓励。', mm(40), mm(104), mm(217), 18);
  fitLine(doc, f.awardedBy, mm(160), mm(150), mm(100), 15, 'center');
  doc.fontSize(14).text(issueDateText(f.date), mm(160), mm(165), { width: mm(100), align: 'center', lineBreak: false });
  drawQr(doc, qr, { x: mm(30), y: mm(140), w: mm(32) });
  doc.fillColor(MUTED).fontSize(8).text('扫码核验', mm(30), mm(174), { width: mm(32), align: 'center', lineBreak: false });
  doc.fontSize(10).text(`证书编号：${f.awardNumber}`, mm(70), mm(170), { lineBreak: false });
}

/** Every prize of a finalized competition, one page each, in rank order. */
export async function awardCertificatesPdf(ctx: Ctx, competitionId: number, out?: string): Promise<AwardPdf & ({ path: string } | { name: string; base64: string })> {
  const c = getCompetition(ctx, competitionId);
  if (c.status !== 'final') throw new AppError('COMPETITION_NOT_FINAL', `竞赛「${c.name}」还没有定稿，名次和奖项可能还会变，不能打印获奖证书。请公示、处理申诉后定稿（competition finalize ${c.id}），再打印。`);
  const lines = competitionResults(ctx, c.id).ranking.filter((l) => l.prize && l.awardNumber);
  if (lines.length === 0) throw new AppError('CERT_NONE_TO_PRINT', `竞赛「${c.name}」没有设奖项，没有获奖证书可打印。请在定稿前设置奖项规则（competition prizes）。`);
  const by = awardedBy(ctx, c);
  const font = certificateFont(getSetting(ctx, 'certificate.font'));
  assertFontCovers(font, [
    { what: '竞赛名称', text: c.name },
    { what: '颁奖单位', text: by },
    ...lines.flatMap((l) => [
      { what: `「${l.entrant}」的名称`, text: l.entrant },
      { what: `「${l.entrant}」的队员姓名`, text: l.members.join('') },
      { what: '奖项名称', text: l.prize! },
    ]),
  ]);
  const signer = activeSigner(ctx);
  const name = safeFileName(`获奖证书-${c.name}`);
  const { doc, fonts } = newPdf(font, name.replace(/\.pdf$/, ''), 'landscape');
  const sink = openSink(ctx, doc, out, name);
  let written: Awaited<ReturnType<typeof sink.done>>;
  try {
    for (const l of lines) {
      const f = awardFields(c, l, signer.keyId, by);
      const payload = encodeAward(f);
      doc.addPage();
      drawAward(doc, f, awardQrText(f.awardNumber, payload, signer.sign(payload)), fonts);
    }
    written = await sink.done();
  } catch (e) {
    sink.abandon();
    throw e;
  }
  const awards = lines.map((l) => ({ awardNumber: l.awardNumber!, entrant: l.entrant, prize: l.prize! }));
  inTransaction(ctx.db, () => recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'print-awards', newValue: { file: 'path' in written ? written.path : '（下载）', awards: awards.map((a) => a.awardNumber) } }));
  return { ...written, pages: lines.length, awards };
}
