// A person's whole record, and photos in bulk.
import path from 'node:path';
import { type CliCommand, flag, opCommand, requireFlag, requireWord } from '../command';
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
];
