import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../services/errors';
import { call, callError, createDB, makeIdNumber, runCli } from '../helpers';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['services', 'api', 'cli', 'db', 'electron'];
/** An error code: upper case words joined by underscores (USAGE, INTERNAL, DB_BUSY …). */
const CODE = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})'/g;

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) out.push(p);
    }
  };
  for (const f of FOLDERS) walk(path.join(ROOT, f));
  return out;
}

/** Every literal error code the source raises, with the files that raise it. */
function raisedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (code: string, file: string) => {
    const rel = path.relative(ROOT, file);
    const files = found.get(code) ?? [];
    if (!files.includes(rel)) files.push(rel);
    found.set(code, files);
  };
  for (const file of sources()) {
    if (file.endsWith(path.join('services', 'errors.ts'))) continue; // the catalogue itself
    const s = fs.readFileSync(file, 'utf8');
    // new AppError('X', …) / new DbError('X', …), the first argument possibly a choice between codes.
    for (const m of s.matchAll(/(?:new (?:AppError|DbError)|unsafeTextError)\(\s*([^,]*),/g)) for (const c of m[1]!.matchAll(CODE)) add(c[1]!, file);
    // refuse('X', …) in the workbook reader, refuse(res, 403, 'X', …) in the HTTP transport.
    for (const m of s.matchAll(/\brefuse\((?:[^'`()]*?,\s*)?'([A-Z][A-Z0-9_]+)'/g)) add(m[1]!, file);
    // { code: 'X', message } bodies (dispatch, IPC, CLI usage, id-number checks, import rows).
    for (const m of s.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) add(m[1]!, file);
    // Tables of [field, code, label], such as the *_UNSAFE codes of candidates.ts.
    for (const m of s.matchAll(/\[\s*'[a-zA-Z]+'\s*,\s*'([A-Z][A-Z0-9_]+)'/g)) add(m[1]!, file);
  }
  // toErrorBody in services/errors.ts turns SQLite's busy and full errors into these.
  add('DB_BUSY', path.join(ROOT, 'services/errors.ts'));
  add('DISK_FULL', path.join(ROOT, 'services/errors.ts'));
  add('INTERNAL', path.join(ROOT, 'services/errors.ts'));
  return found;
}

describe('the catalogue of error codes', () => {
  const raised = raisedCodes();

  it('finds the codes it knows are raised (the scan works)', () => {
    for (const code of ['USAGE', 'NAME_UNSAFE', 'EMPLOYER_UNSAFE', 'HOST_REFUSED', 'IPC_SENDER_REFUSED', 'FILE_ENCRYPTED', 'SERVE_FAILED', 'ID_CHECK_CHAR']) {
      expect(raised.has(code), code).toBe(true);
    }
  });

  it('lists every code the source raises', () => {
    const missing = [...raised].filter(([code]) => !Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code)).map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(missing, `codes raised but missing from ERROR_CATALOGUE in services/errors.ts: ${missing.join('; ')}`).toEqual([]);
  });

  it('has no entry nobody raises', () => {
    const dead = Object.keys(ERROR_CATALOGUE).filter((code) => !raised.has(code));
    expect(dead, `catalogue entries no source raises (remove them): ${dead.join(', ')}`).toEqual([]);
  });

  it('names the same field as the details of every site that names one', () => {
    const wrong: string[] = [];
    for (const file of sources()) {
      const s = fs.readFileSync(file, 'utf8');
      for (const m of s.matchAll(/new AppError\(\s*'([A-Z][A-Z0-9_]+)'[^;]*?\{ field: '([a-zA-Z]+)' \}\)/g)) {
        const entry = ERROR_CATALOGUE[m[1]!];
        if (entry?.field !== m[2]) wrong.push(`${m[1]} names ${m[2]} in ${path.relative(ROOT, file)}, catalogue says ${entry?.field ?? 'no field'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('one wording per situation', () => {
  it('says a date is not a date the same way whichever date of which form it is', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-06-15' });
    const wrong = [
      await callError(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-02-30' }),
      await callError(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-06-15', endDate: '2024-13-01' }),
      await callError(ctx, 'certificates.issue', { sessionId: s.id, date: '2024/07/01' }),
    ];
    expect(wrong.map((e) => e.code)).toEqual(['DATE_INVALID', 'DATE_INVALID', 'DATE_INVALID']);
    expect(wrong.map((e) => e.message)).toEqual([
      '考试日期「2024-02-30」不是有效日期，请写成 YYYY-MM-DD，如 2024-06-15。',
      '结束日期「2024-13-01」不是有效日期，请写成 YYYY-MM-DD，如 2024-06-15。',
      '发证日期「2024/07/01」不是有效日期，请写成 YYYY-MM-DD，如 2024-06-15。',
    ]);
  });

  it('says nobody holds an id number the same way for enrolling by it and for correcting a person', async () => {
    const { ctx, file } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-06-15' });
    const nobody = makeIdNumber('110105', '19800101', 7);
    const wording = `没有证件号码为 ${nobody} 的考生，请核对号码；新考生请先登记。`;
    expect(await callError(ctx, 'enrolments.add', { sessionId: s.id, idNumber: nobody })).toEqual({ code: 'CANDIDATE_NOT_FOUND', message: wording });
    const cli = runCli(['candidate', 'correct-identity', nobody, '--name', '张三', '--reason', '核对', '--db', file]);
    expect(cli.stderr).toContain(wording);
  });
});
