// The yearly figures per member enterprise, checked against counts made directly in SQL on the
// small demo: membership as of each session's date, a second spelling merged as an alias, and a
// finalized training class's 学时; and a 更名 merge that keeps every earlier figure.
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { pdfPages } from '../certificates/poppler';
import { loadDemo } from '../../services/demo/generate';
import type { Ctx } from '../../services/shared/context';
import type { MemberFigures } from '../../services/members/report';

const TODAY = '2024-06-30';

/** The same figure, counted in one SQL statement per member and year. */
function sqlCounts(ctx: Ctx, employerId: number, year: string) {
  const mine = `coalesce((SELECT a.into_id FROM employer_aliases a WHERE a.employer_id = X.employer_id), X.employer_id) = @id`;
  const memberOn = (date: string) => `EXISTS (SELECT 1 FROM members m WHERE m.employer_id = @id AND m.joined_on <= ${date} AND (m.left_on IS NULL OR m.left_on >= ${date}))`;
  const one = (sql: string) => (ctx.db.prepare(sql).get({ id: employerId, year }) as { n: number | null }).n ?? 0;
  const enrolments = (outcome: string) =>
    one(`SELECT count(*) AS n FROM enrolments X JOIN sessions s ON s.id = X.session_id WHERE substr(s.exam_date, 1, 4) = @year AND ${mine} AND ${memberOn('s.exam_date')} ${outcome}`);
  return {
    registered: enrolments(''),
    sat: enrolments("AND X.outcome IN ('pass', 'fail')"),
    passed: enrolments("AND X.outcome = 'pass'"),
    certificates: one(
      `SELECT count(*) AS n FROM certificates c JOIN enrolments X ON X.id = c.enrolment_id JOIN sessions s ON s.id = X.session_id
       WHERE c.status = 'issued' AND substr(c.issue_date, 1, 4) = @year AND ${mine} AND ${memberOn('s.exam_date')}`,
    ),
    trainingHours:
      one(
        `SELECT sum(X.hours_tenths) AS n FROM training_trainees X JOIN training_classes tc ON tc.id = X.class_id
         WHERE tc.status = 'finalized' AND substr(tc.end_date, 1, 4) = @year AND ${mine} AND ${memberOn('tc.end_date')}`,
      ) / 10,
  };
}

