// 民族, 通讯地址 and 考生来源 are kept with the person, 认定分类 with each enrolment: typed, read
// from a 报名花名册, set from the command line (docs/exchange.md).
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import path from 'node:path';

const zhao = makeIdNumber('440106', '19900315', 31);
const qian = makeIdNumber('510104', '19881122', 42);
const sun = makeIdNumber('310101', '19950505', 44);

describe('the details the provincial platform asks of a person', () => {
  it('are stored as typed, 民族 in the standard name (回 → 回族, 11 → 满族), and a 民族 no list knows is refused beside its box', async () => {
    const { ctx } = createDB();
    const c = await call(ctx, 'candidates.add', { idNumber: zhao, name: '赵磊', ethnicity: '回', address: '广州市天河区体育西路 1 号', origin: '企业职工' });
    expect([c.ethnicity, c.address, c.origin]).toEqual(['回族', '广州市天河区体育西路 1 号', '企业职工']);
    const u = await call(ctx, 'candidates.update', { id: c.id, idNumber: zhao, name: '赵磊', ethnicity: '11', address: null, origin: '社会人员' });
    expect([u.ethnicity, u.address, u.origin]).toEqual(['满族', null, '社会人员']);
    const refused = await callError(ctx, 'candidates.update', { id: c.id, idNumber: zhao, name: '赵磊', ethnicity: '火星族' });
    expect(refused).toMatchObject({ code: 'ETHNICITY_UNKNOWN' });
    expect(refused.message).toContain('火星族');
    expect((await call(ctx, 'candidates.get', { id: c.id })).ethnicity).toBe('满族');
  });

  it('are read from a roster\'s 民族, 通讯地址, 考生来源 and 认定分类 columns; a 认定分类 that is neither 初次 nor 晋级 is refused naming its column', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['序号', '姓名', '身份证号码', '民族', '联系地址', '人员类别', '认定分类'],
            [1, '赵磊', zhao, '汉族', '广州市越秀区 2 号', '企业职工', '晋级'],
            [2, '钱进', qian, '壮', '', '院校学生', ''],
            [3, '孙明', sun, '汉族', '', '', '复审'],
          ],
          textColumns: ['C'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
    expect(r.rejected.map((x) => [x.row, x.column, x.message.slice(0, 12)])).toEqual([[4, '认定分类', '认定分类「复审」无法识别']]);
    expect(ctx.db.prepare('SELECT c.name, c.ethnicity, c.address, c.origin, e.recognition FROM candidates c JOIN enrolments e ON e.candidate_id = c.id ORDER BY c.id').all()).toEqual([
      { name: '赵磊', ethnicity: '汉族', address: '广州市越秀区 2 号', origin: '企业职工', recognition: 'promotion' },
      { name: '钱进', ethnicity: '壮族', address: null, origin: '院校学生', recognition: null },
    ]);
    // A known person's new details show in the preview as changes, as the other details do.
    const again = writeTemp(await buildWorkbook([{ rows: [['姓名', '身份证号码', '民族'], ['钱进', qian, '汉族']], textColumns: ['B'] }]));
    const preview = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: again }, dryRun: true });
    expect(preview.preview[0]!.changes).toEqual([{ field: 'ethnicity', label: '民族', old: '壮族', new: '汉族' }]);
  });
});

describe('认定分类 of an enrolment', () => {
  it('is 晋级 for a person holding a lower level of the same occupation, 初次 otherwise, and the officer can set it by hand and clear it again', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: zhao, name: '赵磊' } });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: qian, name: '钱进' } });
    await call(ctx, 'credentials.add', { idNumber: zhao, occupation: '保安员', level: 5, date: '2019-05-01' });
    // A higher level, or another occupation, does not make a promotion.
    await call(ctx, 'credentials.add', { idNumber: qian, occupation: '保安员', level: 3, date: '2019-05-01' });
    await call(ctx, 'credentials.add', { idNumber: qian, occupation: '保洁员', level: 5, date: '2019-05-01' });
    const { recognitionOf } = await import('../../services/sessions/recognition');
    const ids = ctx.db.prepare('SELECT id FROM enrolments ORDER BY id').all() as { id: number }[];
    expect(ids.map((e) => recognitionOf(ctx, e.id).label)).toEqual(['晋级', '初次']);
    const set = await call(ctx, 'enrolments.setRecognition', { sessionId: s.id, idNumber: qian, recognition: 'promotion' });
    expect([set.label, set.manual]).toEqual(['晋级', true]);
    const cleared = await call(ctx, 'enrolments.setRecognition', { sessionId: s.id, idNumber: qian, recognition: null });
    expect([cleared.label, cleared.manual]).toEqual(['初次', false]);
    expect(ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'enrolment' AND action = 'recognition'").get()).toEqual({ n: 2 });
  });
});

describe('the command line', () => {
  it('sets 民族, 考生来源 and 通讯地址 of a registered person, and 认定分类 of an enrolment', () => {
    const dir = tempDir();
    const db = ['--db', path.join(dir, 'c.sqlite')];
    expect(runCli([...db, 'session', 'create', '--occupation', '保安员', '--level', '4', '--date', '2024-03-15']).status).toBe(0);
    expect(runCli([...db, 'candidate', 'add', '--id-number', zhao, '--name', '赵磊', '--session', '1', '--ethnicity', '汉']).status).toBe(0);
    const set = runCli([...db, 'candidate', 'set', zhao, '--origin', '社会人员', '--address', '深圳市南山区 3 号']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('民族 汉族，考生来源 社会人员，通讯地址 深圳市南山区 3 号');
    const r = runCli([...db, 'enrolment', 'recognition', '--session', '1', '--candidate', zhao, '晋级']);
    expect(r.stdout).toContain('认定分类为 晋级（手工设置）');
    const bad = runCli([...db, 'enrolment', 'recognition', '--session', '1', '--candidate', zhao, '复审']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('初次、晋级 或 自动');
  }, 180_000);
});
