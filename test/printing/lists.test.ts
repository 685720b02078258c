// A session's exam-day paper as PDFs, read back with poppler as a person would read the paper
// (docs/cli.md § Printing).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { configureInstitution, finalizedSession, INSTITUTION, PEOPLE, portraitPng } from '../certificates/fixtures';
import { pdfPages, wordBoxes } from '../certificates/poppler';
import { safeFileName } from '../../services/printing/fileName';
import type { Ctx } from '../../services/shared/context';

const compact = (s: string) => s.replace(/\s+/g, '');

async function office() {
  const env = createDB();
  await configureInstitution(env.ctx);
  const s = await finalizedSession(env.ctx, { finalize: false });
  await call(env.ctx, 'sessions.update', { id: s.sessionId, venue: '广州市天河区天河路 100 号 3 楼 301 考场' });
  const session = await call(env.ctx, 'sessions.get', { id: s.sessionId });
  const people = await call(env.ctx, 'enrolments.list', { sessionId: s.sessionId });
  return { ...env, sessionId: s.sessionId, session, people, dir: tempDir() };
}

/** A session of many, to see the page breaks. */
async function bigSession(ctx: Ctx, n: number): Promise<number> {
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 4, date: '2024-11-20', venue: '第二考场' });
  for (let i = 0; i < n; i++) {
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: makeIdNumber('440106', '19900101', 300 + i), name: `考生${String(i + 1).padStart(3, '0')}号` } });
  }
  return s.id;
}

async function printTo(ctx: Ctx, sessionId: number, kind: 'admission-list' | 'sign-in' | 'tickets' | 'score-sheet', dir: string) {
  const out = path.join(dir, `${kind}.pdf`);
  const r = await call(ctx, 'sessions.print', { sessionId, kind, out });
  expect(r).toMatchObject({ path: out });
  return { r, pages: pdfPages(out).map(compact) };
}

