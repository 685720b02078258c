// The foundation's commands: init, settings, occupations, session, candidate(s), results, result set.
import { AppError } from '../../services/errors';
import { callOp, type CliCommand, flag, opCommand, requireFlag, requireWord, runCommand } from '../command';
import type { ParsedArgs } from '../args';
import { renderTable } from '../table';
import type { Enrolment } from '../../services/sessions/enrolments';
import { formatRate, type PassRateSummary } from '../../services/passrate/passRate';
import type { Setting } from '../../services/settings/settings';
import type { Occupation } from '../../services/occupations/occupations';
import type { Session } from '../../services/sessions/sessions';
import type { Candidate } from '../../services/candidates/candidates';
import type { SessionResults, SetResultOutput } from '../../services/results/results';
import { ATTEMPT_LABELS, OUTCOME_LABELS, PART_HINT, SESSION_STATUS_LABELS, STATUS_WORDS } from '../../services/vocabulary/words';

export function summaryLine(s: PassRateSummary): string {
  const pending = s.pending > 0 ? `，另有 ${s.pending} 人成绩待定（不计入实考和合格率）` : '';
  return `报名 ${s.registered} 人，缺考 ${s.absent} 人，实考 ${s.sat} 人，合格 ${s.passed} 人${pending}，合格率 ${formatRate(s.passRate)}（合格 ÷ 实考）；合格 ÷ 报名 ${formatRate(s.passRateOfRegistered)}`;
}

function sessionTable(sessions: Session[]): string {
  if (sessions.length === 0) return '还没有认定批次。用 certdesk session create 新建一个。';
  return renderTable(
    ['编号', '批次名称', '职业', '等级', '类型', '考试日期', '状态', '报名', '合格', '合格率'],
    sessions.map((s) => [s.id, s.name, s.occupationName, s.levelLabel, ATTEMPT_LABELS[s.attempt], s.examDate, SESSION_STATUS_LABELS[s.status], s.summary.registered, s.summary.passed, formatRate(s.summary.passRate)]),
  );
}

function sessionDetail(s: Session): string {
  return [
    `批次 ${s.id}：${s.name}`,
    `职业：${s.occupationName}（${s.occupationCode}）  工种：${s.specialty ?? '--'}  等级：${s.levelLabel}  类型：${ATTEMPT_LABELS[s.attempt]}`,
    `考试日期：${s.examDate}${s.venue ? `  地点：${s.venue}` : ''}  状态：${SESSION_STATUS_LABELS[s.status]}`,
    `考核科目：${s.parts.map((p) => `${p.label}（${p.passMark} 分合格）`).join('、')}`,
    summaryLine(s.summary),
  ].join('\n');
}

function candidateArgs(p: ParsedArgs) {
  return {
    idNumber: requireFlag(p, 'id-number', '证件号码'),
    name: requireFlag(p, 'name', '姓名'),
    idType: flag(p, 'id-type'),
    gender: flag(p, 'gender'),
    birthDate: flag(p, 'birth-date'),
    phone: flag(p, 'phone'),
    education: flag(p, 'education'),
    employer: flag(p, 'employer'),
    ethnicity: flag(p, 'ethnicity'),
    address: flag(p, 'address'),
    origin: flag(p, 'origin'),
  };
}

/** The flags of one score, shared by result set and result correct. */
export function resultFlags(p: ParsedArgs) {
  return {
    sessionId: requireFlag(p, 'session', '批次编号'),
    idNumber: requireFlag(p, 'candidate', '考生证件号码'),
    part: requireFlag(p, 'part', `科目：${PART_HINT}`),
    score: flag(p, 'score'),
    absent: p.flags.get('absent') === true ? true : undefined,
    misconduct: p.flags.get('misconduct') === true ? true : undefined,
    clear: p.flags.get('clear') === true ? true : undefined,
    restoreCarried: p.flags.get('restore-carried') === true ? true : undefined,
    note: flag(p, 'note'),
    reason: flag(p, 'reason'),
  };
}

