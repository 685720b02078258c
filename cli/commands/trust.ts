// Trust commands: audit verify/history, backup, restore, operators.
import { AUDIT_ENTITIES } from '../../services/audit/audit';
import { resultFlags } from './core';
import { callOp, choice, requireChoice, type CliCommand, flag, opCommand, requireFlag, requireWord, runCommand } from '../command';
import { renderTable } from '../table';
import type { AuditVerification } from '../../services/audit/verify';
import { scoreEntityId, type AuditEntry } from '../../services/audit/history';
import type { BackupInfo, BackupListing, RestoreResult } from '../../services/backup/backup';
import { ROLE_LABELS, type Operator } from '../../services/operators/operators';
import type { SetResultOutput } from '../../services/results/results';
import { AppError } from '../../services/errors';
import { findCandidateByIdNumber, noCandidateWithIdNumber, type Candidate } from '../../services/candidates/candidates';
import { OUTCOME_LABELS, PART_HINT } from '../../services/vocabulary/words';

function verificationText(v: AuditVerification): string {
  const lines = [
    v.ok
      ? `操作记录完整：共 ${v.entries} 条，链条逐条核对无误。`
      : v.firstBad || v.knownHeadFound === false
        ? `操作记录被改动过：${v.firstBad?.message ?? '记下的头哈希不在本链条中，整个文件可能被替换过。'}`
        : `操作记录不可信：共 ${v.entries} 条，链条本身无误，但禁止修改和删除记录的数据库触发器不见了或被改过，记录可能被人改写而不留痕迹。`,
    `头哈希（第 ${v.headSeq} 条）：${v.headHash}`,
    '可把头哈希抄在纸上或留在导出的报表里，日后核对时用 certdesk audit verify --head 哈希值。',
  ];
  if (v.knownHeadFound === false) lines.push('记下的头哈希不在本链条中：数据文件可能被整个替换或重写过。');
  if (!v.appendOnly) lines.push('警告：禁止修改和删除操作记录的数据库触发器不见了或被改过，数据文件被人用其他工具改动过。请从较早的备份恢复（certdesk restore），并核对此后的改动。');
  return lines.join('\n');
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const trustCommands: CliCommand[] = [
  runCommand({
    words: ['audit', 'verify'],
    usage: 'certdesk audit verify [--head 头哈希]',
    summary: '逐条核对操作记录的哈希链条，指出第一条被改动的记录，并打印头哈希',
    run: async (ctx, p) => {
      const v = await callOp(ctx, 'audit.verify', { knownHead: flag(p, 'head') });
      // A broken chain fails (exit code 1) and still says where it broke and what the head is.
      if (!v.ok) throw new AppError('AUDIT_BROKEN', verificationText(v), v);
      return v;
    },
    print: verificationText,
  }),
  runCommand({
    words: ['audit', 'history'],
    usage: 'certdesk audit history --session ID --candidate 证件号码 --part 科目  |  --entity candidate|session|setting|… --id 编号',
    summary: '查看一科成绩（或任一条数据）的每一个版本：谁、何时、为什么改',
    run: async (ctx, p) => {
      const session = flag(p, 'session');
      const entityId =
        session !== undefined
          ? scoreEntityId(ctx, Number(session), requireFlag(p, 'candidate', '考生证件号码'), requireFlag(p, 'part', `科目：${PART_HINT}`))
          : requireFlag(p, 'id', '编号（或用 --session --candidate --part 指定一科成绩）');
      const entity = session !== undefined ? ('result' as const) : requireChoice(p, 'entity', AUDIT_ENTITIES, '数据种类，如 candidate、session、setting');
      return callOp(ctx, 'audit.history', { entity, entityId });
    },
    print: (rows: AuditEntry[]) =>
      rows.length === 0
        ? '没有找到这条数据的操作记录。'
        : renderTable(
            ['序号', '时间', '操作员', '动作', '原值', '新值', '原因'],
            rows.map((r) => [r.seq, r.at, r.operatorName ? `${r.operatorName}（${r.operator}）` : r.operator, r.action, valueText(r.oldValue), valueText(r.newValue), r.reason ?? '']),
          ),
  }),
  opCommand({
    words: ['backup'],
    usage: 'certdesk backup [--out FILE]',
    summary: '立即备份数据文件（默认存到数据文件旁的 backups 文件夹），备份会经过完整性检查',
    op: 'backup.create',
    args: (p) => ({ out: flag(p, 'out') }),
    print: (b: BackupInfo) => `已备份到 ${b.file}（${Math.round(b.bytes / 1024)} KB，已通过完整性检查，操作记录 ${b.auditEntries} 条，头哈希 ${b.auditHead}）`,
  }),
  opCommand({
    words: ['backup', 'list'],
    usage: 'certdesk backup list',
    summary: '列出 backups 文件夹里的备份，最新的在前',
    op: 'backup.list',
    args: () => ({}),
    print: (d: { folder: string; backups: BackupListing[] }) =>
      d.backups.length === 0
        ? `${d.folder} 里还没有备份。`
        : `${d.folder}\n${renderTable(['时间', '原因', '大小 KB', '文件'], d.backups.map((b) => [b.takenAt, b.reason, Math.round(b.bytes / 1024), b.name]))}`,
  }),
  opCommand({
    words: ['restore'],
    usage: 'certdesk restore FILE',
    summary: '从备份恢复：先检查备份文件，再把当前数据备份一份，然后恢复',
    op: 'backup.restore',
    args: (_p, rest) => ({ file: requireWord(rest, 0, '要恢复的备份文件') }),
    print: (r: RestoreResult) => `已从 ${r.restored} 恢复。恢复前的数据已另存为 ${r.safetyBackup}。`,
  }),
  opCommand({
    words: ['operators'],
    usage: 'certdesk operators',
    summary: '列出操作员账号',
    op: 'operators.list',
    args: () => ({}),
    print: (rows: Operator[]) =>
      rows.length === 0
        ? '还没有操作员账号（首次打开窗口时会引导创建管理员）。'
        : renderTable(['登录名', '姓名', '角色', '状态'], rows.map((o) => [o.login, o.name, ROLE_LABELS[o.role], o.disabled ? '已停用' : '可用'])),
  }),
  opCommand({
    words: ['operator', 'add'],
    usage: 'certdesk operator add --login 登录名 --name 姓名 --role clerk|admin|judge --password 密码',
    summary: '添加操作员（录入员 clerk / 管理员 admin / 裁判 judge）',
    op: 'operators.add',
    args: (p) => ({
      login: requireFlag(p, 'login', '登录名'),
      name: requireFlag(p, 'name', '姓名'),
      role: choice(p, 'role', ['clerk', 'admin', 'judge'] as const) ?? 'clerk',
      password: requireFlag(p, 'password', '初始密码，至少 8 位'),
    }),
    print: (o: Operator) => `已添加${ROLE_LABELS[o.role]} ${o.name}（${o.login}）`,
  }),
  opCommand({
    words: ['operator', 'disable'],
    usage: 'certdesk operator disable LOGIN',
    summary: '停用操作员账号',
    op: 'operators.disable',
    args: (_p, rest) => ({ login: requireWord(rest, 0, '登录名'), disabled: true }),
    print: (o: Operator) => `已停用 ${o.name}（${o.login}）`,
  }),
  opCommand({
    words: ['operator', 'enable'],
    usage: 'certdesk operator enable LOGIN',
    summary: '重新启用停用的操作员账号',
    op: 'operators.disable',
    args: (_p, rest) => ({ login: requireWord(rest, 0, '登录名'), disabled: false }),
    print: (o: Operator) => `已启用 ${o.name}（${o.login}）`,
  }),
  opCommand({
    words: ['result', 'correct'],
    usage: 'certdesk result correct --session ID --candidate 证件号码 --part 科目 (--score N | --absent | --misconduct) --reason 原因',
    summary: '更正已定稿批次的一科成绩（管理员；原因会记入操作记录并列在下一次导出中）',
    op: 'results.correct',
    // The same flags as result set, and the reason it requires.
    args: (p) => {
      const { clear: _clear, ...result } = resultFlags(p);
      return { ...result, reason: requireFlag(p, 'reason', '更正原因') };
    },
    print: (r: SetResultOutput) => `已更正：${r.candidate.name}，结果：${OUTCOME_LABELS[r.candidate.outcome]}。更正已记入操作记录。`,
  }),
  runCommand({
    words: ['candidate', 'correct-identity'],
    usage: 'certdesk candidate correct-identity 证件号码 [--name 姓名] [--id-type 证件类型] [--id-number 新证件号码] [--gender 男|女] [--birth-date YYYY-MM-DD] --reason 原因',
    summary: '更正已有证书或已定稿成绩的考生的身份信息（管理员；原因记入操作记录并显示在证书记录上）',
    run: async (ctx, p, rest) => {
      const who = findCandidateByIdNumber(ctx, requireWord(rest, 0, '考生现在登记的证件号码'));
      if (!who) throw noCandidateWithIdNumber(rest[0]!);
      return callOp(ctx, 'candidates.correctIdentity', {
        id: who.id,
        name: flag(p, 'name'),
        idType: flag(p, 'id-type'),
        idNumber: flag(p, 'id-number'),
        gender: flag(p, 'gender'),
        birthDate: flag(p, 'birth-date'),
        reason: requireFlag(p, 'reason', '更正原因'),
      });
    },
    print: (c: Candidate) => `已更正：${c.name}（${c.idType} ${c.idNumber}，${c.gender ?? ''}，${c.birthDate ?? ''}）。更正已记入操作记录，并显示在该考生的证书记录上。`,
  }),
  opCommand({
    words: ['operator', 'password'],
    usage: 'certdesk operator password LOGIN --password 新密码',
    summary: '重设操作员的密码',
    op: 'operators.setPassword',
    args: (p, rest) => ({ login: requireWord(rest, 0, '登录名'), password: requireFlag(p, 'password', '新密码，至少 8 位') }),
    print: (r: { login: string }) => `已重设 ${r.login} 的密码`,
  }),
];
