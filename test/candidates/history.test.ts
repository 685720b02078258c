// A candidate's page: one query gives every enrolment with its parts (保留 for a carried part),
// the outcome, and every certificate with what became of it.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli } from '../helpers';
import { configureInstitution } from '../certificates/fixtures';

const li = makeIdNumber('510104', '19881122', 42);
const zhang = makeIdNumber('440106', '19900315', 31);

/** 李娜 fails skill in June, passes the 补考 in December with theory carried, is certified, and the certificate is voided and reissued. */
async function liNaStory() {
  const { ctx, db, file } = createDB();
  await configureInstitution(ctx);
  const june = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15', venue: '天河考点' });
  await call(ctx, 'enrolments.add', { sessionId: june.id, candidate: { idNumber: li, name: '李娜', employer: '广州市天河物业服务有限公司' } });
  await call(ctx, 'enrolments.add', { sessionId: june.id, candidate: { idNumber: zhang, name: '张伟' } });
  await call(ctx, 'results.set', { sessionId: june.id, idNumber: li, part: 'theory', score: 72 });
  await call(ctx, 'results.set', { sessionId: june.id, idNumber: li, part: 'skill', score: 40 });
  await call(ctx, 'results.set', { sessionId: june.id, idNumber: zhang, part: 'theory', score: 80 });
  await call(ctx, 'results.set', { sessionId: june.id, idNumber: zhang, part: 'skill', score: 80 });
  await call(ctx, 'sessions.finalize', { id: june.id });
  const retake = await call(ctx, 'sessions.retake', { id: june.id, date: '2024-12-01' });
  await call(ctx, 'results.set', { sessionId: retake.id, idNumber: li, part: 'skill', score: 66 });
  await call(ctx, 'sessions.finalize', { id: retake.id });
  await call(ctx, 'certificates.issue', { sessionId: retake.id, date: '2024-12-20' });
  const [first] = await call(ctx, 'certificates.list', { sessionId: retake.id });
  await call(ctx, 'certificates.reissue', { number: first!.number, reason: '证书遗失', date: '2025-01-10' });
  return { ctx, db, file, june, retake, firstNumber: first!.number };
}

describe('candidates.history', () => {
  it('gives every enrolment newest first with 准考证号, each part (保留 with its source), the outcome, and every certificate', async () => {
    const { ctx, june, retake, firstNumber } = await liNaStory();
    const person = (await call(ctx, 'candidates.search', { query: li })).items[0]!;
    const h = await call(ctx, 'candidates.history', { id: person.id });
    expect(h.candidate).toMatchObject({ name: '李娜', idNumber: li, employer: '广州市天河物业服务有限公司' });
    expect(h.enrolments.map((e) => [e.sessionId, e.attempt, e.outcome])).toEqual([
      [retake.id, 'retake', 'pass'],
      [june.id, 'first', 'fail'],
    ]);
    const [late, early] = h.enrolments;
    expect(early).toMatchObject({ examDate: '2024-06-15', venue: '天河考点', occupationName: '物业管理师', level: 3, levelLabel: '三级/高级工', sessionStatus: 'finalized' });
    expect(early!.admissionNumber).toMatch(/\d/);
    expect(early!.parts.map((p) => [p.part, p.status, p.score])).toEqual([
      ['theory', 'scored', 72],
      ['skill', 'scored', 40],
    ]);
    expect(late!.parts[0]).toMatchObject({ part: 'theory', status: 'carried', score: 72, carriedFrom: { sessionId: june.id } });
    expect(late!.parts[1]).toMatchObject({ part: 'skill', status: 'scored', score: 66 });
    // The reissue is the valid one; the first is voided and says by which number it was replaced.
    expect(h.certificates.map((c) => c.state)).toEqual(['valid', 'reissued']);
    expect(h.certificates[0]).toMatchObject({ replacesNumber: firstNumber, issueDate: '2025-01-10', levelLabel: '三级/高级工' });
    expect(h.certificates[1]).toMatchObject({ number: firstNumber, replacedByNumber: h.certificates[0]!.number, voidReason: expect.stringContaining('遗失') });
  });

  it('shows a part not keyed in yet as pending, and a person with no enrolment or certificate as empty lists', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-06-15' });
    const e = await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: zhang, name: '张伟' } });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: zhang, part: 'theory', score: 61 });
    const h = await call(ctx, 'candidates.history', { id: e.candidateId });
    expect(h.enrolments[0]!.outcome).toBe('pending');
    expect(h.enrolments[0]!.parts.map((p) => p.status)).toEqual(['scored', 'pending']);
    const loner = await call(ctx, 'candidates.add', { idNumber: li, name: '李娜' });
    expect(await call(ctx, 'candidates.history', { id: loner.id })).toMatchObject({ enrolments: [], certificates: [] });
    expect(await callError(ctx, 'candidates.history', { id: 9999 })).toMatchObject({ code: 'CANDIDATE_NOT_FOUND' });
  });

  it('certdesk candidate show IDNUMBER prints the record, as JSON with --json, and names an unknown ID number', async () => {
    const { db, file, firstNumber } = await liNaStory();
    db.close();
    const json = runCli(['candidate', 'show', li.toLowerCase(), '--db', file, '--json']);
    expect(json.status).toBe(0);
    expect(json.json.enrolments).toHaveLength(2);
    expect(json.json.enrolments[0].parts[0]).toMatchObject({ status: 'carried' });
    const text = runCli(['candidate', 'show', li, '--db', file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('保留');
    expect(text.stdout).toContain(`补发为`);
    expect(text.stdout).toContain(firstNumber);
    const unknown = runCli(['candidate', 'show', makeIdNumber('110105', '19491231', 2), '--db', file]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr + unknown.stdout).toContain('CANDIDATE_NOT_FOUND');
  });
});
