// The certdesk command line, run as a real subprocess the way officers' scripts and acceptance checks run it.
import path from 'node:path';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeIdNumber, ROOT, runCli, tempDir } from '../helpers';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);

describe('certdesk on the command line', () => {
  it('creates the database with init and accepts --db and --json before or after the command words', () => {
    const db = path.join(tempDir(), 'a.sqlite');
    const init = runCli(['--db', db, '--json', 'init']);
    expect(init.status).toBe(0);
    expect(init.json).toMatchObject({ schemaVersion: expect.any(Number) });
    const created = runCli(['session', 'create', '--occupation', '4-06-01-01', '--level', '3', '--date', '2024-06-15', '--db', db, '--json']);
    expect(created.status).toBe(0);
    expect(created.json).toMatchObject({ id: 1, name: '2024年上半年物业管理师（三级）职业技能等级认定', level: 3 });
    const list = runCli(['--db', db, '--json', 'session', 'list']);
    expect(list.json).toHaveLength(1);
    const show = runCli(['session', 'show', '1', '--json', '--db', db]);
    expect(show.json).toMatchObject({ id: 1, occupationCode: '4-06-01-01' });
  });

  it('takes the database from CERTDESK_DB when --db is not given', () => {
    const db = path.join(tempDir(), 'env.sqlite');
    expect(runCli(['init'], { CERTDESK_DB: db }).status).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
  });

  it('runs an officer’s session: candidates, results, the pass rate and finalize', () => {
    const db = path.join(tempDir(), 'day.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    expect(cli('settings', 'set', 'institution.name', '四川省物业管理协会').status).toBe(0);
    expect(cli('settings', 'list').json).toContainEqual(expect.objectContaining({ key: 'institution.name', value: '四川省物业管理协会' }));
    const s = cli('session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-06-15', '--attempt', '正考').json;
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--employer', '锦江物业').status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', li, '--name', '李娜').status).toBe(0);
    expect(cli('candidates', '--search', 'zw').json.items.map((c: { name: string }) => c.name)).toEqual(['张伟']);

    // Enrol through the contract's enrolment via result set requires enrolment; the CLI enrols with --session.
    expect(cli('enrol', '--session', String(s.id), '--candidate', zhang).status).toBe(0);
    expect(cli('enrol', '--session', String(s.id), '--candidate', li).status).toBe(0);

    expect(cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', 'theory', '--score', '60').status).toBe(0);
    expect(cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', '操作技能', '--score', '85.5').status).toBe(0);
    expect(cli('result', 'set', '--session', String(s.id), '--candidate', li, '--part', 'theory', '--absent').status).toBe(0);
    expect(cli('result', 'set', '--session', String(s.id), '--candidate', li, '--part', 'skill', '--absent').status).toBe(0);

    const r = cli('results', '--session', String(s.id));
    expect(r.status).toBe(0);
    expect(r.json.summary).toEqual(expect.objectContaining({ registered: 2, absent: 1, sat: 1, passed: 1, passRate: 1 }));
    const zw = r.json.candidates.find((c: { idNumber: string }) => c.idNumber === zhang);
    expect(zw).toMatchObject({ name: '张伟', gender: '男', employer: '锦江物业', outcome: 'pass' });
    expect(zw.parts).toEqual([
      expect.objectContaining({ part: 'theory', score: 60, status: 'scored' }),
      expect.objectContaining({ part: 'skill', score: 85.5, status: 'scored' }),
    ]);
    expect(r.json.candidates.find((c: { idNumber: string }) => c.idNumber === li)).toMatchObject({
      outcome: 'absent',
      parts: [expect.objectContaining({ status: 'absent', score: null }), expect.objectContaining({ status: 'absent', score: null })],
    });

    expect(cli('session', 'finalize', String(s.id)).json).toMatchObject({ status: 'finalized' });
  });

  it('sets how long a passed part is kept for a retake (results.retakeKeepMonths), and the retake rule follows it', () => {
    const db = path.join(tempDir(), 'keep.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    const first = cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-01-10').json;
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', String(first.id)).status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', li, '--name', '李娜', '--session', String(first.id)).status).toBe(0);
    for (const id of [zhang, li]) {
      expect(cli('result', 'set', '--session', String(first.id), '--candidate', id, '--part', 'theory', '--score', '80').status).toBe(0);
      expect(cli('result', 'set', '--session', String(first.id), '--candidate', id, '--part', 'skill', '--score', '40').status).toBe(0);
    }
    // Eight months later: within the default twelve, theory is kept for a retake.
    const autumn = cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-09-10', '--attempt', '补考').json;
    expect(cli('enrol', '--session', String(autumn.id), '--candidate', zhang).status).toBe(0);

    const set = cli('settings', 'set', 'results.retakeKeepMonths', '6');
    expect(set.stderr + set.stdout).not.toContain('SETTING_UNKNOWN');
    expect(set.status).toBe(0);
    expect(cli('settings', 'list').json).toContainEqual(expect.objectContaining({ key: 'results.retakeKeepMonths', value: '6' }));
    // Now six months: the same eight-month gap keeps nothing.
    const later = cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-09-11', '--attempt', '补考').json;
    expect(cli('enrol', '--session', String(later.id), '--candidate', li).status).toBe(0);

    const partsOf = (sessionId: number) => cli('results', '--session', String(sessionId)).json.candidates[0].parts.map((p: { part: string; status: string }) => `${p.part}:${p.status}`);
    expect(partsOf(autumn.id)).toEqual(['theory:carried']);
    expect(partsOf(later.id)).toEqual([]);
    expect(cli('settings', 'set', 'results.retakeKeepMonths', '两年').status).not.toBe(0);
  });

  it('takes a part by any wording the score-sheet import accepts (笔试, 实操成绩, 理论知识成绩) in result set and audit history', () => {
    const db = path.join(tempDir(), 'words.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    const s = cli('session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-06-15').json;
    expect(cli('candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', String(s.id)).status).toBe(0);

    const written = cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', '笔试', '--score', '72');
    expect(written.stdout).not.toContain('PART_UNKNOWN');
    expect(written.status).toBe(0);
    expect(cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', '实操成绩', '--score', '64').status).toBe(0);
    expect(cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', '理论知识成绩', '--score', '75').status).toBe(0);
    expect(cli('results', '--session', String(s.id)).json.candidates[0].parts).toEqual([
      expect.objectContaining({ part: 'theory', score: 75 }),
      expect.objectContaining({ part: 'skill', score: 64 }),
    ]);

    const history = cli('audit', 'history', '--session', String(s.id), '--candidate', zhang, '--part', '笔试');
    expect(history.stdout).not.toContain('PART_UNKNOWN');
    expect(history.status).toBe(0);
    expect(history.json.map((e: { newValue: { score: number } }) => e.newValue.score)).toEqual([72, 75]);

    const unknown = cli('result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', '口试', '--score', '80');
    expect(unknown.status).not.toBe(0);
    expect(unknown.json.error).toMatchObject({ code: 'PART_UNKNOWN', message: expect.stringContaining('理论知识（theory）') });
  });

  it('prints exactly one JSON error document and exits non-zero on a refused score', () => {
    const db = path.join(tempDir(), 'err.sqlite');
    const s = runCli(['session', 'create', '--occupation', '电工', '--level', '4', '--date', '2024-06-15', '--db', db, '--json']).json;
    runCli(['candidate', 'add', '--id-number', zhang, '--name', '张伟', '--session', String(s.id), '--db', db]);
    const bad = runCli(['result', 'set', '--session', String(s.id), '--candidate', zhang, '--part', 'theory', '--score', '105', '--db', db, '--json']);
    expect(bad.status).not.toBe(0);
    expect(bad.json).toEqual({ error: { code: 'SCORE_INVALID', message: expect.stringContaining('0 到 100') } });
    expect(bad.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('explains unknown commands and missing flags in Chinese, and prints readable tables without --json', () => {
    const db = path.join(tempDir(), 'help.sqlite');
    const unknown = runCli(['sesion', 'list', '--db', db, '--json']);
    expect(unknown.status).toBe(2);
    expect(unknown.json.error.message).toContain('certdesk help');
    const missing = runCli(['session', 'create', '--level', '3', '--db', db]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('--occupation');
    const table = runCli(['occupations', '--db', db]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('物业管理师');
    expect(table.stdout).toContain('4-06-01-01');
    const help = runCli(['help']);
    expect(help.stdout).toContain('certdesk session create');
  });

  it('refuses to open a database from a newer CertDesk with a clear message', () => {
    const db = path.join(tempDir(), 'newer.sqlite');
    runCli(['init', '--db', db]);
    const sqlite = spawn('sqlite3', [db, 'PRAGMA user_version = 999;']);
    return new Promise<void>((resolve) => {
      sqlite.on('close', () => {
        const r = runCli(['session', 'list', '--db', db, '--json']);
        expect(r.status).toBe(1);
        expect(r.json.error.code).toBe('DB_TOO_NEW');
        resolve();
      });
    });
  });

  it('serve prints one line with the full URL, token included, and answers on loopback only', async () => {
    const db = path.join(tempDir(), 'serve.sqlite');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), 'serve', '--json', '--db', db], { cwd: ROOT });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const u = new URL(url);
      const token = u.searchParams.get('token')!;
      const ok = await fetch(`${u.origin}/api/rpc/occupations.list`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { data: unknown[] }).data).toHaveLength(16);
      const refused = await fetch(`${u.origin}/api/rpc/occupations.list`, { method: 'POST', body: '{}' });
      expect(refused.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
