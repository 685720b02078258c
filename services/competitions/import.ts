// Judges' sheets (评分表) into a competition: one row per entrant (or member) and event, with
// 裁判1 … 裁判N, or 用时 (用时2 … for more timekeepers) and 罚时 for a timed event. A sheet may carry
// one judge's column only (each judge hands in their own); a blank cell keeps what is there. Rows
// that cannot be right are refused with their row and column; the others land in one transaction.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { cellOf, columnTitle, readTable, releaseRows, type FieldSpec, type TableRow } from '../spreadsheets/reader';
import type { FileInput } from '../spreadsheets/files';
import type { Rejection } from '../spreadsheets/values';
import { assertCompetitionWritable, memberOf, writeMarks, type Competition, type Entrant, type MarkWrite } from './competitions';
import { parseMark, PENALTY_SEAT } from './rules';

const MAX_SEATS = 30;
const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const COMPETITION_SCORE_FIELDS: readonly FieldSpec[] = [
  { field: 'entrant', title: '参赛队', aliases: ['参赛队名称', '代表队', '队伍', '参赛单位', '团队'] },
  { field: 'person', title: '选手', aliases: ['选手姓名', '参赛选手', '姓名', '队员'] },
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码'] },
  { field: 'draw', title: '抽签号', aliases: ['工位号', '参赛号', '抽签号/工位号'] },
  { field: 'event', title: '项目', aliases: ['竞赛项目', '比赛项目', '项目名称'], required: true },
  ...Array.from({ length: MAX_SEATS }, (_, i): FieldSpec => ({
    field: `judge${i + 1}`,
    title: `裁判${i + 1}`,
    aliases: [`裁判员${i + 1}`, `评委${i + 1}`, ...(i < 10 ? [`裁判${CN_DIGITS[i + 1]}`, `评委${CN_DIGITS[i + 1]}`] : [])],
  })),
  ...Array.from({ length: MAX_SEATS }, (_, i): FieldSpec => ({
    field: `time${i + 1}`,
    title: i === 0 ? '用时' : `用时${i + 1}`,
    aliases: i === 0 ? ['用时1', '计时1', '计时员1', '用时(秒)', '成绩(秒)'] : [`计时${i + 1}`, `计时员${i + 1}`],
  })),
  { field: 'penalty', title: '罚时', aliases: ['罚时(秒)', '加罚时间', '罚秒'] },
];

const spec = (field: string) => COMPETITION_SCORE_FIELDS.find((f) => f.field === field)!;

export interface CompetitionImportResult {
  imported: number;
  rejected: Rejection[];
  dryRun: boolean;
}

