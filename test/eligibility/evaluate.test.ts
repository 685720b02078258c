// Each shipped 申报条件 clause at its boundary day: met on the day the years are full
// (「满N年（含）」), not the day before.
import { describe, expect, it } from 'vitest';
import { addYears, educationRank, elapsed, evaluate, type Clause, type History } from '../../services/eligibility/evaluate';

const none: History = { workStartDate: null, education: null, graduationDate: null, certificates: [], trainings: [] };
const at = (examDate: string) => ({ occupationCode: '4-07-05-01', examDate });
const clause = (conditions: Clause['conditions'], label = '（1）'): Clause => ({ id: 1, label, text: '…', conditions });

describe('counting years as the standards do', () => {
  it('is met on the anniversary itself and not the day before; 29 February counts from the 28th', () => {
    expect(addYears('2020-03-15', 4)).toBe('2024-03-15');
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(elapsed('2021-08-10', '2024-03-15')).toBe('2年7个月');
    expect(elapsed('2024-03-01', '2024-03-15')).toBe('0个月');
  });

  it('ranks 文化程度 as rosters write it', () => {
    expect(educationRank('大学本科')).toBeGreaterThan(educationRank('大专'));
    expect(educationRank('中专')).toBe(educationRank('高中'));
    expect(educationRank('硕士研究生')).toBeGreaterThan(educationRank('本科'));
    expect(educationRank('不详')).toBe(-1);
  });
});

describe('保安员 五级 (1): 累计从事本职业或相关职业工作1年（含）以上', () => {
  const c = [clause([{ kind: 'work', years: 1 }])];
  it('the day before one year is up, refused with how long it has been; on the day, met', () => {
    const h = { ...none, workStartDate: '2023-06-01' };
    expect(evaluate(c, h, at('2024-05-31'))).toEqual({ eligible: false, clause: null, clauseId: null, reasons: ['（1）需从事本职业或相关职业工作满1年（现11个月）'] });
    expect(evaluate(c, h, at('2024-06-01'))).toMatchObject({ eligible: true, clause: '（1）…', clauseId: 1 });
  });
  it('without a 参加工作时间 says so', () => {
    expect(evaluate(c, none, at('2024-06-01')).reasons).toEqual(['（1）需从事本职业或相关职业工作满1年（没有参加工作时间的记录）']);
  });
});

describe('保安员 四级 (1): 取得本职业五级证书后满4年（含）', () => {
  const c = [clause([{ kind: 'certificate', level: 5, years: 4, related: [] }])];
  const h = { ...none, certificates: [{ occupationCode: '4-07-05-01', level: 5, date: '2020-03-15' }] };
  it('the day before and the day of the fourth anniversary', () => {
    expect(evaluate(c, h, at('2024-03-14')).reasons).toEqual(['（1）需取得五级证书后满4年（现3年11个月）']);
    expect(evaluate(c, h, at('2024-03-15')).eligible).toBe(true);
  });
  it('a higher level counts; another occupation only when listed as related', () => {
    expect(evaluate(c, { ...none, certificates: [{ occupationCode: '4-07-05-01', level: 4, date: '2019-01-01' }] }, at('2024-03-15')).eligible).toBe(true);
    const other = { ...none, certificates: [{ occupationCode: '4-07-05-02', level: 5, date: '2019-01-01' }] };
    expect(evaluate(c, other, at('2024-03-15')).eligible).toBe(false);
    expect(evaluate([clause([{ kind: 'certificate', level: 5, years: 4, related: ['4-07-05-02'] }])], other, at('2024-03-15')).eligible).toBe(true);
  });
});

describe('物业管理师 二级: alternatives, each a set of conditions', () => {
  const pm = (examDate: string) => ({ occupationCode: '4-06-01-01', examDate });
  const clauses: Clause[] = [
    { id: 1, label: '（1）', text: 'a', conditions: [{ kind: 'certificate', level: 3, years: 4 }] },
    { id: 2, label: '（1）之二', text: 'b', conditions: [{ kind: 'certificate', level: 3, years: 2 }, { kind: 'training', level: 2 }] },
    { id: 3, label: '（3）', text: 'c', conditions: [{ kind: 'certificate', level: 3, years: 0 }, { kind: 'education', min: '本科' }, { kind: 'work', years: 2 }] },
    { id: 4, label: '（4）', text: 'd', conditions: [{ kind: 'education', min: '硕士' }] },
  ];
  const cert = { occupationCode: '4-06-01-01', level: 3, date: '2021-08-10' };

  it('names every clause that is not met, and why', () => {
    expect(evaluate(clauses, { ...none, certificates: [cert] }, pm('2024-03-15')).reasons).toEqual([
      '（1）需取得三级证书后满4年（现2年7个月）',
      '（1）之二需取得本职业二级正规培训结业证书（没有记录）',
      '（3）需本科及以上学历（没有文化程度的记录）；需从事本职业或相关职业工作满2年（没有参加工作时间的记录）',
      '（4）需硕士及以上学历（没有文化程度的记录）',
    ]);
  });
  it('（1）之二: two years after 三级 with training — the day before and the day of', () => {
    const h = { ...none, certificates: [cert], trainings: [{ occupationCode: '4-06-01-01', level: 2, date: '2023-06-01' }] };
    expect(evaluate(clauses, h, pm('2023-08-09')).eligible).toBe(false);
    expect(evaluate(clauses, h, pm('2023-08-10'))).toMatchObject({ eligible: true, clauseId: 2 });
  });
  it('（3）: 本科 with 三级 and two years of work — the day before and the day of', () => {
    const h = { ...none, certificates: [cert], education: '大学本科', workStartDate: '2022-07-01' };
    expect(evaluate(clauses, h, pm('2024-06-30')).eligible).toBe(false);
    expect(evaluate(clauses, h, pm('2024-07-01'))).toMatchObject({ eligible: true, clauseId: 3 });
  });
  it('（4）: a 硕士 alone', () => {
    expect(evaluate(clauses, { ...none, education: '硕士研究生' }, pm('2024-07-01'))).toMatchObject({ eligible: true, clauseId: 4 });
  });
  it('a certificate taken after the exam date does not count', () => {
    expect(evaluate([clauses[0]!], { ...none, certificates: [{ ...cert, date: '2025-01-01' }] }, pm('2024-07-01')).eligible).toBe(false);
  });
});

describe('a level without clauses', () => {
  it('has nothing to check', () => {
    expect(evaluate([], none, at('2024-01-01'))).toEqual({ eligible: true, clause: null, clauseId: null, reasons: [] });
  });
});
