// A name that hides or reorders what is printed — NUL or another control character, a bidi
// override (U+202E prints 张伟 as 伟张 and worse), a lone surrogate (a «�» on the certificate) —
// is refused where it enters: by the candidate services themselves, whoever calls them, and row by
// row in a roster, naming the column.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { addCandidate, getCandidate, updateCandidate } from '../../services/candidates/candidates';
import { correctIdentity } from '../../services/candidates/identity';
import { AppError } from '../../services/errors';

const id = (seq: number) => makeIdNumber('440106', '19900101', seq);

const BAD_NAMES: [string, string][] = [
  ['a NUL', '张\u0000伟'],
  ['a bell', '张\u0007伟'],
  ['a right-to-left override', '\u202E伟张'],
  ['a left-to-right isolate', '张\u2066伟'],
  ['a lone surrogate', '张\uD800伟'],
];

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

describe('the candidate services', () => {
  for (const [what, name] of BAD_NAMES) {
    it(`refuse a name with ${what}, naming the character`, () => {
      const { ctx } = createDB();
      const e = refusal(() => addCandidate(ctx, { idNumber: id(1), name }));
      expect(e.code).toBe('NAME_UNSAFE');
      expect(e.message).toMatch(/姓名.*U\+[0-9A-F]{4}/);
      expect(ctx.db.prepare('SELECT count(*) AS n FROM candidates').get()).toEqual({ n: 0 });
    });
  }

  it('refuse an employer or education with one, and the same in an edit or an identity correction', () => {
    const { ctx } = createDB();
    expect(refusal(() => addCandidate(ctx, { idNumber: id(1), name: '张伟', employer: '万科\u202E物业' })).code).toBe('EMPLOYER_UNSAFE');
    expect(refusal(() => addCandidate(ctx, { idNumber: id(1), name: '张伟', education: '大专\u0000' })).code).toBe('EDUCATION_UNSAFE');
    const c = addCandidate(ctx, { idNumber: id(1), name: '张伟' });
    expect(refusal(() => updateCandidate(ctx, c.id, { idNumber: id(1), name: '张\u202E伟' })).code).toBe('NAME_UNSAFE');
    expect(refusal(() => correctIdentity(ctx, { id: c.id, name: '张\uDC00', reason: '更正' })).code).toBe('NAME_UNSAFE');
    expect(getCandidate(ctx, c.id).name).toBe('张伟');
  });

  it('still take a minority name with its middle dot, and a foreign name with a space', () => {
    const { ctx } = createDB();
    expect(addCandidate(ctx, { idNumber: id(1), name: '买买提·艾力' }).name).toBe('买买提·艾力');
    expect(addCandidate(ctx, { idType: '护照', idNumber: 'E12345678', name: 'John Smith' }).name).toBe('John Smith');
  });
});

describe('a roster', () => {
  it('refuses each row holding such a character as a rejected row naming its column, and lands the rest', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    // Excel writes a character XML cannot hold as _xHHHH_; the reader turns it back.
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '身份证号码', '工作单位', '准考证号'],
            ['张伟', id(1), '万科物业', null],
            ['\u202E伟张', id(2), '万科物业', null],
            ['李_x0000_娜', id(3), '万科物业', null],
            ['王_xD800_五', id(4), '万科物业', null],
            ['赵六', id(5), '碧桂园\u2067物业', null],
            ['陈静', id(6), '万科物业', 'A_x0007_01'],
          ],
          textColumns: ['B'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual([
      [3, '姓名'],
      [4, '姓名'],
      [5, '姓名'],
      [6, '工作单位'],
      [7, '准考证号'],
    ]);
    for (const x of r.rejected) expect(x.message).toMatch(/U\+[0-9A-F]{4}/);
    expect((await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => e.name)).toEqual(['张伟']);
  });
});