export async function importCompetitionScores(ctx: Ctx, competitionId: number, file: FileInput, opts: { dryRun?: boolean } = {}): Promise<CompetitionImportResult> {
  const c = assertCompetitionWritable(ctx, competitionId);
  const table = await readTable(file, COMPETITION_SCORE_FIELDS);
  const has = (field: string) => table.columns.some((col) => col.field === field);
  if (!has('entrant') && !has('person') && !has('draw')) {
    throw new AppError('IMPORT_COLUMNS_MISSING', `第${table.headerRow}行表头中找不到「参赛队」或「选手」列。请加上一列写明每行是哪个参赛队（团体赛）或哪位选手（个人赛）。`);
  }
  const rejected: Rejection[] = [];
  const writes: MarkWrite[] = [];
  const firstRow = new Map<string, number>();
  let imported = 0;
  for (const row of table.rows) {
    const reject = (field: string, message: string) => rejected.push({ row: row.row, column: columnTitle(table, spec(field)), message });
    const rowWrites = checkRow(c, row, reject, has);
    if (!rowWrites) continue;
    const key = `${rowWrites.eventId}/${rowWrites.entrantId}/${rowWrites.memberId}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      reject('event', `与第${first}行是同一${c.kind === 'team' ? '参赛队' : '选手'}的同一项目，请删去重复的一行（各裁判的分数写在同一行的不同列）。`);
      continue;
    }
    firstRow.set(key, row.row);
    writes.push(...rowWrites.writes);
    imported++;
  }
  releaseRows(table);
  if (!opts.dryRun && writes.length) writeMarks(ctx, c.id, writes, '评分表导入');
  return { imported, rejected, dryRun: opts.dryRun === true };
}

function checkRow(
  c: Competition,
  row: TableRow,
  reject: (field: string, message: string) => void,
  has: (field: string) => boolean,
): { eventId: number; entrantId: number; memberId: number; writes: MarkWrite[] } | null {
  const eventName = cellOf(row, 'event').text;
  if (!eventName) return reject('event', '项目为空。请填写项目名称，如「形象展示」。'), null;
  const ev = c.events.find((e) => e.name === eventName);
  if (!ev) return reject('event', `竞赛中没有项目「${eventName}」。已有项目：${c.events.map((e) => e.name).join('、')}。`), null;

  const who = findWho(c, row, reject);
  if (!who) return null;
  const { entrant, memberId } = who;

  const writes: MarkWrite[] = [];
  const prefix = ev.kind === 'timed' ? 'time' : 'judge';
  const other = ev.kind === 'timed' ? 'judge' : 'time';
  for (let seat = 1; seat <= MAX_SEATS; seat++) {
    if (has(`${other}${seat}`) && cellOf(row, `${other}${seat}`).text !== '') {
      return reject(`${other}${seat}`, ev.kind === 'timed' ? `「${ev.name}」是计时项目，请把用时写在「用时」列，不写裁判分。` : `「${ev.name}」是评分项目，请把分数写在「裁判1」…「裁判${ev.judges}」列，不写用时。`), null;
    }
    const cell = cellOf(row, `${prefix}${seat}`);
    if (cell.text === '') continue;
    if (seat > ev.judges) {
      return reject(`${prefix}${seat}`, `「${ev.name}」只有 ${ev.judges} 名${ev.kind === 'timed' ? '计时员' : '裁判'}，这一列不应有数。请核对项目的${ev.kind === 'timed' ? '计时员' : '裁判'}人数。`), null;
    }
    const m = parseMark(cell.isNumber && cell.number !== null ? cell.number : cell.text, ev.kind === 'timed' ? { time: true } : { max: Math.round(ev.max * 100) });
    if (!m.ok) return reject(`${prefix}${seat}`, m.message), null;
    writes.push({ eventId: ev.id, entrantId: entrant.id, memberId, seat, hundredths: m.hundredths });
  }
  const penalty = cellOf(row, 'penalty');
  if (penalty.text !== '') {
    if (ev.kind !== 'timed') return reject('penalty', `「${ev.name}」不是计时项目，没有罚时。`), null;
    const m = parseMark(penalty.isNumber && penalty.number !== null ? penalty.number : penalty.text, { time: true });
    if (!m.ok) return reject('penalty', m.message), null;
    writes.push({ eventId: ev.id, entrantId: entrant.id, memberId, seat: PENALTY_SEAT, hundredths: m.hundredths });
  }
  if (writes.length === 0) return reject(ev.kind === 'timed' ? 'time1' : 'judge1', '这一行没有分数。'), null;
  return { eventId: ev.id, entrantId: entrant.id, memberId, writes };
}

/** The entrant a row is about (by 参赛队, 抽签号 or, in an individual contest, 选手), and the member it scores alone if any. */
function findWho(c: Competition, row: TableRow, reject: (field: string, message: string) => void): { entrant: Entrant; memberId: number } | null {
  const team = cellOf(row, 'entrant').text;
  const person = cellOf(row, 'person').text;
  const idNumber = cellOf(row, 'idNumber').text;
  const draw = cellOf(row, 'draw').text;
  let entrant: Entrant | undefined;
  if (team) entrant = c.entrants.find((e) => e.name === team);
  else if (draw) entrant = c.entrants.find((e) => e.draw === draw);
  else if (person && c.kind === 'individual') entrant = c.entrants.find((e) => e.name === person || e.members.some((m) => m.name === person));
  else if (person || idNumber) entrant = c.entrants.find((e) => e.members.some((m) => m.name === person || m.idNumber === idNumber.toUpperCase()));
  if (!entrant) {
    const field = team ? 'entrant' : draw ? 'draw' : 'person';
    const named = team || draw || person || idNumber;
    reject(field, named ? `竞赛中没有参赛${c.kind === 'team' ? '队' : '选手'}「${named}」。请核对名称，或先登记参赛队（competition entrant add）。` : '没有写明是哪个参赛队或选手。');
    return null;
  }
  if (c.kind === 'individual' || (!person && !idNumber)) return { entrant, memberId: 0 };
  try {
    return { entrant, memberId: memberOf(entrant, idNumber || person) };
  } catch (e) {
    reject(idNumber ? 'idNumber' : 'person', (e as AppError).message);
    return null;
  }
}