describe('report members', () => {
  it('counts each member’s staff as the database does, as of each session’s date, with a second spelling counted as the member', async () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const employers = ctx.db.prepare('SELECT e.id, e.name FROM employers e WHERE EXISTS (SELECT 1 FROM enrolments x WHERE x.employer_id = e.id) ORDER BY e.id').all() as { id: number; name: string }[];
    expect(employers.length).toBeGreaterThanOrEqual(6);
    const dates = (ctx.db.prepare("SELECT exam_date AS d FROM sessions ORDER BY exam_date").all() as { d: string }[]).map((r) => r.d);
    const middle = dates[Math.floor(dates.length / 2)]!;
    // The demo's members: six companies across the categories, one of which joined 120 days before its today.
    const demoMembers = ctx.db.prepare('SELECT m.employer_id AS id, e.name, m.category, m.joined_on AS joined FROM members m JOIN employers e ON e.id = m.employer_id ORDER BY m.id').all() as { id: number; name: string; category: string; joined: string }[];
    expect(demoMembers.map((m) => m.category)).toEqual(['会长单位', '副会长单位', '常务理事单位', '理事单位', '会员单位', '会员单位']);
    expect(demoMembers.at(-1)!.joined > dates[0]!).toBe(true);
    // Leaves halfway: the sessions up to its last day are its figures, those after are not.
    await call(ctx, 'members.leave', { employer: demoMembers[3]!.name, left: middle });
    // Another company joins halfway.
    const others = employers.filter((e) => !demoMembers.some((m) => m.id === e.id));
    await call(ctx, 'members.add', { employer: others[0]!.name, category: '理事单位', joined: middle, contact: '陈经理', phone: '13800138000' });
    // The same company as the 会长单位 written a second way in the rosters.
    await call(ctx, 'members.merge', { from: others[1]!.name, into: demoMembers[0]!.name });
    const lead = employers.find((e) => e.id === demoMembers[0]!.id) ?? { id: demoMembers[0]!.id, name: demoMembers[0]!.name };
    const fifth = { id: demoMembers[4]!.id };

    // A class finalized in 2024 with demo people of two members.
    const people = ctx.db.prepare('SELECT id_number AS idNumber FROM candidates WHERE employer_id IN (?, ?) LIMIT 6').all(lead.id, fifth.id) as { idNumber: string }[];
    const cls = await call(ctx, 'training.create', { name: '物业服务礼仪培训', from: '2024-04-01', to: '2024-04-30', minAttendance: 50 });
    const lessons = [await call(ctx, 'training.addLesson', { classId: cls.id, date: '2024-04-02', hours: 3 }), await call(ctx, 'training.addLesson', { classId: cls.id, date: '2024-04-09', hours: 3.5 })];
    for (const [i, p] of people.entries()) {
      await call(ctx, 'training.enrol', { classId: cls.id, idNumber: p.idNumber });
      await call(ctx, 'training.attend', { classId: cls.id, lessonId: lessons[0]!.id, idNumber: p.idNumber, status: 'present' });
      if (i % 2 === 0) await call(ctx, 'training.attend', { classId: cls.id, lessonId: lessons[1]!.id, idNumber: p.idNumber, status: 'late' });
    }
    await call(ctx, 'training.finalize', { classId: cls.id });

    const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
    let nonZero = 0;
    for (const year of years) {
      const report = await call(ctx, 'members.report', { year });
      // The member that joined halfway is in the report of each year it was a member in.
      for (const m of report.members as MemberFigures[]) {
        const id = (ctx.db.prepare('SELECT id FROM employers WHERE name = ?').get(m.employer) as { id: number }).id;
        const sql = sqlCounts(ctx, id, year);
        expect({ employer: m.employer, registered: m.registered, sat: m.sat, passed: m.passed, certificates: m.certificates, trainingHours: m.trainingHours }).toEqual({ employer: m.employer, ...sql });
        expect(m.passRate).toBe(sql.sat > 0 ? sql.passed / sql.sat : null);
        if (m.registered > 0) nonZero++;
      }
      const all = report.totals.at(-1)!;
      expect(all).toMatchObject({ category: '合计', members: report.members.length, registered: report.members.reduce((n: number, m: MemberFigures) => n + m.registered, 0) });
    }
    expect(nonZero).toBeGreaterThanOrEqual(3);
    const in2024 = (await call(ctx, 'members.report', { year: '2024' })).members as MemberFigures[];
    expect(in2024.find((m) => m.employer === lead.name)!.trainingHours).toBeGreaterThan(0);
    // The second spelling is no member row of its own.
    expect(in2024.some((m) => m.employer === others[1]!.name)).toBe(false);
    // Before it joined, the halfway member's staff are not counted: fewer than all its enrolments that year.
    const year = middle.slice(0, 4);
    const joinedLate = ((await call(ctx, 'members.report', { year })).members as MemberFigures[]).find((m) => m.employer === others[0]!.name)!;
    const everyone = (ctx.db.prepare('SELECT count(*) AS n FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.employer_id = ? AND substr(s.exam_date, 1, 4) = ?').get(others[0]!.id, year) as { n: number }).n;
    expect(joinedLate.registered).toBeLessThanOrEqual(everyone);

    // The yearly workbook: one row per member, then each category's subtotal and the total.
    const out = path.join(tempDir(), '会员单位年度统计.xlsx');
    await call(ctx, 'export.members', { year: '2024', out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    const texts = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))).join('|'));
    for (const m of in2024) expect(texts.some((t) => t.includes(`|${m.employer}|${m.category}|${m.registered}|${m.sat}|${m.passed}|`)), m.employer).toBe(true);
    const total = (await call(ctx, 'members.report', { year: '2024' })).totals.at(-1)!;
    expect(texts.some((t) => t.startsWith(`|合计（${in2024.length}家）||${total.registered}|${total.sat}|${total.passed}|`))).toBe(true);
    expect(texts.some((t) => t.startsWith('|会长单位小计（1家）'))).toBe(true);
    expect(texts.some((t) => t.startsWith('|理事单位小计（2家）'))).toBe(true);

    // The feedback sheet: one page per member, its figures beside all members'.
    const pdf = path.join(tempDir(), '反馈表.pdf');
    expect(await call(ctx, 'members.feedback', { year: '2024', out: pdf })).toMatchObject({ pages: in2024.length });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(in2024.length);
    const first = in2024[0]!;
    const page = pages[0]!.replace(/[ \t]+/g, ' ');
    expect(page).toContain(`会员单位：${first.employer}`);
    expect(page).toContain(`认定报名人数 ${first.registered} ${total.registered}`);
    expect(page).toContain(`合格人数 ${first.passed} ${total.passed}`);
    expect((await callError(ctx, 'members.feedback', { year: '2024', employer: '不存在的物业公司', out: pdf })).code).toBe('MEMBER_NOT_FOUND');
  }, 180_000);

  it('keeps every earlier figure when a member is renamed (更名): the old name counts as the new, and no recorded employer is rewritten', () => {
    const { ctx, file } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const old = ctx.db
      .prepare(
        "SELECT e.id, e.name FROM employers e JOIN enrolments x ON x.employer_id = e.id JOIN sessions s ON s.id = x.session_id WHERE s.exam_date LIKE '2024-%' AND e.id NOT IN (SELECT employer_id FROM members) GROUP BY e.id ORDER BY count(*) DESC LIMIT 1",
      )
      .get() as { id: number; name: string };
    const recorded = ctx.db.prepare('SELECT id, employer_id FROM enrolments ORDER BY id').all();
    ctx.db.close();
    const cli = (...args: string[]) => runCli([...args, '--db', file, '--json']);

    expect(cli('member', 'add', '--employer', old.name, '--category', '理事单位', '--joined', '2020-01-01').json).toMatchObject({ employer: old.name, category: '理事单位', joined: '2020-01-01', left: null, aliases: [] });
    const before = cli('report', 'members', '--year', '2024').json;
    expect(Object.keys(before)).toEqual(['members']);
    const figuresBefore = before.members.find((m: MemberFigures) => m.employer === old.name);
    expect(figuresBefore.registered).toBeGreaterThan(0);
    expect(Object.keys(figuresBefore)).toEqual(expect.arrayContaining(['employer', 'category', 'registered', 'sat', 'passed', 'passRate', 'certificates', 'trainingHours', 'awards']));

    const renamed = '广州市越秀城市服务集团有限公司';
    expect(cli('member', 'merge', '--from', old.name, '--into', renamed).json).toMatchObject({ from: old.name, into: renamed, aliases: [old.name], movedTerms: 1 });
    const after = cli('report', 'members', '--year', '2024').json.members as MemberFigures[];
    expect(after.find((m) => m.employer === old.name)).toBeUndefined();
    expect(after.find((m) => m.employer === renamed)).toEqual({ ...figuresBefore, employer: renamed });
    expect(cli('member', 'list').json).toEqual(expect.arrayContaining([expect.objectContaining({ employer: renamed, category: '理事单位', aliases: [old.name] })]));
    expect(cli('member', 'merge', '--from', old.name, '--into', renamed).json.error.code).toBe('MEMBER_MERGE_SAME');

    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT id, employer_id FROM enrolments ORDER BY id').all()).toEqual(recorded);
    db.close();
  }, 180_000);
});

