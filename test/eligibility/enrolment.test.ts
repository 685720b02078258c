// 申报条件 at enrolment and for a whole session: reported always, refused when the administrator
// turns enforcement on, overridden only by an administrator with a reason (audited); a certificate
// CertDesk issued counts by itself, one issued elsewhere once recorded.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';
import type { Ctx } from '../../services/shared/context';

const zhao = makeIdNumber('440106', '19900315', 31);
const qian = makeIdNumber('510104', '19881122', 42);

function overrides(ctx: Ctx) {
  return ctx.db.prepare("SELECT operator, new_value AS newValue, reason FROM audit_log WHERE entity = 'enrolment' AND action = 'override-eligibility'").all() as {
    operator: string;
    newValue: string;
    reason: string;
  }[];
}

describe('申报条件 at enrolment', () => {
  it('reports but does not refuse while enforcement is off (the default)', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2024-06-01' });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: zhao, name: '赵磊' } });
    expect(await call(ctx, 'eligibility.check', { sessionId: s.id })).toEqual({
      candidates: [
        {
          idNumber: zhao,
          name: '赵磊',
          eligible: false,
          clause: null,
          reasons: ['（1）需从事本职业或相关职业工作满1年（没有参加工作时间的记录）', '（2）需核实：军队及武警部队退役义务兵（系统中没有可核对的记录，由管理员核实后强制报名）'],
        },
      ],
    });
  });

  it('refuses the day before the year is full and enrols on the day; an administrator overrides with a reason, audited', async () => {
    const { ctx, db } = createDB();
    await call(ctx, 'settings.set', { key: 'eligibility.enforce', value: 'yes' });
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2024-06-01' });
    await call(ctx, 'candidates.add', { idNumber: zhao, name: '赵磊' });
    await call(ctx, 'candidates.setBackground', { idNumber: zhao, workStartDate: '2023-06-02' });
    const refused = await callError(ctx, 'enrolments.add', { sessionId: s.id, idNumber: zhao });
    expect(refused.code).toBe('NOT_ELIGIBLE');
    expect(refused.message).toContain('需从事本职业或相关职业工作满1年（现11个月）');
    await call(ctx, 'candidates.setBackground', { idNumber: zhao, workStartDate: '2023-06' });
    expect((await call(ctx, 'enrolments.add', { sessionId: s.id, idNumber: zhao })).name).toBe('赵磊');
    expect((await call(ctx, 'eligibility.check', { sessionId: s.id })).candidates[0]).toMatchObject({ eligible: true, clause: '（1）累计从事本职业或相关职业工作1年（含）以上。' });

    await call({ db, operator: 'cli:officer' }, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    const admin: Ctx = { db, operator: 'wangfang', caller: 'page' };
    const clerk: Ctx = { db, operator: 'lisi', caller: 'page' };
    await call(admin, 'operators.add', { login: 'lisi', name: '李四', role: 'clerk', password: 'clerk-pass-1' });
    await call(clerk, 'candidates.add', { idNumber: qian, name: '钱进' });
    expect((await callError(clerk, 'enrolments.add', { sessionId: s.id, idNumber: qian })).code).toBe('NOT_ELIGIBLE');
    expect((await callError(clerk, 'enrolments.add', { sessionId: s.id, idNumber: qian, override: { reason: '退役义务兵' } })).code).toBe('ADMIN_REQUIRED');
    expect((await callError(admin, 'enrolments.add', { sessionId: s.id, idNumber: qian, override: { reason: ' ' } })).code).toBe('REASON_REQUIRED');
    expect(overrides(ctx)).toEqual([]);
    await call(admin, 'enrolments.add', { sessionId: s.id, idNumber: qian, override: { reason: '已核实退役证：退役义务兵' } });
    const [entry] = overrides(ctx);
    expect(entry).toMatchObject({ operator: 'wangfang', reason: '已核实退役证：退役义务兵' });
    expect(JSON.parse(entry!.newValue).reasons[0]).toContain('（1）需从事本职业或相关职业工作满1年');
  });

  it('counts a certificate CertDesk issued, and one issued elsewhere once recorded, from its date', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const zhang = PEOPLE.find((p) => p.name === '张伟')!;
    const { sessionId } = await finalizedSession(ctx, { occupation: '保安员', level: 5, people: [zhang], date: '2019-05-20' });
    await call(ctx, 'certificates.issue', { sessionId, date: '2019-06-15' });
    await call(ctx, 'settings.set', { key: 'eligibility.enforce', value: 'yes' });

    const early = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2023-06-14' });
    expect((await callError(ctx, 'enrolments.add', { sessionId: early.id, idNumber: zhang.idNumber })).message).toContain('需取得五级证书后满4年（现3年11个月）');
    const onTime = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2023-06-15' });
    await call(ctx, 'enrolments.add', { sessionId: onTime.id, idNumber: zhang.idNumber });

    await call(ctx, 'candidates.add', { idNumber: zhao, name: '赵磊' });
    expect((await callError(ctx, 'enrolments.add', { sessionId: onTime.id, idNumber: zhao })).message).toContain('需取得五级证书后满4年（没有该证书的记录）');
    const c = await call(ctx, 'credentials.add', { idNumber: zhao, occupation: '4-07-05-01', level: 5, date: '2019-03-01', number: 'S000044000123195000007', issuer: '某市保安协会' });
    expect(c).toMatchObject({ occupation: '保安员', occupationCode: '4-07-05-01', level: 5, date: '2019-03-01' });
    expect((await call(ctx, 'enrolments.add', { sessionId: onTime.id, idNumber: zhao })).name).toBe('赵磊');
    expect((await callError(ctx, 'credentials.add', { idNumber: zhao, occupation: '保安员', level: 5, date: '2019-03-01', number: 'S000044000123195000007' })).code).toBe('CREDENTIAL_EXISTS');
  });

  it('does not ask 申报条件 again of those a 补考 enrols: they were admitted to the session they sat', async () => {
    const { ctx } = createDB();
    const li = PEOPLE.find((p) => p.name === '李娜')!; // 59.9 in theory: fails
    const { sessionId } = await finalizedSession(ctx, { occupation: '保安员', level: 5, people: [li], date: '2024-05-20' });
    await call(ctx, 'settings.set', { key: 'eligibility.enforce', value: 'yes' });
    const r = await call(ctx, 'sessions.retake', { id: sessionId, date: '2024-09-20' });
    expect(r.enrolled).toBe(1);
    expect((await call(ctx, 'eligibility.check', { sessionId: r.id })).candidates[0]).toMatchObject({ name: '李娜', eligible: false });
  });

  it('lets an administrator add and remove a clause, audited', async () => {
    const { ctx, db } = createDB();
    const r = await call(ctx, 'eligibility.addClause', { occupation: '物业管理师', level: 4, label: '（1）', text: '累计从事本职业工作2年（含）以上。', conditions: [{ kind: 'work', years: 2 }], source: '省厅通知' });
    expect(r.clauses.map((c) => c.text)).toEqual(['累计从事本职业工作2年（含）以上。']);
    expect((await callError(ctx, 'eligibility.addClause', { occupation: '物业管理师', level: 4, label: '（2）', text: 'x', conditions: [{ kind: 'work', years: -1 }] })).code).toBe('CLAUSE_INVALID');
    expect((await call(ctx, 'eligibility.removeClause', { id: r.clauses[0]!.id })).clauses).toEqual([]);
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'occupation' AND entity_id = '4-06-01-01:4:申报条件' ORDER BY seq").all()).toEqual([{ action: 'create' }, { action: 'delete' }]);
  });
});
