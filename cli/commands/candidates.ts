// A person's whole record, and photos in bulk.
import path from 'node:path';
import { callOp, type CliCommand, flag, opCommand, requireFlag, requireWord, runCommand } from '../command';
import { parseRecognition } from '../../services/vocabulary/people';
import { AppError } from '../../services/errors';
import type { Candidate } from '../../services/candidates/candidates';
import { renderTable } from '../table';
import type { CandidateHistory } from '../../services/candidates/history';
import type { PhotoImportResult } from '../../services/candidates/photoImport';
import { ATTEMPT_LABELS, OUTCOME_LABELS, STATUS_WORDS } from '../../services/vocabulary/words';

const CERT_STATES = { valid: '有效', void: '已作废', reissued: '已补发' } as const;

function partText(p: CandidateHistory['enrolments'][number]['parts'][number]): string {
  if (p.status === 'scored') return `${p.label} ${p.score}`;
  if (p.status === 'carried') return `${p.label} ${p.score}（保留，${p.carriedFrom?.name ?? ''}）`;
  if (p.status === 'pending') return `${p.label} 未录入`;
  return `${p.label} ${STATUS_WORDS[p.status]}`;
}

function historyText(h: CandidateHistory): string {
  const c = h.candidate;
  const lines = [
    `${c.name}  ${c.idType} ${c.idNumber}${c.gender ? `  ${c.gender}` : ''}${c.birthDate ? `  出生 ${c.birthDate}` : ''}`,
    `工作单位：${c.employer ?? '--'}  照片：${c.hasPhoto ? '有' : '无'}`,
    `民族：${c.ethnicity ?? '--'}  考生来源：${c.origin ?? '--'}  通讯地址：${c.address ?? '--'}`,
    '',
    h.enrolments.length
      ? renderTable(
          ['考试日期', '批次', '职业 / 等级', '类型', '准考证号', '各科成绩', '结果'],
          h.enrolments.map((e) => [
            e.examDate,
            e.sessionName,
            `${e.occupationName}${e.specialty ? `（${e.specialty}）` : ''} ${e.levelLabel}`,
            ATTEMPT_LABELS[e.attempt],
            e.admissionNumber,
            e.parts.map(partText).join('，'),
            OUTCOME_LABELS[e.outcome],
          ]),
        )
      : '没有报名记录。',
    '',
    h.certificates.length
      ? renderTable(
          ['证书编号', '发证日期', '职业 / 等级', '状态'],
          h.certificates.map((x) => [
            x.number,
            x.issueDate,
            `${x.occupationName ?? '--'} ${x.levelLabel ?? ''}`,
            `${CERT_STATES[x.state]}${x.replacedByNumber ? `（补发为 ${x.replacedByNumber}）` : ''}${x.replacesNumber ? `（补发，替代 ${x.replacesNumber}）` : ''}`,
          ]),
        )
      : '没有证书。',
  ];
  return lines.join('\n');
}

function importText(r: PhotoImportResult): string {
  const lines = [`已导入 ${r.matched} 张照片${r.replaced ? `（其中替换原有照片 ${r.replaced} 张）` : ''}。`];
  if (r.unmatched.length) lines.push(`没有对应考生（文件名不是已登记考生的证件号码）${r.unmatched.length} 个：${r.unmatched.join('、')}`);
  if (r.refused.length) lines.push(`未导入 ${r.refused.length} 个：`, ...r.refused.map((x) => `  ${x.file}：${x.reason}`));
  return lines.join('\n');
}

export const candidateCommands: CliCommand[] = [
  opCommand({
    words: ['candidate', 'show'],
    usage: 'certdesk candidate show 证件号码',
    summary: '查看一名考生的档案：每次报名、各科成绩、结果与证书',
    op: 'candidates.history',
    args: (_p, rest) => ({ idNumber: requireWord(rest, 0, '考生证件号码') }),
    print: historyText,
  }),
  opCommand({
    words: ['photos', 'import'],
    usage: 'certdesk photos import --from 文件夹|照片.zip [--replace]',
    summary: '批量导入考生照片（文件名为证件号码，JPEG 或 PNG；--replace 替换已有照片）',
    op: 'photos.import',
    args: (p) => ({ from: { path: path.resolve(requireFlag(p, 'from', '照片文件夹或 .zip 压缩包')) }, replace: p.flags.get('replace') === true }),
    print: importText,
  }),
  runCommand({
    words: ['candidate', 'set'],
    usage: 'certdesk candidate set 证件号码 [--ethnicity 民族] [--address 通讯地址] [--origin 考生来源] [--phone 手机] [--education 文化程度] [--employer 工作单位]',
    summary: '修改一名考生的民族、通讯地址、考生来源等信息（写 "" 清空；未给出的项不变）',
    run: async (ctx, p, rest) => {
      const found = await callOp(ctx, 'candidates.history', { idNumber: requireWord(rest, 0, '考生证件号码') });
      const c = found.candidate;
      // An empty value clears the detail; a flag left out keeps it.
      const next = (name: string, old: string | null) => {
        const v = flag(p, name);
        return v === undefined ? old : v.trim() || null;
      };
      return callOp(ctx, 'candidates.update', {
        id: c.id,
        idType: c.idType,
        idNumber: c.idNumber,
        name: c.name,
        gender: c.gender,
        birthDate: c.birthDate,
        phone: next('phone', c.phone),
        education: next('education', c.education),
        employer: next('employer', c.employer),
        ethnicity: next('ethnicity', c.ethnicity),
        address: next('address', c.address),
        origin: next('origin', c.origin),
      });
    },
    print: (c: Candidate) => `已保存：${c.name}（${c.idNumber}）民族 ${c.ethnicity ?? '--'}，考生来源 ${c.origin ?? '--'}，通讯地址 ${c.address ?? '--'}。`,
  }),
  opCommand({
    words: ['enrolment', 'recognition'],
    usage: 'certdesk enrolment recognition --session ID --candidate 证件号码 初次|晋级|自动',
    summary: '设置一次报名的认定分类（初次/晋级）；自动：按考生已持有的本职业证书判断',
    op: 'enrolments.setRecognition',
    args: (p, rest) => {
      const word = requireWord(rest, 0, '认定分类：初次、晋级或自动');
      const recognition = word === '自动' || word === 'auto' ? null : parseRecognition(word);
      if (recognition === undefined || (recognition === null && word !== '自动' && word !== 'auto')) throw new AppError('USAGE', `认定分类只能是 初次、晋级 或 自动，现在是「${word}」。`);
      return { sessionId: requireFlag(p, 'session', '批次编号'), idNumber: requireFlag(p, 'candidate', '考生证件号码'), recognition };
    },
    print: (r) => `已保存：${r.name}（${r.idNumber}）认定分类为 ${r.label}${r.manual ? '（手工设置）' : '（按已持证书自动判断）'}。`,
  }),
];