describe('report members and competitions', () => {
  it('counts a member’s competition entries and prizes, by the entrant’s employer as written, as of the competition’s date', async () => {
    const { ctx } = createDB();
    await call(ctx, 'members.add', { employer: '广州市越秀物业服务有限公司', category: '会员单位', joined: '2024-03-01' });
    const competition = (held: string, status: string) =>
      Number(ctx.db.prepare("INSERT INTO competitions (name, held_on, status, created_at) VALUES (?, ?, ?, 't')").run(`技能大赛${held}`, held, status).lastInsertRowid);
    const entrant = (c: number, name: string, employer: string) =>
      Number(ctx.db.prepare("INSERT INTO competition_entrants (competition_id, name, employer, created_at) VALUES (?, ?, ?, 't')").run(c, name, employer).lastInsertRowid);
    const before = competition('2024-02-20', 'final');
    entrant(before, '一队', '广州市越秀物业服务有限公司');
    const after = competition('2024-05-20', 'final');
    const first = entrant(after, '一队', ' 广州市越秀物业服务有限公司 ');
    entrant(after, '二队', '广州市越秀物业服务有限公司');
    ctx.db.prepare("INSERT INTO competition_prizes (competition_id, entrant_id, rank, total, prize) VALUES (?, ?, 1, '95/1', '一等奖')").run(after, first);
    const [m] = (await call(ctx, 'members.report', { year: '2024' })).members;
    expect(m).toMatchObject({ employer: '广州市越秀物业服务有限公司', competitionEntries: 2, awards: 1 });
  });
});
