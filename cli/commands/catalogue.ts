// The occupation catalogue on the command line: show one occupation, and edit its levels, 工种 and parts.
import { flag, type CliCommand, opCommand, requireFlag, requireWord } from '../command';
import { renderTable } from '../table';
import type { Occupation } from '../../services/occupations/occupations';
import type { CatalogueChange } from '../../services/occupations/catalogue';
import { LEVEL_SHORT } from '../../services/vocabulary/words';

const CHANGE_WORDS: Record<CatalogueChange, string> = { added: '已增加', updated: '已修改', removed: '已删除', retired: '已停用（有批次使用，保留记录）', unchanged: '没有变化' };

function levels(ls: readonly number[]): string {
  return ls.map((l) => LEVEL_SHORT[l]).join('、') || '--';
}

export function occupationDetail(o: Occupation): string {
  const lines = [
    `${o.name}（${o.code}，${o.edition}版大典）${o.retired ? '【已停用】' : ''}`,
    `开设等级：${levels(o.levels.filter((l) => !l.retired).map((l) => l.level))}${o.levels.some((l) => l.retired) ? `（已停用：${levels(o.levels.filter((l) => l.retired).map((l) => l.level))}）` : ''}`,
  ];
  if (o.specialtyDetails.length) lines.push(`工种：${o.specialtyDetails.map((s) => `${s.name}（${levels(s.levels)}）${s.retired ? '【已停用】' : ''}`).join('；')}`);
  if (o.olderCodes.length) lines.push(`旧版编码：${o.olderCodes.map((c) => `${c.code}（${c.edition}版，${c.name}）`).join('；')}`);
  lines.push(
    renderTable(
      ['等级', '科目', '合格线', '必考', '权重'],
      o.levels.flatMap((l) => l.parts.map((p) => [`${l.label}${l.retired ? '（停用）' : ''}`, p.label, p.passMark, p.required ? '是' : '否', p.weight === null ? '--' : `${p.weight}%`])),
    ),
  );
  return lines.join('\n');
}

const edited = (what: string) => (r: { change: CatalogueChange; occupation: Occupation }) => `${what}${CHANGE_WORDS[r.change]}。\n${occupationDetail(r.occupation)}`;

export const catalogueCommands: CliCommand[] = [
  opCommand({
    words: ['occupation', 'show'],
    usage: 'certdesk occupation show CODE|NAME',
    summary: '查看一个职业：等级、工种、考核科目、合格线（旧版大典编码写作 2015:CODE）',
    op: 'occupations.get',
    args: (_p, rest) => ({ occupation: requireWord(rest, 0, '职业编码或名称') }),
    print: occupationDetail,
  }),
  opCommand({
    words: ['occupation', 'add'],
    usage: 'certdesk occupation add --code CODE --name NAME [--edition 2022|2015] [--levels 5,4,3,2,1] [--successor CODE]',
    summary: '增加职业（管理员）；旧版大典的编码用 --edition 2015 --successor 现行职业编码',
    op: 'occupations.add',
    args: (p) => ({
      code: requireFlag(p, 'code', '职业编码，如 4-06-01-01'),
      name: requireFlag(p, 'name', '职业名称'),
      edition: flag(p, 'edition'),
      levels: flag(p, 'levels'),
      successor: flag(p, 'successor'),
    }),
    print: edited('职业'),
  }),
  opCommand({
    words: ['occupation', 'update'],
    usage: 'certdesk occupation update CODE [--name NAME] [--code NEWCODE]',
    summary: '更正职业名称或编码（管理员）',
    op: 'occupations.update',
    args: (p, rest) => ({ occupation: requireWord(rest, 0, '职业编码或名称'), name: flag(p, 'name'), code: flag(p, 'code') }),
    print: edited('职业'),
  }),
  opCommand({
    words: ['occupation', 'retire'],
    usage: 'certdesk occupation retire CODE',
    summary: '停用职业（管理员；没有批次使用时删除）',
    op: 'occupations.retire',
    args: (_p, rest) => ({ occupation: requireWord(rest, 0, '职业编码或名称') }),
    print: (r) => `职业「${r.name}」（${r.code}）${CHANGE_WORDS[r.change]}。`,
  }),
  opCommand({
    words: ['occupation', 'level', 'add'],
    usage: 'certdesk occupation level add --occupation CODE --level N',
    summary: '职业增加一个等级（管理员）',
    op: 'occupations.addLevel',
    args: (p) => ({ occupation: requireFlag(p, 'occupation', '职业编码或名称'), level: requireFlag(p, 'level', '等级 1–5') }),
    print: edited('等级'),
  }),
  opCommand({
    words: ['occupation', 'level', 'remove'],
    usage: 'certdesk occupation level remove --occupation CODE --level N',
    summary: '职业取消一个等级（管理员；有批次使用时停用而不删除）',
    op: 'occupations.removeLevel',
    args: (p) => ({ occupation: requireFlag(p, 'occupation', '职业编码或名称'), level: requireFlag(p, 'level', '等级 1–5') }),
    print: edited('等级'),
  }),
  opCommand({
    words: ['occupation', 'specialty', 'add'],
    usage: 'certdesk occupation specialty add --occupation CODE --name 工种 --levels 5,4,3,2',
    summary: '增加工种，或改正工种开设的等级（管理员）',
    op: 'occupations.setSpecialty',
    args: (p) => ({ occupation: requireFlag(p, 'occupation', '职业编码或名称'), name: requireFlag(p, 'name', '工种名称'), levels: requireFlag(p, 'levels', '工种开设的等级，如 5,4,3,2') }),
    print: edited('工种'),
  }),
  opCommand({
    words: ['occupation', 'specialty', 'remove'],
    usage: 'certdesk occupation specialty remove --occupation CODE --name 工种',
    summary: '取消工种（管理员；有批次使用时停用而不删除）',
    op: 'occupations.removeSpecialty',
    args: (p) => ({ occupation: requireFlag(p, 'occupation', '职业编码或名称'), name: requireFlag(p, 'name', '工种名称') }),
    print: edited('工种'),
  }),
  opCommand({
    words: ['occupation', 'part', 'set'],
    usage: 'certdesk occupation part set --occupation CODE --level N --part PART --pass-mark N [--required yes|no] [--weight N]',
    summary: '设置某等级的考核科目：合格线、是否必考、权重（管理员；未定稿批次的结果随之重算）',
    op: 'occupations.setPart',
    args: (p) => ({
      occupation: requireFlag(p, 'occupation', '职业编码或名称'),
      level: requireFlag(p, 'level', '等级 1–5'),
      part: requireFlag(p, 'part', '科目，如 理论知识'),
      passMark: requireFlag(p, 'pass-mark', '合格线，如 60'),
      required: flag(p, 'required'),
      weight: flag(p, 'weight'),
    }),
    print: (r) => `${edited('科目')(r)}${r.recomputed ? `\n未定稿批次中 ${r.recomputed} 人的结果已按新设置重算。` : ''}`,
  }),
];