describe('session lists as PDFs', () => {
  it('准考证号名单: every candidate with the 准考证号, name, ID number and employer, under the session name, date and venue', async () => {
    const o = await office();
    const { r, pages } = await printTo(o.ctx, o.sessionId, 'admission-list', o.dir);
    expect(r).toMatchObject({ pages: 1, candidates: 5 });
    const text = pages[0]!;
    for (const heading of ['准考证号名单', compact(o.session.name), '2024年6月15日', compact('广州市天河区天河路 100 号 3 楼 301 考场'), INSTITUTION, '序号准考证号姓名性别证件号码工作单位', '第1页共1页']) {
      expect(text).toContain(heading);
    }
    for (const p of o.people) expect(text).toContain(`${p.admissionNumber}${p.name}`);
    for (const p of PEOPLE) expect(text).toContain(p.idNumber);
    expect(text).toContain('万科物业服务有限公司');
  });

  it('签到表: a signature column, the header row and the session head repeated on every page, pages numbered', async () => {
    const env = createDB();
    await configureInstitution(env.ctx);
    const id = await bigSession(env.ctx, 120);
    const session = await call(env.ctx, 'sessions.get', { id });
    const { r, pages } = await printTo(env.ctx, id, 'sign-in', tempDir());
    expect(r.candidates).toBe(120);
    expect(pages.length).toBeGreaterThan(4);
    expect(r.pages).toBe(pages.length);
    let seen = 0;
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('考生签到表');
      expect(text).toContain(compact(session.name));
      expect(text).toContain('考试地点：第二考场');
      expect(text).toContain('序号准考证号姓名证件号码考生签名备注');
      expect(text).toContain(`第${i + 1}页共${pages.length}页`);
      const names = text.match(/考生\d{3}号/g) ?? [];
      // Every person exactly once, in order, across the page breaks.
      names.forEach((n) => expect(n).toBe(`考生${String(++seen).padStart(3, '0')}号`));
    });
    expect(seen).toBe(120);
  });

  it('准考证: one ticket per candidate, two to a sheet, with the photo, the session, occupation, level, date, venue and the notes', async () => {
    const o = await office();
    const { r, pages } = await printTo(o.ctx, o.sessionId, 'tickets', o.dir);
    expect(r).toMatchObject({ pages: 3, candidates: 5 });
    const tickets = pages.flatMap((p) => p.split('职业技能等级认定准考证').slice(1));
    expect(tickets).toHaveLength(5);
    o.people.forEach((p, i) => {
      const t = tickets[i]!;
      for (const v of [p.name, p.idNumber, p.admissionNumber, '物业管理师', '三级/高级工', compact(o.session.name), '2024年6月15日', compact('广州市天河区天河路 100 号 3 楼 301 考场'), '考场须知', '有效身份证件']) {
        expect(t, `ticket ${i + 1}`).toContain(compact(v));
      }
    });
    // 王堃 has no photo: his ticket keeps a box to glue one in; the others carry theirs.
    expect(tickets[o.people.findIndex((p) => p.name === '王堃')]).toContain('照片粘贴处');
    expect(tickets.filter((t) => t.includes('照片粘贴处'))).toHaveLength(1);
  });

  it('成绩登记表: one row per candidate, one column per part, blank for the examiners, with their signature line', async () => {
    const o = await office();
    const { pages } = await printTo(o.ctx, o.sessionId, 'score-sheet', o.dir);
    const text = pages[0]!;
    expect(text).toContain('成绩登记表');
    expect(text).toContain('序号准考证号姓名证件号码理论知识操作技能备注');
    expect(text).toContain('评分人（签名）');
    expect(text).toContain('复核人（签名）');
    for (const p of o.people) expect(text).toContain(`${p.admissionNumber}${p.name}${p.idNumber}`);
    // Blank: none of the scores keyed in shows.
    expect(text).not.toContain('86.5');
  });

  it('rows of the sign-in sheet and the score sheet are tall enough to write in (at least 10 mm)', async () => {
    const env = createDB();
    const id = await bigSession(env.ctx, 3);
    for (const kind of ['sign-in', 'score-sheet'] as const) {
      const out = path.join(tempDir(), `${kind}.pdf`);
      await call(env.ctx, 'sessions.print', { sessionId: id, kind, out });
      const [first, second] = ['考生001号', '考生002号'].map((w) => wordBoxes(out).find((b) => b.text === w)!.yMin);
      expect(second! - first!, kind).toBeGreaterThanOrEqual(10 * (72 / 25.4));
    }
  });

  it('names the file after the session and the kind, safe for any file system', async () => {
    const env = createDB();
    const s = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15', name: '2024/06 第1批: "物业"<三级>' });
    await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: PEOPLE[0]!.idNumber, name: PEOPLE[0]!.name } });
    const r = await call(env.ctx, 'sessions.print', { sessionId: s.id, kind: 'sign-in' });
    if (!('base64' in r)) throw new Error('expected bytes');
    expect(r.name).toBe('2024_06 第1批_ _物业__三级_-签到表.pdf');
    const file = path.join(tempDir(), r.name);
    fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
    expect(compact(pdfPages(file)[0]!)).toContain(PEOPLE[0]!.name);
    for (const [kind, label] of [['admission-list', '准考证号名单'], ['tickets', '准考证'], ['score-sheet', '成绩登记表']] as const) {
      const x = await call(env.ctx, 'sessions.print', { sessionId: s.id, kind });
      expect('name' in x && x.name).toBe(`2024_06 第1批_ _物业__三级_-${label}.pdf`);
    }
    expect(safeFileName('a. ')).toBe('a.pdf');
    expect(safeFileName('CON')).toBe('_CON.pdf');
    expect(Buffer.byteLength(safeFileName('长'.repeat(200)))).toBeLessThanOrEqual(240);
  });

  it('refuses an empty session in words, and a name the font cannot draw, before writing anything', async () => {
    const env = createDB();
    const s = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const out = path.join(tempDir(), 'x.pdf');
    const e = await callError(env.ctx, 'sessions.print', { sessionId: s.id, kind: 'sign-in', out });
    expect(e.code).toBe('PRINT_SESSION_EMPTY');
    expect(e.message).toContain('还没有报名考生');
    expect(e.message).toContain('签到表');
    expect(fs.existsSync(out)).toBe(false);
    // U+30EDE is in no font we bundle.
    await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: PEOPLE[0]!.idNumber, name: '王\u{30EDE}' } });
    const f = await callError(env.ctx, 'sessions.print', { sessionId: s.id, kind: 'tickets', out });
    expect(f.code).toBe('CERT_FONT_MISSING_CHAR');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('certdesk session print', () => {
  it('writes each list to --out and refuses a missing kind, an unknown kind and an empty session', async () => {
    const env = createDB();
    await configureInstitution(env.ctx);
    const { sessionId } = await finalizedSession(env.ctx, { finalize: false });
    const empty = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const photoOf = await call(env.ctx, 'enrolments.list', { sessionId });
    await call(env.ctx, 'candidates.setPhoto', { id: photoOf[3]!.candidateId, base64: portraitPng(1).toString('base64') });
    env.db.close();
    const db = ['--db', env.file];
    const dir = tempDir();
    for (const kind of ['sign-in', 'tickets']) {
      const out = path.join(dir, `${kind}.pdf`);
      const r = runCli(['session', 'print', String(sessionId), '--kind', kind, '--out', out, ...db]);
      expect(r.stderr).toBe('');
      expect(r.status, kind).toBe(0);
      expect(r.stdout).toContain('已生成');
      expect(compact(pdfPages(out).join(''))).toContain('欧阳淑芬');
    }
    const json = runCli(['--json', 'session', 'print', String(sessionId), '--kind', 'score-sheet', '--out', path.join(dir, 't.pdf'), ...db]);
    expect(json.json).toMatchObject({ pages: 1, candidates: 5 });

    const noKind = runCli(['session', 'print', String(sessionId), '--out', path.join(dir, 'a.pdf'), ...db]);
    expect(noKind.status).not.toBe(0);
    expect(noKind.stderr).toContain('--kind');
    const badKind = runCli(['session', 'print', String(sessionId), '--kind', 'roster', '--out', path.join(dir, 'a.pdf'), ...db]);
    expect(badKind.status).not.toBe(0);
    expect(badKind.stderr).toContain('sign-in');
    const noOut = runCli(['session', 'print', String(sessionId), '--kind', 'sign-in', ...db]);
    expect(noOut.status).not.toBe(0);
    expect(noOut.stderr).toContain('--out');
    const none = runCli(['session', 'print', String(empty.id), '--kind', 'sign-in', '--out', path.join(dir, 'b.pdf'), ...db]);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('还没有报名考生');
    expect(fs.existsSync(path.join(dir, 'b.pdf'))).toBe(false);
  }, 180_000);
});
