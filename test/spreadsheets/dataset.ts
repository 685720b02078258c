// A small association's year, built through the contract: sessions of two occupations and
// levels, first attempts and a retake, employers whose names try formula injection, and every
// kind of result (scores at the pass mark, 缺考, 违纪, absent from every part, not yet keyed in).
import { call, createDB, makeIdNumber } from '../helpers';
import type { Ctx } from '../../services/shared/context';

export const INSTITUTION = '某市物业管理协会职业技能等级认定中心';
export const TRICKY_NAMES = ['=HYPERLINK("http://x","点我")', '+张三', '-李四', '@王五', '\t赵六'];

export interface Dataset {
  ctx: Ctx;
  file: string;
  sessions: { id: number; occupation: string; level: number; date: string }[];
}

export async function buildDataset(): Promise<Dataset> {
  const { ctx, file } = createDB();
  await call(ctx, 'settings.set', { key: 'institution.name', value: INSTITUTION });
  const plan = [
    { occupation: '物业管理师', level: 3, date: '2024-03-15', attempt: '正考' },
    { occupation: '物业管理师', level: 3, date: '2024-06-15', attempt: '正考' },
    { occupation: '物业管理师', level: 3, date: '2024-07-20', attempt: '补考' },
    { occupation: '物业管理师', level: 2, date: '2024-07-15', attempt: '正考' },
    { occupation: '保安员', level: 5, date: '2024-11-20', attempt: '正考' },
  ];
  const names = ['陈一', '林二', ...TRICKY_NAMES, '买买提·艾力', '欧阳娜娜'];
  const employers = ['甲物业服务有限公司', '=乙物业', '+丙物业', '@丁物业管理有限责任公司', null];
  const sessions: Dataset['sessions'] = [];
  let seq = 1;
  for (const [si, p] of plan.entries()) {
    const s = await call(ctx, 'sessions.create', p);
    sessions.push({ id: s.id, occupation: p.occupation, level: p.level, date: p.date });
    for (let i = 0; i < names.length; i++) {
      const idNumber = makeIdNumber('370101', `19${80 + (i % 15)}0${1 + (i % 9)}1${i % 9}`, seq++);
      await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber, name: names[i]!, employer: employers[(i + si) % employers.length] } });
      for (const [pi, part] of s.parts.entries()) {
        const k = (i * 7 + pi * 3 + si) % 9;
        if (i === 8 && si === 4) continue; // not yet keyed in: pending
        if (i === 3) await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: part.part, absent: true });
        else if (k === 0) await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: part.part, misconduct: true });
        else if (k === 1) await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: part.part, absent: true });
        else await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: part.part, score: k === 2 ? 60 : k === 3 ? 59.9 : 55 + k * 5 + 0.5 });
      }
    }
  }
  return { ctx, file, sessions };
}
