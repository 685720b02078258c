// 会员单位服务反馈表: one A4 page per member with its year's figures beside those of all members,
// printed with the certificate engine's font and file handling (services/certificates/pdf.ts),
// for the association to send each member enterprise (docs/members.md).
import { AppError } from '../errors';
import { getSetting } from '../settings/settings';
import { todayIso } from '../shared/dates';
import type { Ctx } from '../shared/context';
import { assertFontCovers, certificateFont } from '../certificates/fonts';
import { newPdf, openSink } from '../certificates/pdf';
import { mm } from '../certificates/layout';
import { fitLine, issueDateText } from '../certificates/render';
import { safeFileName } from '../printing/fileName';
import { normaliseEmployerName } from '../candidates/employers';
import { PASS_RATE_FORMULA } from '../passrate/passRate';
import { memberReport, type MemberFigures } from './report';

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#333333';

const rate = (r: number | null) => (r === null ? '--' : `${Math.round(r * 1000) / 10}%`);

const LINES: [string, (f: Omit<MemberFigures, 'employer' | 'category'>) => string][] = [
  ['认定报名人数', (f) => String(f.registered)],
  ['实考人数', (f) => String(f.sat)],
  ['合格人数', (f) => String(f.passed)],
  ['合格率（合格 ÷ 实考）', (f) => rate(f.passRate)],
  ['发放证书', (f) => String(f.certificates)],
  ['培训学时', (f) => String(f.trainingHours)],
  ['培训结业人数', (f) => String(f.trainingCompletions)],
  ['技能竞赛参赛', (f) => String(f.competitionEntries)],
  ['技能竞赛获奖', (f) => String(f.awards)],
];

export async function memberFeedbackPdf(ctx: Ctx, req: { year: string; employer?: string; out?: string }): Promise<({ path: string } | { name: string; base64: string }) & { pages: number }> {
  const report = memberReport(ctx, req.year);
  let members = report.members;
  if (req.employer !== undefined) {
    const name = normaliseEmployerName(req.employer);
    members = members.filter((m) => m.employer === name);
    if (members.length === 0) throw new AppError('MEMBER_NOT_FOUND', `「${name}」在 ${req.year} 年不是会员单位，请用 member list 核对名称。`);
  }
  if (members.length === 0) throw new AppError('MEMBER_NOT_FOUND', `${req.year} 年没有会员单位，没有反馈表可打印。请先登记会员单位（member add）。`);
  const all = report.totals.at(-1)!;
  const institution = getSetting(ctx, 'institution.name').trim() || '行业协会';
  const font = certificateFont(getSetting(ctx, 'certificate.font'));
  assertFontCovers(font, [{ what: '机构名称', text: institution }, ...members.map((m) => ({ what: `会员单位「${m.employer}」的名称`, text: m.employer }))]);
  const title = `${req.year}年度会员单位服务反馈表`;
  const name = safeFileName(`${title}-${members.length === 1 ? members[0]!.employer : `${members.length}家`}.pdf`);
  const { doc, fonts } = newPdf(font, name.replace(/\.pdf$/, ''), 'portrait');
  const sink = openSink(ctx, doc, req.out, name);
  try {
    for (const m of members) {
      doc.addPage();
      doc.font(fonts.bold).fillColor(INK).fontSize(20);
      doc.text(title, (mm(210) - doc.widthOfString(title)) / 2, mm(25), { lineBreak: false });
      doc.font(fonts.regular).fontSize(12);
      fitLine(doc, `会员单位：${m.employer}`, mm(20), mm(45), mm(170), 13);
      doc.text(`类别：${m.category}`, mm(20), mm(55), { lineBreak: false });
      const widths = [70, 50, 50];
      const x0 = 20;
      let y = 70;
      const row = (cells: string[], bold = false) => {
        let x = x0;
        cells.forEach((c, i) => {
          doc.font(bold ? fonts.bold : fonts.regular).fillColor(INK);
          fitLine(doc, c, mm(x + 2), mm(y + 2.5), mm(widths[i]! - 4), 11, i === 0 ? 'left' : 'center');
          doc.save().lineWidth(0.5).strokeColor(RULE).rect(mm(x), mm(y), mm(widths[i]!), mm(10)).stroke().restore();
          x += widths[i]!;
        });
        y += 10;
      };
      row(['项目', '本单位', `全部会员单位（${all.members}家）`], true);
      for (const [label, value] of LINES) row([label, value(m), value(all)]);
      doc.font(fonts.regular).fillColor(MUTED).fontSize(9);
      doc.text(`${PASS_RATE_FORMULA}。按每次认定、培训结业、竞赛当天的会员身份计入；培训只计已结业定稿的培训班。`, mm(20), mm(y + 6), { width: mm(170) });
      doc.fillColor(INK).fontSize(12).text(institution, mm(110), mm(250), { width: mm(80), align: 'center', lineBreak: false });
      doc.text(issueDateText(todayIso()), mm(110), mm(260), { width: mm(80), align: 'center', lineBreak: false });
    }
    const written = await sink.done();
    return { ...written, pages: members.length };
  } catch (e) {
    sink.abandon();
    throw e;
  }
}
