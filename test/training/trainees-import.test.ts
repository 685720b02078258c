// Enrolling a class from a 学员名册: registered people land, an unregistered one, a wrong name and
// a duplicate are refused row by row, and the file imported again enrols nobody twice.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);
const nobody = makeIdNumber('510104', '19850101', 33);

describe('training import trainees', () => {
  it('enrols the registered people a roster lists and refuses the rest, naming why', async () => {
    const { ctx } = createDB();
    const c = await call(ctx, 'training.create', { name: '保洁员培训班', from: '2026-04-01', to: '2026-04-30' });
    await call(ctx, 'candidates.add', { idNumber: wang, name: '王芳', employer: '广州市越秀物业服务有限公司' });
    await call(ctx, 'candidates.add', { idNumber: li, name: '李强' });
    const file = writeTemp(
      await buildWorkbook([{ textColumns: ['C'], rows: [['保洁员培训班学员名册'], ['序号', '姓名', '身份证号码', '工作单位'], [1, '王芳', wang, '越秀物业'], [2, '李刚', li, ''], [3, '赵敏', nobody, ''], [4, '王芳', wang, '']] }]),
      '学员名册.xlsx',
    );
    const r = await call(ctx, 'training.importTrainees', { classId: c.id, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual([
      [4, '姓名'],
      [5, '身份证号码'],
      [6, '身份证号码'],
    ]);
    expect(r.rejected[0]!.message).toContain('姓名「李刚」与证件号码');
    expect(r.rejected[1]!.message).toContain('不是已登记的考生，请先用报名花名册导入');
    expect(r.rejected[2]!.message).toContain(`与第3行是同一人（证件号码 ${wang}）`);
    const again = await call(ctx, 'training.importTrainees', { classId: c.id, file: { path: file } });
    expect(again.imported).toBe(0);
    const results = await call(ctx, 'training.results', { classId: c.id });
    expect(results.trainees.map((t) => [t.name, t.employer])).toEqual([['王芳', '广州市越秀物业服务有限公司']]);
  });
});
