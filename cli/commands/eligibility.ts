// 申报条件 on the command line: a session's check, the clauses of a level, and a person's history.
import { AppError } from '../../services/errors';
import { flag, type CliCommand, opCommand, requireFlag, requireWord } from '../command';
import { renderTable } from '../table';
import type { StoredClause } from '../../services/eligibility/eligibility';
import { LEVEL_SHORT } from '../../services/vocabulary/words';

function clauseTable(r: { occupation: string; code: string; level: number; clauses: StoredClause[] }): string {
  if (r.clauses.length === 0) return `${r.occupation}（${r.code}）${LEVEL_SHORT[r.level]}没有设置申报条件，报名时不审核。`;
  return [
    `${r.occupation}（${r.code}）${LEVEL_SHORT[r.level]}申报条件（具备以下条件之一者）：`,
    renderTable(['编号', '条款', '内容', '依据'], r.clauses.map((c) => [c.id, c.label, c.text, c.source])),
  ].join('\n');
}

export const eligibilityCommands: CliCommand[] = [
  opCommand({
    words: ['eligibility', 'check'],
    usage: 'certdesk eligibility check --session ID',
    summary: '按考试日期审核批次中每位考生的申报条件',
    op: 'eligibility.check',
    args: (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') }),
    print: (r) =>
      r.candidates.length === 0
        ? '本批次还没有考生。'
        : renderTable(
            ['证件号码', '姓名', '审核', '符合的条件 / 不符合的原因'],
            r.candidates.map((c) => [c.idNumber, c.name, c.eligible ? '符合' : '不符合', c.eligible ? (c.clause ?? '（未设置申报条件）') : c.reasons.join('；')]),
          ),
  }),
  opCommand({
    words: ['eligibility', 'clauses'],
    usage: 'certdesk eligibility clauses --occupation CODE --level N',
    summary: '查看某职业某等级的申报条件',
    op: 'eligibility.clauses',
    args: (p) => ({ occupation: requireFlag(p, 'occupation', '职业编码或名称'), level: requireFlag(p, 'level', '等级 1–5') }),
    print: clauseTable,
  }),
  opCommand({
    words: ['eligibility', 'clause', 'add'],
    usage: 'certdesk eligibility clause add --occupation CODE --level N --label （1） --text 条款原文 --conditions JSON [--source 依据]',
    summary: '增加一条申报条件（管理员；条件写法见 docs/eligibility.md）',
    op: 'eligibility.addClause',
    args: (p) => {
      const raw = requireFlag(p, 'conditions', '条件（JSON），如 [{"kind":"work","years":1}]');
      let conditions: unknown;
      try {
        conditions = JSON.parse(raw);
      } catch {
        throw new AppError('USAGE', `--conditions 不是有效的 JSON：${raw}。例如 [{"kind":"certificate","level":4,"years":4}]。`);
      }
      return {
        occupation: requireFlag(p, 'occupation', '职业编码或名称'),
        level: requireFlag(p, 'level', '等级 1–5'),
        label: requireFlag(p, 'label', '条款编号，如（1）'),
        text: requireFlag(p, 'text', '条款原文'),
        conditions,
        source: flag(p, 'source'),
      };
    },
    print: clauseTable,
  }),
  opCommand({
    words: ['eligibility', 'clause', 'remove'],
    usage: 'certdesk eligibility clause remove ID',
    summary: '删除一条申报条件（管理员；操作日志保留原文）',
    op: 'eligibility.removeClause',
    args: (_p, rest) => ({ id: requireWord(rest, 0, '申报条件编号') }),
    print: clauseTable,
  }),
  opCommand({
    words: ['credential', 'add'],
    usage: 'certdesk credential add --candidate IDNUMBER --occupation CODE --level N --date YYYY-MM-DD [--number X] [--issuer TEXT] [--training]',
    summary: '登记考生在别处取得的证书（原证书），或 --training 登记培训结业',
    op: 'credentials.add',
    args: (p) => ({
      idNumber: requireFlag(p, 'candidate', '考生证件号码'),
      occupation: requireFlag(p, 'occupation', '职业编码或名称'),
      level: requireFlag(p, 'level', '等级 1–5'),
      date: requireFlag(p, 'date', '取证日期 YYYY-MM-DD'),
      number: flag(p, 'number'),
      issuer: flag(p, 'issuer'),
      kind: p.flags.get('training') === true ? 'training' : undefined,
    }),
    print: (c) => `已登记：${c.name}（${c.idNumber}）${c.occupation}${LEVEL_SHORT[c.level]}${c.kind === 'training' ? '培训结业' : '证书'}，${c.date}${c.number ? `，编号 ${c.number}` : ''}。`,
  }),
  opCommand({
    words: ['credential', 'list'],
    usage: 'certdesk credential list --candidate IDNUMBER',
    summary: '查看考生的参加工作时间、文化程度、毕业时间和已登记的原证书、培训',
    op: 'credentials.list',
    args: (p) => ({ idNumber: requireFlag(p, 'candidate', '考生证件号码') }),
    print: (r) =>
      [
        `${r.name}（${r.idNumber}）参加工作时间 ${r.workStartDate ?? '--'}，文化程度 ${r.education ?? '--'}，毕业时间 ${r.graduationDate ?? '--'}。`,
        r.credentials.length === 0
          ? '没有登记原证书或培训（本机构发的证书另计，见 candidate show）。'
          : renderTable(
              ['种类', '职业', '等级', '日期', '编号', '发证机构'],
              r.credentials.map((c) => [c.kind === 'training' ? '培训结业' : '原证书', c.occupation, LEVEL_SHORT[c.level] ?? '', c.date, c.number ?? '', c.issuer ?? '']),
            ),
      ].join('\n'),
  }),
  opCommand({
    words: ['candidate', 'background'],
    usage: 'certdesk candidate background --candidate IDNUMBER [--work-start YYYY-MM] [--education 文化程度] [--graduation-date YYYY-MM-DD]',
    summary: '登记考生的参加工作时间、文化程度和毕业时间（申报条件按此审核）',
    op: 'candidates.setBackground',
    args: (p) => {
      const changes = { workStartDate: flag(p, 'work-start'), education: flag(p, 'education'), graduationDate: flag(p, 'graduation-date') };
      if (Object.values(changes).every((v) => v === undefined)) throw new AppError('USAGE', '请至少给出一项：--work-start、--education 或 --graduation-date。');
      return { idNumber: requireFlag(p, 'candidate', '考生证件号码'), ...changes };
    },
    print: (r) => `已保存：${r.name}（${r.idNumber}）参加工作时间 ${r.workStartDate ?? '--'}，文化程度 ${r.education ?? '--'}，毕业时间 ${r.graduationDate ?? '--'}。`,
  }),
];
