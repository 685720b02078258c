// The first, contract-level story: a roster and a score sheet come in through roster.import /
// scores.import and the CLI's import commands, with refusals by Excel row and column.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';

const zhang = makeIdNumber('370101', '19900305', 123);
const li = makeIdNumber('440101', '19851111', 224);

async function sessionWithRoster() {
  const { ctx, file } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  const roster = writeTemp(
    await buildWorkbook([
      {
        rows: [
          ['2024年上半年物业管理师（三级）报名花名册'],
          ['序号', '姓名', '性别', '身份证号码', '所在单位'],
          [1, '张三', '男', zhang, '甲物业公司'],
          [2, '李四', '女', li, '乙物业'],
          [],
          ['填表人：赵六', null, '审核人：钱七'],
        ],
        merges: ['A1:E1'],
      },
    ]),
  );
  return { ctx, dbFile: file, sessionId: s.id, roster };
}

describe('roster.import and scores.import', () => {
  it('previews a roster without writing, then enrols every accepted row in one go', async () => {
    const { ctx, sessionId, roster } = await sessionWithRoster();
    const preview = await call(ctx, 'roster.import', { sessionId, file: { path: roster }, dryRun: true });
    expect(preview).toMatchObject({ imported: 2, updated: 0, rejected: [], headerRow: 2 });
    expect(preview.preview.map((r) => [r.row, r.name, r.status])).toEqual([
      [3, '张三', 'new'],
      [4, '李四', 'new'],
    ]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);

    const done = await call(ctx, 'roster.import', { sessionId, file: { path: roster } });
    expect(done.imported).toBe(2);
    const enrolled = await call(ctx, 'enrolments.list', { sessionId });
    expect(enrolled.map((e) => [e.name, e.idNumber, e.employer])).toEqual([
      ['张三', zhang, '甲物业公司'],
      ['李四', li, '乙物业'],
    ]);
  });

  it('counts a roster imported twice as updated, not as new enrolments', async () => {
    const { ctx, sessionId, roster } = await sessionWithRoster();
    await call(ctx, 'roster.import', { sessionId, file: { path: roster } });
    const again = await call(ctx, 'roster.import', { sessionId, file: { path: roster } });
    expect([again.imported, again.updated]).toEqual([0, 2]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(2);
  });

  it('writes part results from a score sheet with a merged 考核成绩 header and refuses strangers', async () => {
    const { ctx, sessionId, roster } = await sessionWithRoster();
    await call(ctx, 'roster.import', { sessionId, file: { path: roster } });
    const stranger = makeIdNumber('370101', '19900305', 125);
    const scores = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['成绩单'],
            ['序号', '姓名', '证件号码', '考核成绩', null, '结果'],
            [null, null, null, '理论知识', '操作技能', null],
            [1, '张三', zhang, 85.5, '缺考'],
            [2, '李四', li, 60, 72],
            [3, '王五', stranger, 60, 70],
          ],
          merges: ['D2:E2', 'A2:A3', 'B2:B3', 'C2:C3', 'F2:F3'],
        },
      ]),
    );
    const r = await call(ctx, 'scores.import', { sessionId, file: { path: scores } });
    expect(r.imported).toBe(2);
    expect(r.rejected).toEqual([{ row: 6, column: '证件号码', message: expect.stringContaining('没有报名本批次') }]);
    const results = await call(ctx, 'results.get', { sessionId });
    expect(results.candidates.map((c) => [c.name, c.outcome, c.parts.map((p) => p.status === 'scored' ? p.score : p.status)])).toEqual([
      ['张三', 'fail', [85.5, 'absent']],
      ['李四', 'pass', [60, 72]],
    ]);
  });

  it('refuses a roster for a finalized session before reading it', async () => {
    const { ctx, sessionId, roster } = await sessionWithRoster();
    await call(ctx, 'roster.import', { sessionId, file: { path: roster } });
    for (const idNumber of [zhang, li]) {
      for (const part of ['theory', 'skill']) await call(ctx, 'results.set', { sessionId, idNumber, part, score: 80 });
    }
    await call(ctx, 'sessions.finalize', { id: sessionId });
    expect((await callError(ctx, 'roster.import', { sessionId, file: { path: roster } })).code).toBe('SESSION_FINALIZED');
  });
});

