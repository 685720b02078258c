// A refused roster row names the column to fix. The column comes from the refusal itself: every
// refusal of a person names the field it concerns in its details, which a form can use as well.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';
import { validateCandidate, type CandidateInput } from '../../services/candidates/candidates';
import { AppError } from '../../services/errors';

const id = (seq: number) => makeIdNumber('440106', '19900101', seq);

/** Each way a person is refused, the field it concerns, and the roster column it lands in. */
const REFUSALS: [string, CandidateInput, string, string][] = [
  ['an ID number with a wrong check character', { idNumber: id(1).slice(0, 17) + (id(1).endsWith('1') ? '2' : '1'), name: '张伟' }, 'idNumber', '身份证号码'],
  ['an unknown kind of ID', { idType: '驾驶证', idNumber: 'A12345', name: '张伟' }, 'idType', '证件类型'],
  ['no name', { idNumber: id(3), name: '' }, 'name', '姓名'],
  ['a gender the ID contradicts', { idNumber: id(5), name: '张伟', gender: '女' }, 'gender', '性别'],
  ['a birth date the ID contradicts', { idNumber: id(7), name: '张伟', birthDate: '1991-01-01' }, 'birthDate', '出生日期'],
  ['a phone number that is none', { idNumber: id(9), name: '张伟', phone: '12345' }, 'phone', '手机号码'],
  ['an education with a hidden character', { idNumber: id(11), name: '张伟', education: '大专\u202E' }, 'education', '文化程度'],
  ['an employer with a hidden character', { idNumber: id(13), name: '张伟', employer: '碧桂园\u2067物业' }, 'employer', '工作单位'],
];

function refusal(input: CandidateInput): AppError {
  try {
    validateCandidate(input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

describe('a refused person', () => {
  for (const [what, input, field] of REFUSALS) {
    it(`names the field in the refusal's details: ${what}`, () => {
      expect(refusal(input).details).toMatchObject({ field });
    });
  }
});

describe('a roster', () => {
  it('puts each refused row under the column its refusal names, and lands the rest', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const header = ['姓名', '证件类型', '身份证号码', '性别', '出生日期', '手机号码', '文化程度', '工作单位'];
    const row = (p: CandidateInput) => [p.name, p.idType ?? null, p.idNumber, p.gender ?? null, p.birthDate ?? null, p.phone ?? null, p.education ?? null, p.employer ?? null];
    const file = writeTemp(
      await buildWorkbook([{ rows: [header, row({ idNumber: id(15), name: '李娜' }), ...REFUSALS.map(([, input]) => row(input))], textColumns: ['C', 'E', 'F'] }]),
    );
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual(REFUSALS.map(([, , , column], i) => [i + 3, column]));
  });
});
