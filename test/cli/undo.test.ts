// Undoing mistakes before 定稿 from the command line: withdrawing an enrolment, correcting or
// deleting a session, and no 定稿 of an exam that has not been held yet.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber, runCli, tempDir } from '../helpers';
import { todayIso } from '../../services/shared/dates';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);

function desk() {
  const db = path.join(tempDir(), 'undo.sqlite');
  const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
  const text = (...args: string[]) => runCli([...args, '--db', db]);
  return { cli, text };
}
type Cli = ReturnType<typeof desk>['cli'];

function history(cli: Cli, entity: string, id: number | string) {
  return cli('audit', 'history', '--entity', entity, '--id', String(id)).json as { action: string; oldValue: any; newValue: any; reason: string | null }[];
}

/** Both parts scored for a person, so the session can be finalized. */
function score(cli: Cli, sid: string, idNumber: string) {
  for (const part of ['theory', 'skill']) expect(cli('result', 'set', '--session', sid, '--candidate', idNumber, '--part', part, '--score', '75').status).toBe(0);
}

describe('undoing mistakes before 定稿 on the command line', () => {
  it('withdraws a person from a session with a reason, recorded in the audit log, and refuses once the session is finalized', () => {
    const { cli } = desk();
    const sid = String(cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-06-15').json.id);
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', sid).status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', li, '--name', '李娜', '--session', sid).status).toBe(0);
    const enrolmentId = cli('enrolments', '--session', sid).json.find((e: { idNumber: string }) => e.idNumber === li).id;

    const noReason = cli('enrol', 'withdraw', '--session', sid, '--candidate', li);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stdout).toContain('--reason');

    const w = cli('enrol', 'withdraw', '--session', sid, '--candidate', li.toLowerCase(), '--reason', '报名重复');
    expect(w.status).toBe(0);
    expect(w.json).toMatchObject({ removed: enrolmentId, name: '李娜', idNumber: li });
    expect(cli('enrolments', '--session', sid).json.map((e: { idNumber: string }) => e.idNumber)).toEqual([zhang]);
    expect(cli('session', 'show', sid).json.summary).toMatchObject({ registered: 1 });
    expect(history(cli, 'enrolment', enrolmentId)).toContainEqual(
      expect.objectContaining({ action: 'delete', reason: '报名重复', oldValue: expect.objectContaining({ idNumber: li }) }),
    );
    expect(cli('enrol', 'withdraw', '--session', sid, '--candidate', li, '--reason', '报名重复').stdout).toContain('NOT_ENROLLED');

    score(cli, sid, zhang);
    expect(cli('session', 'finalize', sid).status).toBe(0);
    const late = cli('enrol', 'withdraw', '--session', sid, '--candidate', zhang, '--reason', '报名重复');
    expect(late.status).not.toBe(0);
    expect(late.stdout).toContain('SESSION_FINALIZED');
    expect(late.json.error.message).toContain('不能再把「张伟」移出');
    expect(cli('enrolments', '--session', sid).json).toHaveLength(1);
  });

  it('corrects a session’s name, date, venue and 工种 with old → new in the audit log, shows the venue, and refuses a bad date or a finalized session', () => {
    const { cli, text } = desk();
    const s = cli('session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-06-15').json;
    const sid = String(s.id);
    const u = cli('session', 'update', sid, '--name', '2024年物业管理师三级（成都）', '--date', '2024-06-16', '--venue', '成都市锦江区考点');
    expect(u.status).toBe(0);
    expect(u.json).toMatchObject({ name: '2024年物业管理师三级（成都）', examDate: '2024-06-16', venue: '成都市锦江区考点', specialty: null });
    const entry = history(cli, 'session', sid).find((h) => h.action === 'update');
    expect(entry?.oldValue).toEqual({ name: s.name, examDate: '2024-06-15', venue: null });
    expect(entry?.newValue).toEqual({ name: '2024年物业管理师三级（成都）', examDate: '2024-06-16', venue: '成都市锦江区考点' });
    expect(text('session', 'show', sid).stdout).toContain('地点：成都市锦江区考点');

    const badDate = cli('session', 'update', sid, '--date', '2024-02-30');
    expect(badDate.status).not.toBe(0);
    expect(badDate.stdout).toContain('DATE_INVALID');
    expect(cli('session', 'update', sid).stdout).toContain('--name');
    expect(cli('session', 'show', sid).json.examDate).toBe('2024-06-16');

    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', sid).status).toBe(0);
    score(cli, sid, zhang);
    expect(cli('session', 'finalize', sid).status).toBe(0);
    const late = cli('session', 'update', sid, '--venue', '别处');
    expect(late.status).not.toBe(0);
    expect(late.stdout).toContain('SESSION_FINALIZED');
    expect(cli('session', 'show', sid).json.venue).toBe('成都市锦江区考点');
  });

  it('checks a corrected 工种 against the occupation', () => {
    const { cli } = desk();
    const occ = (cli('occupations').json as { name: string; specialties: string[] }[]).find((o) => o.specialties.length > 0)!;
    const sid = String(cli('session', 'create', '--occupation', occ.name, '--level', String(3), '--date', '2024-06-15').json?.id ?? '');
    if (!sid) return expect.fail(`could not create a session of ${occ.name}`);
    const wrong = cli('session', 'update', sid, '--specialty', '不存在的工种');
    expect(wrong.stdout).toContain('SPECIALTY_UNKNOWN');
    expect(cli('session', 'update', sid, '--specialty', occ.specialties[0]!).json).toMatchObject({ specialty: occ.specialties[0] });
  });

  it('deletes a session nobody is enrolled in, audited, and refuses while someone is, saying how many', () => {
    const { cli } = desk();
    const sid = String(cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-06-15').json.id);
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', sid).status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', li, '--name', '李娜', '--session', sid).status).toBe(0);
    const refused = cli('session', 'delete', sid);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toContain('SESSION_NOT_EMPTY');
    expect(refused.stdout).toContain('2 名考生');
    expect(cli('session', 'show', sid).status).toBe(0);

    for (const id of [zhang, li]) expect(cli('enrol', 'withdraw', '--session', sid, '--candidate', id, '--reason', '建错批次').status).toBe(0);
    expect(cli('session', 'delete', sid).json).toEqual({ deleted: Number(sid) });
    expect(cli('session', 'show', sid).stdout).toContain('SESSION_NOT_FOUND');
    expect(cli('session', 'list').json).toEqual([]);
    expect(history(cli, 'session', sid).map((h) => h.action)).toEqual(['create', 'delete']);
  });

  it('refuses to finalize a session whose exam date is still ahead (SESSION_NOT_HELD), and finalizes it once the date is corrected', () => {
    const { cli } = desk();
    const next = new Date();
    next.setFullYear(next.getFullYear() + 1);
    const sid = String(cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', todayIso(next)).json.id);
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', sid).status).toBe(0);
    score(cli, sid, zhang);
    const early = cli('session', 'finalize', sid);
    expect(early.status).not.toBe(0);
    expect(early.stdout).toContain('SESSION_NOT_HELD');
    expect(cli('session', 'show', sid).json.status).not.toBe('finalized');

    expect(cli('session', 'update', sid, '--date', todayIso()).status).toBe(0);
    expect(cli('session', 'finalize', sid).json).toMatchObject({ status: 'finalized' });
  });
});