export const coreCommands: CliCommand[] = [
  runCommand({
    words: ['init'],
    usage: 'certdesk init [--db FILE]',
    summary: '创建数据文件，或把旧数据文件升级到当前版本',
    run: async (ctx) => {
      const info = await callOp(ctx, 'app.info', {});
      return { database: ctx.db.name, schemaVersion: info.schemaVersion };
    },
    print: (d: { database: string; schemaVersion: number }) => `数据文件已就绪：${d.database}（结构版本 ${d.schemaVersion}）`,
  }),
  opCommand({
    words: ['settings', 'list'],
    usage: 'certdesk settings list',
    summary: '查看评价机构等设置',
    op: 'settings.list',
    args: () => ({}),
    print: (rows: Setting[]) => renderTable(['设置项', '说明', '值'], rows.map((r) => [r.key, r.label, r.value])),
  }),
  opCommand({
    words: ['settings', 'set'],
    usage: 'certdesk settings set KEY VALUE',
    summary: '修改一项设置，如 institution.name',
    op: 'settings.set',
    args: (_p, rest) => ({ key: requireWord(rest, 0, '设置项名称（如 institution.name）'), value: requireWord(rest, 1, '设置的值') }),
    print: (s: Setting) => `已保存：${s.label} = ${s.value}`,
  }),
  opCommand({
    words: ['occupations'],
    usage: 'certdesk occupations',
    summary: '查看职业目录（编码、名称、工种、等级与考核科目）',
    op: 'occupations.list',
    args: () => ({}),
    print: (rows: Occupation[]) =>
      renderTable(
        ['职业编码', '版本', '职业名称', '工种', '开设等级'],
        rows.map((o) => [o.code, o.edition, `${o.name}${o.retired ? '（已停用）' : ''}`, o.specialties.join('、') || '--', o.levels.filter((l) => !l.retired).map((l) => l.level).join(' ')]),
      ),
  }),
  opCommand({
    words: ['session', 'create'],
    usage: 'certdesk session create --occupation CODE|NAME --level 1-5 --date YYYY-MM-DD [--name TEXT] [--attempt 正考|补考] [--specialty 工种] [--venue 地点]',
    summary: '新建认定批次',
    op: 'sessions.create',
    args: (p) => ({
      occupation: requireFlag(p, 'occupation', '职业编码或名称'),
      level: requireFlag(p, 'level', '等级 1–5'),
      date: requireFlag(p, 'date', '考试日期 YYYY-MM-DD'),
      name: flag(p, 'name'),
      attempt: flag(p, 'attempt'),
      specialty: flag(p, 'specialty'),
      venue: flag(p, 'venue'),
    }),
    print: (s: Session) => `已新建批次 ${s.id}：${s.name}`,
  }),
  opCommand({ words: ['session', 'list'], usage: 'certdesk session list', summary: '列出认定批次', op: 'sessions.list', args: () => ({}), print: sessionTable }),
  opCommand({ words: ['sessions'], usage: 'certdesk sessions', summary: '同 session list', op: 'sessions.list', args: () => ({}), print: sessionTable }),
  opCommand({
    words: ['session', 'show'],
    usage: 'certdesk session show ID',
    summary: '查看一个批次',
    op: 'sessions.get',
    args: (_p, rest) => ({ id: requireWord(rest, 0, '批次编号') }),
    print: sessionDetail,
  }),
  opCommand({
    words: ['session', 'update'],
    usage: 'certdesk session update ID [--name TEXT] [--date YYYY-MM-DD] [--venue 地点] [--specialty 工种]',
    summary: '修改未定稿批次的名称、考试日期、地点或工种（--venue "" 清空地点）',
    op: 'sessions.update',
    args: (p, rest) => {
      const changes = { name: flag(p, 'name'), date: flag(p, 'date'), venue: flag(p, 'venue'), specialty: flag(p, 'specialty') };
      if (Object.values(changes).every((v) => v === undefined)) throw new AppError('USAGE', '请至少给出一项要修改的内容：--name、--date、--venue 或 --specialty。');
      return { id: requireWord(rest, 0, '批次编号'), ...changes };
    },
    print: (s: Session) => `已修改批次 ${s.id}。\n${sessionDetail(s)}`,
  }),
  opCommand({
    words: ['session', 'delete'],
    usage: 'certdesk session delete ID',
    summary: '删除没有考生报名的批次（如建错的批次）',
    op: 'sessions.delete',
    args: (_p, rest) => ({ id: requireWord(rest, 0, '批次编号') }),
    print: (r) => `已删除批次 ${r.deleted}。`,
  }),
  opCommand({
    words: ['session', 'finalize'],
    usage: 'certdesk session finalize ID',
    summary: '定稿：锁定批次的名单和成绩',
    op: 'sessions.finalize',
    args: (_p, rest) => ({ id: requireWord(rest, 0, '批次编号') }),
    print: (s: Session) => `批次 ${s.id} 已定稿。${summaryLine(s.summary)}`,
  }),
  opCommand({
    words: ['session', 'retake'],
    usage: 'certdesk session retake ID --date YYYY-MM-DD [--name TEXT]',
    summary: '建补考批次：把定稿批次中不合格和缺考的考生报名补考，已合格的科目保留',
    op: 'sessions.retake',
    args: (p, rest) => ({ id: requireWord(rest, 0, '原批次编号'), date: requireFlag(p, 'date', '补考日期 YYYY-MM-DD'), name: flag(p, 'name') }),
    print: (r) =>
      [
        `已新建补考批次 ${r.id}，报名 ${r.enrolled} 人（原批次中不合格和缺考的考生，已合格的科目保留）。`,
        ...r.skipped.map((s) => `未报名：${s.name}（${s.idNumber}）${s.reason}。`),
      ].join('\n'),
  }),
  runCommand({
    words: ['candidate', 'add'],
    usage: 'certdesk candidate add --id-number 证件号码 --name 姓名 [--id-type 证件类型] [--gender 男|女] [--birth-date YYYY-MM-DD] [--phone 手机] [--education 文化程度] [--employer 工作单位] [--ethnicity 民族] [--address 通讯地址] [--origin 考生来源] [--session ID]',
    summary: '登记一名考生（给出 --session 时同时报名该批次）',
    run: async (ctx, p) => {
      const candidate = candidateArgs(p);
      const session = flag(p, 'session');
      if (session === undefined) return callOp(ctx, 'candidates.add', candidate);
      const enrolment = await callOp(ctx, 'enrolments.add', { sessionId: session, candidate });
      return callOp(ctx, 'candidates.get', { id: enrolment.candidateId });
    },
    print: (c: Candidate) => `已登记考生 ${c.name}（${c.idNumber}，${c.gender ?? ''}，${c.birthDate ?? ''}）`,
  }),
  opCommand({
    words: ['enrol'],
    usage: 'certdesk enrol --session ID --candidate 证件号码 [--admission-number 准考证号] [--override-reason 原因]',
    summary: '把已登记的考生报名到批次（已合格或已持证者需 --override-reason 说明原因）',
    op: 'enrolments.add',
    args: (p) => {
      const reason = flag(p, 'override-reason');
      return {
        sessionId: requireFlag(p, 'session', '批次编号'),
        idNumber: requireFlag(p, 'candidate', '考生证件号码'),
        admissionNumber: flag(p, 'admission-number'),
        override: reason === undefined ? undefined : { reason },
      };
    },
    print: (e: Enrolment) => `已报名：${e.name}（${e.idNumber}），准考证号 ${e.admissionNumber}`,
  }),
  opCommand({
    words: ['enrol', 'withdraw'],
    usage: 'certdesk enrol withdraw --session ID --candidate 证件号码 --reason 原因',
    summary: '把考生移出未定稿的批次（须说明原因，记入操作日志）',
    op: 'enrolments.remove',
    args: (p) => ({
      sessionId: requireFlag(p, 'session', '批次编号'),
      idNumber: requireFlag(p, 'candidate', '考生证件号码'),
      reason: requireFlag(p, 'reason', '移出的原因，如「报名重复」'),
    }),
    print: (r) => `已把 ${r.name}（${r.idNumber}）移出批次 ${r.sessionId}。`,
  }),
  opCommand({
    words: ['enrolments'],
    usage: 'certdesk enrolments --session ID',
    summary: '列出批次的考生和准考证号',
    op: 'enrolments.list',
    args: (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') }),
    print: (rows: Enrolment[]) =>
      rows.length === 0 ? '本批次还没有考生。' : renderTable(['准考证号', '姓名', '性别', '证件号码', '工作单位'], rows.map((e) => [e.admissionNumber, e.name, e.gender, e.idNumber, e.employer])),
  }),
  opCommand({
    words: ['candidates'],
    usage: 'certdesk candidates [--search 姓名|拼音首字母|证件号码|单位]',
    summary: '查找考生',
    op: 'candidates.search',
    args: (p) => ({ query: flag(p, 'search'), limit: flag(p, 'limit') ?? 50 }),
    print: (d: { items: Candidate[] }) =>
      d.items.length === 0
        ? '没有找到考生。'
        : renderTable(['姓名', '性别', '证件类型', '证件号码', '出生日期', '工作单位'], d.items.map((c) => [c.name, c.gender, c.idType, c.idNumber, c.birthDate, c.employer])),
  }),
  opCommand({
    words: ['results'],
    usage: 'certdesk results --session ID',
    summary: '查看一个批次的成绩与合格率',
    op: 'results.get',
    args: (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') }),
    print: (r: SessionResults) => {
      const partNames = [...new Set(r.candidates.flatMap((c) => c.parts.map((p) => p.label)))];
      const table = renderTable(
        ['准考证号', '姓名', '证件号码', '工作单位', ...partNames, '结果'],
        r.candidates.map((c) => [
          c.admissionNumber,
          c.name,
          c.idNumber,
          c.employer,
          ...partNames.map((n) => {
            const p = c.parts.find((x) => x.label === n);
            if (!p) return '';
            if (p.status === 'carried') return `${p.score}（保留自批次 ${p.carriedFrom?.sessionId}）`;
            return p.status === 'scored' ? String(p.score) : STATUS_WORDS[p.status];
          }),
          OUTCOME_LABELS[c.outcome],
        ]),
      );
      return `${r.candidates.length ? table : '本批次还没有考生。'}\n\n${summaryLine(r.summary)}`;
    },
  }),
  opCommand({
    words: ['result', 'set'],
    usage: 'certdesk result set --session ID --candidate 证件号码 --part 科目 (--score N | --absent | --misconduct [--note TEXT] | --clear | --restore-carried)',
    summary: '录入一科成绩（或标记缺考/违纪）',
    op: 'results.set',
    args: resultFlags,
    print: (r: SetResultOutput) => `已保存：${r.candidate.name} ${r.candidate.parts.map((p) => `${p.label} ${p.status === 'scored' ? p.score : p.status === 'carried' ? `${p.score}（保留）` : STATUS_WORDS[p.status]}`).join('，')}，结果：${OUTCOME_LABELS[r.candidate.outcome]}\n${summaryLine(r.summary)}`,
  }),
];
