// 成绩汇总表 and 获奖名单 of a competition, as the other exports are laid out (spreadsheets/export).
import type { Ctx } from '../shared/context';
import { getSetting } from '../settings/settings';
import { todayIso } from '../shared/dates';
import { openWorkbook, type ExportFile } from '../spreadsheets/export/output';
import { SEQ_COLUMN, textColumns, writeReportSheet, type ReportColumn } from '../spreadsheets/export/reportSheet';
import { getCompetition, type Competition } from './competitions';
import { competitionResults } from './ranking';

function heading(ctx: Ctx, c: Competition) {
  const where = c.venue ? `　地点：${c.venue}` : '';
  return { institution: c.organiser ?? getSetting(ctx, 'institution.name'), scope: `竞赛：${c.name}　日期：${c.date}${where}　状态：${c.statusLabel}`, date: todayIso() };
}

/** 成绩汇总表: rank, entrant, each event's score (weights noted), total, prize. Live until 定稿, then as frozen. */
export async function exportCompetitionResults(ctx: Ctx, competitionId: number, out?: string): Promise<ExportFile> {
  const c = getCompetition(ctx, competitionId);
  const r = competitionResults(ctx, c.id);
  const h = heading(ctx, c);
  const { workbook, finish } = openWorkbook(ctx, out, `成绩汇总表_${c.name}`, h.institution || 'CertDesk');
  const columns: ReportColumn[] = [
    { header: '名次', kind: 'int' },
    ...textColumns(c.kind === 'team' ? '参赛队' : '选手', '单位', '抽签号'),
    ...c.events.map((e): ReportColumn => ({ header: `${e.name}（满分${e.max}${e.weight !== 1 ? `，权重${e.weight}` : ''}）`, kind: 'score', group: '各项目得分' })),
    { header: '总分', kind: 'score' },
    ...textColumns('奖项'),
  ];
  writeReportSheet(workbook, {
    name: '成绩汇总表',
    title: `${c.name}成绩汇总表`,
    ...h,
    columns,
    rows: r.ranking.map((l) => ({ values: [l.rank, l.entrant, l.employer, l.draw, ...l.events.map((e) => e.score), l.total, l.prize] })),
    notes: [
      `名次按总分（各项目得分 × 权重之和）的精确值排定，表中分数保留两位小数；总分相同时依次比较：${c.tiebreak.join('、') || '不比较'}，仍相同则名次并列。`,
      ...(r.complete ? [] : ['成绩尚未录完，本表为录入中的实时排名。']),
      '裁判长：　　　　　　　监督仲裁：　　　　　　　日期：　　　　年　　月　　日',
    ],
  });
  return finish();
}

/** 获奖名单: one line per prize-winning entrant (and its members), in rank order. */
export async function exportAwardList(ctx: Ctx, competitionId: number, out?: string): Promise<ExportFile> {
  const c = getCompetition(ctx, competitionId);
  const r = competitionResults(ctx, c.id);
  const h = heading(ctx, c);
  const { workbook, finish } = openWorkbook(ctx, out, `获奖名单_${c.name}`, h.institution || 'CertDesk');
  const winners = r.ranking.filter((l) => l.prize);
  writeReportSheet(workbook, {
    name: '获奖名单',
    title: `${c.name}获奖名单`,
    ...h,
    columns: [SEQ_COLUMN, ...textColumns('奖项', c.kind === 'team' ? '参赛队' : '选手', '单位', '队员'), { header: '名次', kind: 'int' }, { header: '总分', kind: 'score' }, ...textColumns('证书编号')],
    rows: winners.map((l, i) => ({ values: [i + 1, l.prize, l.entrant, l.employer, l.members.join('、'), l.rank, l.total, l.awardNumber] })),
    notes: [c.complaintUntil ? `公示期内如有异议，请于 ${c.complaintUntil} 前向组委会监督仲裁组提出申诉。` : '公示期内如有异议，请向组委会监督仲裁组提出申诉。', `奖项规则：${c.prizeRule ?? '（未设置）'}`],
  });
  return finish();
}
