// A session's paper for the exam day, printed as the paper it replaces and not as the screen:
// 准考证号名单 (posted at the door), 签到表 (signed by each candidate), 准考证 (one ticket per
// candidate, two to an A4 sheet) and the blank 成绩登记表 the examiners write scores on.
// They are built with the certificate PDF engine (services/certificates/pdf.ts): the same font
// (setting certificate.font, checked character by character), the same A4 pages and the same
// file handling (written to a .part file and renamed, or returned as bytes for a download).
import { AppError } from '../errors';
import { getSetting } from '../settings/settings';
import { getCandidatePhoto } from '../candidates/candidates';
import { getSession, type Session } from '../sessions/sessions';
import { listEnrolments, type Enrolment } from '../sessions/enrolments';
import type { Ctx } from '../shared/context';
import { assertFontCovers, certificateFont } from '../certificates/fonts';
import { newPdf, openSink } from '../certificates/pdf';
import { mm } from '../certificates/layout';
import { fitLine, type Doc } from '../certificates/render';
import { opaquePng, pdfImage } from '../certificates/pdfImage';
import { safeFileName } from './fileName';

export const PRINT_KINDS = ['admission-list', 'sign-in', 'tickets', 'score-sheet'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

export const PRINT_KIND_LABELS: Readonly<Record<PrintKind, string>> = {
  'admission-list': '准考证号名单',
  'sign-in': '签到表',
  tickets: '准考证',
  'score-sheet': '成绩登记表',
};

export interface PrintRequest {
  sessionId: number;
  kind: PrintKind;
  /** Write the PDF here; without it the bytes come back (a browser download). */
  out?: string;
}

export type PrintOutput = ({ path: string } | { name: string; base64: string }) & { pages: number; candidates: number };

type Fonts = { regular: string; bold: string };

const INK = '#111111';
const RULE = '#333333';
const MUTED = '#555555';

/** The A4 portrait page, in mm. */
const PAGE = { w: 210, h: 297, left: 15, right: 195 };

interface Column {
  title: string;
  /** mm */
  width: number;
  align?: 'left' | 'center';
  value(e: Enrolment, index: number): string;
}

interface TableSheet {
  title: string;
  columns: Column[];
  /** Row height in mm: tall enough to sign or write a score in where that is what the row is for. */
  rowHeight: number;
  /** Drawn at the foot of every page, above the page number (the examiners' signatures). */
  footer?: string;
}

function dateText(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

function examDates(s: Session): string {
  return s.endDate && s.endDate !== s.examDate ? `${dateText(s.examDate)}至${dateText(s.endDate)}` : dateText(s.examDate);
}

function occupationText(s: Session): string {
  return `${s.occupationName}${s.specialty ? `（${s.specialty}）` : ''}`;
}

const seq = (_e: Enrolment, i: number) => String(i + 1);

function sheetOf(kind: Exclude<PrintKind, 'tickets'>, s: Session): TableSheet {
  if (kind === 'admission-list') {
    return {
      title: '准考证号名单',
      rowHeight: 8,
      columns: [
        { title: '序号', width: 12, align: 'center', value: seq },
        { title: '准考证号', width: 30, align: 'center', value: (e) => e.admissionNumber },
        { title: '姓名', width: 24, value: (e) => e.name },
        { title: '性别', width: 11, align: 'center', value: (e) => e.gender ?? '' },
        { title: '证件号码', width: 43, value: (e) => e.idNumber },
        { title: '工作单位', width: 60, value: (e) => e.employer ?? '' },
      ],
    };
  }
  if (kind === 'sign-in') {
    return {
      title: '考生签到表',
      rowHeight: 12,
      columns: [
        { title: '序号', width: 11, align: 'center', value: seq },
        { title: '准考证号', width: 30, align: 'center', value: (e) => e.admissionNumber },
        { title: '姓名', width: 24, value: (e) => e.name },
        { title: '证件号码', width: 43, value: (e) => e.idNumber },
        { title: '考生签名', width: 46, value: () => '' },
        { title: '备注', width: 26, value: () => '' },
      ],
    };
  }
  // One column per part of this occupation and level, wide enough for a handwritten score.
  const fixed: Column[] = [
    { title: '序号', width: 11, align: 'center', value: seq },
    { title: '准考证号', width: 30, align: 'center', value: (e) => e.admissionNumber },
    { title: '姓名', width: 22, value: (e) => e.name },
    { title: '证件号码', width: 42, value: (e) => e.idNumber },
  ];
  const remarks = 20;
  const partWidth = (180 - fixed.reduce((n, c) => n + c.width, 0) - remarks) / s.parts.length;
  return {
    title: '成绩登记表',
    rowHeight: 12,
    columns: [
      ...fixed,
      ...s.parts.map((p): Column => ({ title: p.label, width: partWidth, align: 'center', value: () => '' })),
      { title: '备注', width: remarks, value: () => '' },
    ],
    footer: '评分人（签名）：＿＿＿＿＿＿＿＿　　复核人（签名）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日',
  };
}

/** Session name, date, venue and the evaluation body: the head of every page, so a loose page still says what it is. */
function drawPageHead(doc: Doc, fonts: Fonts, s: Session, title: string, institution: string): number {
  doc.font(fonts.bold).fillColor(INK);
  fitLine(doc, title, mm(PAGE.left), mm(13), mm(PAGE.right - PAGE.left), 18, 'center');
  doc.font(fonts.regular);
  fitLine(doc, s.name, mm(PAGE.left), mm(22), mm(PAGE.right - PAGE.left), 11, 'center');
  doc.fillColor(MUTED);
  const what = `职业（工种）：${occupationText(s)}　　等级：${s.levelLabel}${institution ? `　　评价机构：${institution}` : ''}`;
  fitLine(doc, what, mm(PAGE.left), mm(29), mm(PAGE.right - PAGE.left), 9, 'left');
  const where = `考试日期：${examDates(s)}　　考试地点：${s.venue ?? '＿＿＿＿＿＿＿＿'}`;
  fitLine(doc, where, mm(PAGE.left), mm(33.5), mm(PAGE.right - PAGE.left), 9, 'left');
  return 39;
}

function drawPageNumber(doc: Doc, fonts: Fonts, page: number, pages: number): void {
  doc.font(fonts.regular).fillColor(MUTED);
  fitLine(doc, `第 ${page} 页　共 ${pages} 页`, mm(PAGE.left), mm(PAGE.h - 12), mm(PAGE.right - PAGE.left), 9, 'center');
}

/** One cell's text, vertically centred in its row. */
function cellText(doc: Doc, text: string, x: number, top: number, width: number, height: number, size: number, align: 'left' | 'center'): void {
  if (!text) return;
  fitLine(doc, text, mm(x + 1.5), mm(top) + (mm(height) - size * 1.2) / 2, mm(width - 3), size, align);
}

async function drawTableSheet(doc: Doc, fonts: Fonts, s: Session, people: Enrolment[], sheet: TableSheet, institution: string, breathe: () => Promise<void>): Promise<number> {
  const headerRow = 9;
  const footerSpace = sheet.footer ? 12 : 0;
  const tableTop = 39;
  const bottom = PAGE.h - 18 - footerSpace;
  const perPage = Math.floor((bottom - tableTop - headerRow) / sheet.rowHeight);
  const pages = Math.ceil(people.length / perPage);
  const width = sheet.columns.reduce((n, c) => n + c.width, 0);
  const left = PAGE.left + (PAGE.right - PAGE.left - width) / 2;
  for (let page = 0; page < pages; page++) {
    doc.addPage();
    drawPageHead(doc, fonts, s, sheet.title, institution);
    const rows = people.slice(page * perPage, (page + 1) * perPage);
    // The header row again on every page, shaded so it reads as a header in a photocopy too.
    doc.save().rect(mm(left), mm(tableTop), mm(width), mm(headerRow)).fill('#e8e8e8').restore();
    let x = left;
    doc.font(fonts.bold).fillColor(INK);
    for (const c of sheet.columns) {
      cellText(doc, c.title, x, tableTop, c.width, headerRow, 10, 'center');
      x += c.width;
    }
    doc.font(fonts.regular).fillColor(INK);
    rows.forEach((e, r) => {
      const top = tableTop + headerRow + r * sheet.rowHeight;
      let cx = left;
      for (const c of sheet.columns) {
        cellText(doc, c.value(e, page * perPage + r), cx, top, c.width, sheet.rowHeight, 10, c.align ?? 'left');
        cx += c.width;
      }
    });
    // Grid lines: the outer frame heavier, so the table holds together when cut or stapled.
    const tableBottom = tableTop + headerRow + rows.length * sheet.rowHeight;
    doc.save().lineWidth(0.5).strokeColor(RULE);
    for (let r = 0; r <= rows.length; r++) {
      const y = tableTop + headerRow + r * sheet.rowHeight;
      doc.moveTo(mm(left), mm(y)).lineTo(mm(left + width), mm(y));
    }
    x = left;
    for (const c of sheet.columns.slice(0, -1)) {
      x += c.width;
      doc.moveTo(mm(x), mm(tableTop)).lineTo(mm(x), mm(tableBottom));
    }
    doc.stroke();
    doc.lineWidth(1).rect(mm(left), mm(tableTop), mm(width), mm(tableBottom - tableTop)).stroke().restore();
    if (sheet.footer) {
      doc.font(fonts.regular).fillColor(INK);
      fitLine(doc, sheet.footer, mm(left), mm(PAGE.h - 26), mm(width), 10, 'left');
    }
    drawPageNumber(doc, fonts, page + 1, pages);
    await breathe();
  }
  return pages;
}

/** Two tickets to an A4 sheet, with a dashed line to cut along. */
async function drawTickets(ctx: Ctx, doc: Doc, fonts: Fonts, s: Session, people: Enrolment[], institution: string, breathe: () => Promise<void>): Promise<number> {
  const notes = getSetting(ctx, 'printing.ticketNotes').trim();
  const half = PAGE.h / 2;
  const pages = Math.ceil(people.length / 2);
  for (const [i, e] of people.entries()) {
    if (i % 2 === 0) {
      doc.addPage();
      if (i + 1 < people.length) {
        doc.save().lineWidth(0.4).dash(3, { space: 3 }).strokeColor('#999999').moveTo(mm(8), mm(half)).lineTo(mm(PAGE.w - 8), mm(half)).stroke().undash().restore();
      }
      await breathe();
    }
    const top = (i % 2) * half + 10;
    const box = { x: PAGE.left, y: top, w: PAGE.right - PAGE.left, h: half - 20 };
    doc.save().lineWidth(1).strokeColor(RULE).rect(mm(box.x), mm(box.y), mm(box.w), mm(box.h)).stroke().restore();
    doc.font(fonts.bold).fillColor(INK);
    fitLine(doc, '职业技能等级认定准考证', mm(box.x), mm(top + 6), mm(box.w), 18, 'center');
    doc.font(fonts.regular).fillColor(MUTED);
    if (institution) fitLine(doc, institution, mm(box.x), mm(top + 15), mm(box.w), 10, 'center');

    const photo = { x: box.x + box.w - 36, y: top + 24, w: 25, h: 35 };
    const image = getCandidatePhoto(ctx, e.candidateId);
    let drawn = false;
    if (image) {
      try {
        const raw = opaquePng(image);
        doc.image(raw ? (pdfImage(raw) as unknown as Buffer) : image, mm(photo.x), mm(photo.y), { fit: [mm(photo.w), mm(photo.h)], align: 'center', valign: 'center' });
        drawn = true;
      } catch {
        // A damaged photo must not stop the whole batch of tickets: the box is left for a printed photo to be glued in.
      }
    }
    doc.save().lineWidth(0.5).strokeColor('#888888');
    if (!drawn) doc.dash(2, { space: 2 });
    doc.rect(mm(photo.x), mm(photo.y), mm(photo.w), mm(photo.h)).stroke().undash().restore();
    if (!drawn) {
      doc.fillColor('#888888');
      fitLine(doc, '照片粘贴处', mm(photo.x), mm(photo.y + photo.h / 2 - 2), mm(photo.w), 9, 'center');
    }

    const rows: [string, string, boolean?][] = [
      ['姓　　名', e.name],
      ['证件号码', e.idNumber],
      ['准考证号', e.admissionNumber, true],
      ['职业（工种）', occupationText(s)],
      ['等　　级', s.levelLabel],
      ['认定批次', s.name],
      ['考试日期', examDates(s)],
      ['考试地点', s.venue ?? ''],
    ];
    const labelX = box.x + 8;
    const valueX = box.x + 36;
    const valueEnd = photo.x - 4;
    rows.forEach(([label, value, strong], r) => {
      const y = top + 24 + r * 8.2;
      doc.font(fonts.regular).fillColor(MUTED);
      fitLine(doc, label, mm(labelX), mm(y), mm(valueX - labelX - 2), 10.5, 'left');
      doc.font(strong ? fonts.bold : fonts.regular).fillColor(INK);
      fitLine(doc, value, mm(valueX), mm(y - (strong ? 0.6 : 0)), mm(valueEnd - valueX), strong ? 13 : 10.5, 'left');
      doc.save().lineWidth(0.3).strokeColor('#aaaaaa').moveTo(mm(valueX), mm(y + 5.6)).lineTo(mm(valueEnd), mm(y + 5.6)).stroke().restore();
    });
    const notesTop = top + 24 + rows.length * 8.2 + 2;
    if (notes) {
      doc.font(fonts.bold).fillColor(INK).fontSize(10).text('考场须知', mm(labelX), mm(notesTop), { lineBreak: false });
      doc.font(fonts.regular).fillColor(INK).fontSize(8.5);
      // The notes wrap within the ticket and stop at its edge rather than spill onto the next ticket.
      // Each numbered item on a line of its own, as the notes are usually posted.
      const items = notes.replace(/(?<=[。；;])\s*(?=\d+[.．、])/g, '\n');
      doc.text(items, mm(labelX), mm(notesTop + 5.5), { width: mm(box.w - 16), height: mm(box.y + box.h - notesTop - 8), ellipsis: true, lineGap: 1.5 });
    }
  }
  return pages;
}

/**
 * The session's list of the given kind as a PDF. Refused for a session nobody is enrolled in
 * (there is nothing to print) and for a character the font cannot draw (a blank where a name
 * should be would go unnoticed on the exam day).
 */
export async function printSessionList(ctx: Ctx, req: PrintRequest): Promise<PrintOutput> {
  const session = getSession(ctx, req.sessionId);
  const people = listEnrolments(ctx, req.sessionId);
  const label = PRINT_KIND_LABELS[req.kind];
  if (people.length === 0) {
    throw new AppError('PRINT_SESSION_EMPTY', `批次「${session.name}」还没有报名考生，没有${label}可打印。请先导入报名花名册或逐个添加考生，再打印。`);
  }
  const institution = getSetting(ctx, 'institution.name').trim();
  const font = certificateFont(getSetting(ctx, 'certificate.font'));
  assertFontCovers(font, [
    { what: `批次名称「${session.name}」`, text: session.name },
    { what: '考试地点', text: session.venue ?? '' },
    { what: '工种', text: session.specialty ?? '' },
    { what: '评价机构名称', text: institution },
    ...(req.kind === 'tickets' ? [{ what: '考场须知（设置 printing.ticketNotes）', text: getSetting(ctx, 'printing.ticketNotes') }] : []),
  ]);
  for (const e of people) {
    assertFontCovers(font, [
      { what: `考生「${e.name}」（${e.idNumber}）的姓名`, text: e.name },
      ...(req.kind === 'admission-list' ? [{ what: `考生「${e.name}」的工作单位`, text: e.employer ?? '' }] : []),
    ]);
  }
  const name = safeFileName(`${session.name}-${label}`);
  const { doc, fonts } = newPdf(font, name.replace(/\.pdf$/, ''), 'portrait');
  const sink = openSink(ctx, doc, req.out, name);
  // After every page the file takes what was written and the event loop gets a turn, so the
  // tickets of a session of a thousand neither hold the whole file in memory nor freeze the server.
  const breathe = async () => {
    await sink.drained();
    await new Promise((r) => setImmediate(r));
  };
  let pages: number;
  let written: Awaited<ReturnType<typeof sink.done>>;
  try {
    pages =
      req.kind === 'tickets'
        ? await drawTickets(ctx, doc, fonts, session, people, institution, breathe)
        : await drawTableSheet(doc, fonts, session, people, sheetOf(req.kind, session), institution, breathe);
    written = await sink.done();
  } catch (e) {
    sink.abandon();
    throw e;
  }
  return { ...written, pages, candidates: people.length };
}