describe('certdesk import (CLI contract)', () => {
  it('prints exactly {imported, updated, rejected} with Excel row numbers', async () => {
    const { dbFile, sessionId } = await sessionWithRoster();
    const bad = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '证件号码', '性别'],
            ['张三', zhang, '男'],
            ['王五', 370101199003051235, '男'],
            ['李四', li, '男'],
          ],
        },
      ]),
    );
    const dry = runCli(['import', 'roster', bad, '--session', String(sessionId), '--dry-run', '--db', dbFile, '--json']);
    expect(dry.status).toBe(0);
    expect(Object.keys(dry.json)).toEqual(['imported', 'updated', 'rejected']);
    expect(dry.json.imported).toBe(1);
    expect(dry.json.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [3, '证件号码'],
      [4, '性别'],
    ]);
    const real = runCli(['--db', dbFile, '--json', 'import', 'roster', bad, '--session', String(sessionId)]);
    expect(real.json.imported).toBe(1);
    const missing = runCli(['import', 'roster', '/nonexistent/x.xlsx', '--session', String(sessionId), '--db', dbFile, '--json']);
    expect(missing.status).not.toBe(0);
    expect(missing.json.error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('certdesk import --map and export from the command line', () => {
  it('maps a column by hand with --map, refuses a --map it cannot read, and writes exports where --out says', async () => {
    const { dbFile, sessionId } = await sessionWithRoster();
    const file = writeTemp(await buildWorkbook([{ rows: [['学员', '身份识别码'], ['王五', makeIdNumber('370101', '19900305', 125)]] }]));
    const mapped = runCli(['import', 'roster', file, '--session', String(sessionId), '--map', 'A=name', '--map', 'B=idNumber', '--db', dbFile, '--json']);
    expect(mapped.json).toEqual({ imported: 1, updated: 0, rejected: [] });
    const bad = runCli(['import', 'roster', file, '--session', String(sessionId), '--map', 'B:idNumber', '--db', dbFile, '--json']);
    expect([bad.status, bad.json.error.code]).toEqual([2, 'USAGE']);
    const out = runCli(['export', 'report', '--format', 'csv', '--out', '/nonexistent-folder/r.csv', '--db', dbFile, '--json']);
    expect([out.status, out.json.error.code]).toEqual([1, 'EXPORT_FOLDER_MISSING']);
  });
});

describe('admission numbers (准考证号) from a roster', () => {
  it('keeps the numbers typed in the file and numbers the other rows around them', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const prefix = `2024${String(s.id).padStart(4, '0')}`;
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '证件号码', '准考证号'],
            ['张三', zhang, null],
            ['李四', li, `${prefix}0001`],
            ['王五', makeIdNumber('370101', '19900305', 125), null],
          ],
          textColumns: ['C'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
    expect(r.rejected).toEqual([]);
    const numbers = (await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => [e.name, e.admissionNumber]);
    expect(numbers).toEqual([
      ['李四', `${prefix}0001`],
      ['张三', `${prefix}0002`],
      ['王五', `${prefix}0003`],
    ]);
  });

  it('goes on past seat 9999 instead of handing out a number twice', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const prefix = `2024${String(s.id).padStart(4, '0')}`;
    const first = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码', '准考证号'], ['张三', zhang, `${prefix}9999`]], textColumns: ['C'] }]));
    await call(ctx, 'roster.import', { sessionId: s.id, file: { path: first } });
    const second = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码'], ['李四', li]] }]));
    await call(ctx, 'roster.import', { sessionId: s.id, file: { path: second } });
    const numbers = (await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => e.admissionNumber).sort();
    expect(numbers).toEqual([`${prefix}10000`, `${prefix}9999`]);
  });
});

describe('the progress of a long import', () => {
  it('runs off the main thread: answers spreadsheets.progress through reading, checking and writing, and says when it is done or failed', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const rows = Array.from({ length: 6000 }, (_, i) => [`考生${i}`, makeIdNumber(String(110101 + Math.floor(i / 1000)), '19900305', i % 1000)]);
    const file = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码'], ...rows] }]));
    let finished = false;
    const running = call(ctx, 'roster.import', { sessionId: s.id, file: { path: file }, progressId: 'p1' }).finally(() => (finished = true));
    // The window polls while the import runs. Checking and writing are one synchronous stretch
    // each: only an import in another thread leaves this one free to see them.
    const seen = new Set<string>();
    while (!finished) {
      const p = await call(ctx, 'spreadsheets.progress', { progressId: 'p1' });
      if (p) seen.add(p.phase);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['reading', 'writing']));
    const r = await running;
    expect(r.imported).toBe(6000);
    expect(await call(ctx, 'spreadsheets.progress', { progressId: 'p1' })).toEqual({ phase: 'done', done: 6000, total: 6000 });
    // What the worker's connection committed, this one reads.
    expect((await call(ctx, 'enrolments.list', { sessionId: s.id })).length).toBe(6000);

    const failing = call(ctx, 'roster.import', { sessionId: s.id, file: { path: writeTemp(Buffer.from('not a workbook')) }, progressId: 'p2' }).catch((e) => e);
    expect((await failing).code).toBe('FILE_NOT_XLSX');
    expect(await call(ctx, 'spreadsheets.progress', { progressId: 'p2' })).toMatchObject({ phase: 'failed' });
    expect(await call(ctx, 'spreadsheets.progress', { progressId: 'unknown' })).toBeNull();
  });
});

describe('a file lands whole or not at all', () => {
  it('leaves no candidate, enrolment or audit entry behind when the database refuses a row halfway through', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const before = (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    // The disk fills up (or any write fails) at the third person: SQLite aborts that statement.
    ctx.db.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON candidates WHEN (SELECT count(*) FROM candidates) >= 2
                 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const rows = [1, 3, 5, 7].map((seq) => [`考生${seq}`, makeIdNumber('370101', '19900305', seq)]);
    const file = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码'], ...rows] }]));
    const e = await callError(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
    expect(e.code).toBe('INTERNAL');
    const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('candidates'), count('enrolments'), count('audit_log')]).toEqual([0, 0, before]);
  });
});
