// 职业技能竞赛 on the command line (docs/cli.md § 竞赛). The words and JSON of these commands are a
// contract other tools depend on: keep them.
import { choice, flag, type CliCommand, opCommand, requireFlag, requireWord } from '../command';
import { renderTable } from '../table';

const competitionId = (p: Parameters<typeof flag>[0]) => requireFlag(p, 'competition', '竞赛编号');

export const competitionCommands: CliCommand[] = [
  opCommand({
    words: ['competition', 'list'],
    usage: 'certdesk competition list',
    summary: '列出全部竞赛',
    op: 'competitions.list',
    args: () => ({}),
    print: (r) => (r.length === 0 ? '还没有竞赛。' : renderTable(['编号', '名称', '日期', '状态', '项目', '参赛'], r.map((c) => [c.id, c.name, c.date, c.statusLabel, c.events, c.entrants]))),
  }),
  opCommand({
    words: ['competition', 'create'],
    usage: 'certdesk competition create --name TEXT --date YYYY-MM-DD [--kind team|individual] [--venue TEXT] [--organiser TEXT] [--occupation CODE --level N] [--complaint-until YYYY-MM-DD] [--team-rule sum|mean|best:N]',
    summary: '新建竞赛（团体赛或个人赛）',
    op: 'competitions.create',
    args: (p) => ({
      name: requireFlag(p, 'name', '竞赛名称'),
      date: requireFlag(p, 'date', '竞赛日期 YYYY-MM-DD'),
      kind: choice(p, 'kind', ['team', 'individual'] as const),
      venue: flag(p, 'venue'),
      organiser: flag(p, 'organiser'),
      occupation: flag(p, 'occupation'),
      level: flag(p, 'level'),
      complaintUntil: flag(p, 'complaint-until'),
      teamRule: flag(p, 'team-rule'),
    }),
    print: (c) => `已新建竞赛「${c.name}」，编号 ${c.id}。`,
  }),
  opCommand({
    words: ['competition', 'update'],
    usage: 'certdesk competition update ID [--name TEXT] [--date YYYY-MM-DD] [--venue TEXT] [--organiser TEXT] [--occupation CODE] [--level N] [--complaint-until YYYY-MM-DD] [--team-rule sum|mean|best:N]',
    summary: '修改竞赛信息（定稿前）',
    op: 'competitions.update',
    args: (p, rest) => ({
      id: requireWord(rest, 0, '竞赛编号'),
      name: flag(p, 'name'),
      date: flag(p, 'date'),
      venue: flag(p, 'venue'),
      organiser: flag(p, 'organiser'),
      occupation: flag(p, 'occupation'),
      level: flag(p, 'level'),
      complaintUntil: flag(p, 'complaint-until'),
      teamRule: flag(p, 'team-rule'),
    }),
    print: (c) => `已修改竞赛「${c.name}」。`,
  }),
  opCommand({
    words: ['competition', 'show'],
    usage: 'certdesk competition show ID',
    summary: '查看竞赛的项目、参赛队和规则',
    op: 'competitions.get',
    args: (_p, rest) => ({ id: requireWord(rest, 0, '竞赛编号') }),
    print: (c) =>
      [
        `${c.name}（编号 ${c.id}，${c.date}，${c.kind === 'team' ? '团体赛' : '个人赛'}，${c.statusLabel}）`,
        renderTable(['项目', '类型', '满分', '权重', '裁判/计时', '去高', '去低'], c.events.map((e) => [e.name, e.kind === 'timed' ? '计时' : '评分', e.max, e.weight, e.judges, e.dropHigh, e.dropLow])),
        renderTable(['参赛', '单位', '抽签号', '队员'], c.entrants.map((e) => [e.name, e.employer ?? '', e.draw ?? '', e.members.map((m) => m.name).join('、')])),
        `并列时依次比较：${c.tiebreak.join('、') || '（未设置，并列即同名次）'}；奖项：${c.prizeRule ?? '（未设置）'}；团体成绩：${c.teamRule}`,
      ].join('\n'),
  }),
  opCommand({
    words: ['competition', 'event', 'add'],
    usage: 'certdesk competition event add --competition ID --name TEXT --max N [--weight W] [--judges N] [--drop-high N] [--drop-low N] [--timed] [--timed-points rank|ratio]',
    summary: '添加竞赛项目：满分、权重、裁判人数和去掉的最高/最低分个数；--timed 为计时项目（--judges 为计时员人数）',
    op: 'competitions.addEvent',
    args: (p) => ({
      competitionId: competitionId(p),
      name: requireFlag(p, 'name', '项目名称'),
      max: requireFlag(p, 'max', '满分'),
      weight: flag(p, 'weight'),
      judges: flag(p, 'judges'),
      dropHigh: flag(p, 'drop-high'),
      dropLow: flag(p, 'drop-low'),
      timed: p.flags.get('timed') === true,
      timedPoints: choice(p, 'timed-points', ['rank', 'ratio'] as const),
    }),
    print: (e) => `已添加项目「${e.name}」，编号 ${e.id}。`,
  }),
  opCommand({
    words: ['competition', 'entrant', 'add'],
    usage: 'certdesk competition entrant add --competition ID --name TEXT [--employer TEXT] [--draw 抽签号] [--member IDNUMBER]…',
    summary: '添加参赛队（或个人赛选手）；--member 可重复，填已登记考生的证件号码',
    op: 'competitions.addEntrant',
    args: (p) => ({
      competitionId: competitionId(p),
      name: requireFlag(p, 'name', '参赛队名称或选手姓名'),
      employer: flag(p, 'employer'),
      draw: flag(p, 'draw'),
      members: p.lists.get('member'),
    }),
    print: (e) => `已添加「${e.name}」，编号 ${e.id}${e.members.length ? `，队员 ${e.members.map((m) => m.name).join('、')}` : ''}。`,
  }),
  opCommand({
    words: ['competition', 'score'],
    usage: 'certdesk competition score --competition ID --event 项目 --entrant 参赛队 [--member IDNUMBER] --judge N|penalty --value 分数|用时',
    summary: '录入一位裁判的分数（或一位计时员的用时、罚时）；--value 留空清除',
    op: 'competitions.setMark',
    args: (p) => ({
      competitionId: competitionId(p),
      event: requireFlag(p, 'event', '项目'),
      entrant: requireFlag(p, 'entrant', '参赛队或选手'),
      member: flag(p, 'member'),
      seat: requireFlag(p, 'judge', '第几位裁判/计时员，或 penalty'),
      value: flag(p, 'value') ?? null,
    }),
    print: (r) => (r.changed ? '已保存。' : '没有变化。'),
  }),
  opCommand({
    words: ['competition', 'import', 'scores'],
    usage: 'certdesk competition import scores FILE.xlsx --competition ID [--dry-run]',
    summary: '导入评分表：每行一个参赛队（或选手）和项目，列为 参赛队/选手、项目、裁判1…裁判N（计时项目为 用时、罚时）',
    op: 'competitions.importScores',
    args: (p, rest) => ({ competitionId: competitionId(p), file: { path: requireWord(rest, 0, '评分表文件') }, dryRun: p.flags.get('dry-run') === true }),
    print: (r) =>
      [
        `${r.dryRun ? '检查完毕（未写入）' : '已导入'}：${r.imported} 行${r.rejected.length ? `，${r.rejected.length} 行被拒绝：` : '。'}`,
        ...r.rejected.map((x) => `  第${x.row}行「${x.column}」：${x.message}`),
      ].join('\n'),
  }),
  opCommand({
    words: ['competition', 'tiebreak'],
    usage: 'certdesk competition tiebreak --competition ID --order "消防竞技,专业作业"',
    summary: '总分相同时依次比较的项目（计时项目比用时，其他比得分）；仍相同则名次并列',
    op: 'competitions.tiebreak',
    args: (p) => ({ competitionId: competitionId(p), order: (flag(p, 'order') ?? '').split(/[,，、]/) }),
    print: (c) => `并列时依次比较：${c.tiebreak.join('、') || '（不比较，并列即同名次）'}。`,
  }),
  opCommand({
    words: ['competition', 'prizes'],
    usage: 'certdesk competition prizes --competition ID --rule "一等奖:1,二等奖:1,三等奖:1,优秀奖:rest"',
    summary: '设置奖项规则：按名额（一等奖:1）或按比例（一等奖:10%），rest 为其余全部',
    op: 'competitions.prizes',
    args: (p) => ({ competitionId: competitionId(p), rule: requireFlag(p, 'rule', '奖项规则') }),
    print: (c) => `奖项规则：${c.prizeRule}。`,
  }),
  opCommand({
    words: ['competition', 'judge'],
    usage: 'certdesk competition judge --competition ID --event 项目 --judge N --login 账号',
    summary: '指定某项目第 N 位裁判由哪个操作员账号担任（--login 留空取消）',
    op: 'competitions.assignJudge',
    args: (p) => ({ competitionId: competitionId(p), event: requireFlag(p, 'event', '项目'), seat: requireFlag(p, 'judge', '第几位裁判'), login: flag(p, 'login') ?? null }),
    print: (e) => `已更新项目「${e.name}」的裁判。`,
  }),
  opCommand({
    words: ['competition', 'results'],
    usage: 'certdesk competition results --competition ID',
    summary: '成绩汇总：名次、总分、各项目得分和奖项（名次按精确值计算，显示保留两位小数）',
    op: 'competitions.results',
    args: (p) => ({ competitionId: competitionId(p) }),
    print: (r) =>
      r.ranking.length === 0
        ? '还没有参赛队。'
        : renderTable(
            ['名次', '参赛', '总分', ...r.ranking[0]!.events.map((e) => e.event), '奖项'],
            r.ranking.map((l) => [l.rank, `${l.entrant}${l.complete ? '' : '（未录完）'}`, l.total.toFixed(2), ...l.events.map((e) => (e.score === null ? '—' : e.score.toFixed(2))), l.prize ?? '']),
          ),
  }),
  opCommand({
    words: ['competition', 'publish'],
    usage: 'certdesk competition publish ID [--complaint-until YYYY-MM-DD]',
    summary: '公示成绩和奖项，申诉截止日期前不能定稿',
    op: 'competitions.publish',
    args: (p, rest) => ({ competitionId: requireWord(rest, 0, '竞赛编号'), complaintUntil: flag(p, 'complaint-until') }),
    print: (c) => `竞赛「${c.name}」已公示${c.complaintUntil ? `，申诉截止 ${c.complaintUntil}` : ''}。`,
  }),
  opCommand({
    words: ['competition', 'finalize'],
    usage: 'certdesk competition finalize ID',
    summary: '竞赛定稿：名次和奖项锁定，之后不能再改成绩（管理员）',
    op: 'competitions.finalize',
    args: (_p, rest) => ({ competitionId: requireWord(rest, 0, '竞赛编号') }),
    print: (c) => `竞赛「${c.name}」已定稿。`,
  }),
];
