// A competition built as an officer would: registered candidates, a team contest of four events
// (形象展示 10 by five judges, high and low dropped; 专业作业 60; 消防竞技 timed; 创意展示 20).
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../services/shared/context';
import { call, makeIdNumber, tempDir } from '../helpers';

export const TEAMS = ['成都万科物业', '重庆龙湖物业', '成都嘉宝物业', '重庆新鸥鹏物业'];

/** Team i's members: three registered candidates each. */
export function memberIds(team: number): string[] {
  return [1, 2, 3].map((m) => makeIdNumber(team % 2 ? '500103' : '510104', `1990${String(team + 1).padStart(2, '0')}0${m}`, 100 + team * 10 + m));
}

export async function teamContest(ctx: Ctx, opts: { date?: string; teams?: string[] } = {}) {
  const teams = opts.teams ?? TEAMS;
  for (const [i] of teams.entries()) {
    for (const [m, idNumber] of memberIds(i).entries()) await call(ctx, 'candidates.add', { idNumber, name: `队员${'甲乙丙丁戊己庚辛壬癸子丑寅卯'[i]}${m + 1}`, employer: teams[i] });
  }
  const c = await call(ctx, 'competitions.create', { name: '成渝物业秩序维护人员技能大赛', date: opts.date ?? '2024-05-20', kind: 'team', occupation: '4-07-05-01' });
  const image = await call(ctx, 'competitions.addEvent', { competitionId: c.id, name: '形象展示', max: 10, judges: 5, dropHigh: 1, dropLow: 1 });
  const work = await call(ctx, 'competitions.addEvent', { competitionId: c.id, name: '专业作业', max: 60, judges: 3 });
  const fire = await call(ctx, 'competitions.addEvent', { competitionId: c.id, name: '消防竞技', max: 20, judges: 2, timed: true });
  const show = await call(ctx, 'competitions.addEvent', { competitionId: c.id, name: '创意展示', max: 10 });
  for (const [i, name] of teams.entries()) await call(ctx, 'competitions.addEntrant', { competitionId: c.id, name, employer: name, draw: String(i + 1), members: memberIds(i) });
  return { id: c.id, events: { image, work, fire, show } };
}

/** A judges' sheet written as a test reads it: a title row, then 参赛队, 项目, 裁判1…, 用时, 罚时. */
export async function scoreSheet(rows: (string | number | null)[][], header = ['参赛队', '项目', '裁判1', '裁判2', '裁判3', '裁判4', '裁判5', '用时', '用时2', '罚时']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分表');
  ws.addRow(['成渝物业秩序维护人员技能大赛 评分汇总表']);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const file = path.join(tempDir('certdesk-comp-'), '评分表.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** Every mark of a team so that its total is known: image marks, 专业作业 marks, fire times, 创意. */
export async function markTeam(ctx: Ctx, id: number, team: string, m: { image: number[]; work: number[]; fire: [number, number, number?]; show: number }) {
  for (const [i, v] of m.image.entries()) await call(ctx, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: team, seat: i + 1, value: v });
  for (const [i, v] of m.work.entries()) await call(ctx, 'competitions.setMark', { competitionId: id, event: '专业作业', entrant: team, seat: i + 1, value: v });
  await call(ctx, 'competitions.setMark', { competitionId: id, event: '消防竞技', entrant: team, seat: 1, value: m.fire[0] });
  await call(ctx, 'competitions.setMark', { competitionId: id, event: '消防竞技', entrant: team, seat: 2, value: m.fire[1] });
  if (m.fire[2] !== undefined) await call(ctx, 'competitions.setMark', { competitionId: id, event: '消防竞技', entrant: team, seat: 'penalty', value: m.fire[2] });
  await call(ctx, 'competitions.setMark', { competitionId: id, event: '创意展示', entrant: team, seat: 1, value: m.show });
}
