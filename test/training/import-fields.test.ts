// The hand mapping (列对应) of the window's 导入签到表 and 导入学员名单 offers the fields those
// imports read, marking the ones a file must have, as it does for the roster.
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';

describe('spreadsheets.fields for the training imports', () => {
  it('lists a 签到表’s and a 学员名单’s fields, 姓名 and 证件号码 required', async () => {
    const { ctx } = createDB();
    const attendance = await call(ctx, 'spreadsheets.fields', { kind: 'trainingAttendance' });
    expect(attendance.filter((f) => f.required).map((f) => f.field)).toEqual(['name', 'idNumber']);
    expect(attendance.map((f) => f.title)).toEqual(expect.arrayContaining(['上课日期', '考勤', '分钟', '学时']));
    const trainees = await call(ctx, 'spreadsheets.fields', { kind: 'trainingTrainees' });
    expect(trainees.filter((f) => f.required).map((f) => f.title)).toEqual(['姓名', '证件号码']);
    expect(trainees.map((f) => f.field)).not.toContain('status');
  });
});
