// 申报条件 from the command line: a person's history, a certificate from elsewhere, and the check
// of a whole session in the exact JSON shape scripts read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber, runCli, tempDir } from '../helpers';

const zhao = makeIdNumber('440106', '19900315', 31);
const qian = makeIdNumber('510104', '19881122', 42);

describe('certdesk eligibility check, credential add, candidate history', () => {
  it('reports each person as of the exam date and counts a recorded certificate', () => {
    const db = path.join(tempDir(), 'eligibility.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    const sid = String(cli('session', 'create', '--occupation', '保安员', '--level', '4', '--date', '2024-03-15').json.id);
    expect(cli('candidate', 'add', '--id-number', zhao, '--name', '赵磊', '--session', sid).status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', qian, '--name', '钱进', '--session', sid).status).toBe(0);
    const added = cli('credential', 'add', '--candidate', zhao, '--occupation', '4-07-05-01', '--level', '5', '--date', '2020-03-15', '--number', 'S000044000123205000001', '--issuer', '某市保安协会');
    expect(added.status).toBe(0);
    expect(cli('credential', 'add', '--candidate', qian, '--occupation', '保安员', '--level', '5', '--date', '2021-08-10').status).toBe(0);
    expect(cli('candidate', 'background', '--candidate', qian, '--work-start', '2015-03', '--education', '高中').json).toMatchObject({ workStartDate: '2015-03-01', education: '高中' });

    const check = cli('eligibility', 'check', '--session', sid);
    expect(check.status).toBe(0);
    expect(check.json).toEqual({
      candidates: [
        { idNumber: zhao, name: '赵磊', eligible: true, clause: '（1）取得本职业五级/初级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。', reasons: [] },
        { idNumber: qian, name: '钱进', eligible: false, clause: null, reasons: ['（1）需取得五级证书后满4年（现2年7个月）'] },
      ],
    });

    // Enforced: refused, then enrolled by the command line's own (administrator's) override, audited.
    expect(cli('settings', 'set', 'eligibility.enforce', 'yes').status).toBe(0);
    const later = String(cli('session', 'create', '--occupation', '保安员', '--level', '4', '--date', '2024-09-01').json.id);
    const refused = cli('enrol', '--session', later, '--candidate', qian);
    expect(refused.json.error.code).toBe('NOT_ELIGIBLE');
    const enrolled = cli('enrol', '--session', later, '--candidate', qian, '--override-reason', '省厅批复同意破格申报');
    expect(enrolled.status).toBe(0);
    const history = cli('audit', 'history', '--entity', 'enrolment', '--id', String(enrolled.json.id)).json as { action: string; reason: string | null }[];
    expect(history.find((h) => h.action === 'override-eligibility')?.reason).toBe('省厅批复同意破格申报');
  });

  it('lists the history a person is checked against: work, education and certificates recorded from elsewhere', () => {
    const db = path.join(tempDir(), 'background.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    expect(cli('candidate', 'add', '--id-number', zhao, '--name', '赵磊').status).toBe(0);
    expect(cli('credential', 'add', '--candidate', zhao, '--occupation', '4-07-05-01', '--level', '5', '--date', '2020-03-15', '--number', 'S000044000123205000001', '--issuer', '某市保安协会').status).toBe(0);
    expect(cli('credential', 'list', '--candidate', zhao).json).toEqual({
      idNumber: zhao,
      name: '赵磊',
      workStartDate: null,
      education: null,
      graduationDate: null,
      credentials: [{ id: 1, kind: 'certificate', occupation: '保安员', occupationCode: '4-07-05-01', level: 5, date: '2020-03-15', number: 'S000044000123205000001', issuer: '某市保安协会' }],
    });
    const table = runCli(['credential', 'list', '--candidate', zhao, '--db', db]).stdout;
    expect(table).toContain(`赵磊（${zhao}）参加工作时间 --，文化程度 --，毕业时间 --。`);
    expect(table).toContain('某市保安协会');
  }, 120_000);
});
