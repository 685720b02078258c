// Candidates (考生): one row per person and identity document.
import { AppError } from '../errors';
import { auditBatch, recordAudit, shapeJson } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { isIsoDate, nowIso } from '../shared/dates';
import { canonicalIdNumber, checkIdNumber, normaliseIdNumber, type Gender } from '../ids/idNumber';
import { ensureEmployer, normaliseEmployerName } from './employers';
import { nameInitials, nameReadings, normaliseName } from './names';
import { unsafeCharacter, unsafeTextError } from '../shared/text';
import { ethnicityName, ORIGINS } from '../vocabulary/people';
import { tidyText } from '../vocabulary/text';
import { assertIdentityEditable, identityChanges, identityLock, identityLockedError } from './identityLock';

export interface CandidateInput {
  idType?: string;
  idNumber: string;
  name: string;
  gender?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  education?: string | null;
  employer?: string | null;
  /** 民族, 通讯地址 and 考生来源: what the provincial platform's uploads ask (docs/exchange.md). */
  ethnicity?: string | null;
  address?: string | null;
  origin?: string | null;
}

export interface Candidate {
  id: number;
  idType: string;
  idNumber: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employer: string | null;
  ethnicity: string | null;
  address: string | null;
  origin: string | null;
  hasPhoto: boolean;
}

const SELECT_CANDIDATE = `
  SELECT c.id, c.id_type AS idType, c.id_number AS idNumber, c.name, c.gender, c.birth_date AS birthDate,
         c.phone, c.education, e.name AS employer,
         c.ethnicity, c.address, c.origin, (c.photo IS NOT NULL) AS hasPhoto
  FROM candidates c LEFT JOIN employers e ON e.id = c.employer_id`;

const INSERT_CANDIDATE = `INSERT INTO candidates (id_type, id_number, name, gender, birth_date, phone, education, employer_id, ethnicity, address, origin, name_initials, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPDATE_CANDIDATE = `UPDATE candidates SET id_type = ?, id_number = ?, name = ?, gender = ?, birth_date = ?, phone = ?, education = ?,
  employer_id = ?, ethnicity = ?, address = ?, origin = ?, name_initials = ?, updated_at = ? WHERE id = ?`;

function fromRow(r: Omit<Candidate, 'hasPhoto'> & { hasPhoto: number }): Candidate {
  return { ...r, hasPhoto: r.hasPhoto === 1 };
}

/** What validateCandidate returns: every value checked against the ID and normalised. */
export type CleanCandidate = Required<Omit<CandidateInput, 'employer'>> & { employer: string | null; gender: Gender | null };

/**
 * A candidate checked against their own ID: returns the clean values or throws one clear error,
 * whose details name the field it concerns ({ field: 'gender' }), so a roster puts it in that
 * field's column and a form beside that box.
 */
export function validateCandidate(input: CandidateInput): CleanCandidate {
  refuseUnsafeFields(input);
  const id = checkIdNumber(input.idNumber, input.idType || undefined);
  if (!id.ok) throw new AppError(id.code, id.message, { field: id.field });
  const name = normaliseName(input.name ?? '');
  if (!name) throw new AppError('NAME_EMPTY', '姓名为空，请填写考生姓名。', { field: 'name' });
  if (name.length > 50) throw new AppError('NAME_TOO_LONG', `姓名「${name}」超过 50 个字，请核对。`, { field: 'name' });
  const gender = input.gender ? input.gender.trim() : '';
  if (gender && gender !== '男' && gender !== '女') throw new AppError('GENDER_INVALID', `性别「${gender}」无法识别，请填写「男」或「女」。`, { field: 'gender' });
  if (gender && id.gender && gender !== id.gender) {
    throw new AppError('GENDER_MISMATCH', `性别填的是「${gender}」，但证件号码 ${id.idNumber} 表示「${id.gender}」。请核对性别或证件号码。`, { field: 'gender' });
  }
  const birthDate = input.birthDate ? input.birthDate.trim() : '';
  if (birthDate && !isIsoDate(birthDate)) throw new AppError('BIRTH_DATE_INVALID', `出生日期「${birthDate}」不是有效日期，请写成 YYYY-MM-DD。`, { field: 'birthDate' });
  // An old 永居证 number gives the birth year in two digits: a typed date of the other century is the truth.
  const otherCentury = id.birthCenturyGuessed === true && birthDate.slice(2) === id.birthDate?.slice(2);
  if (birthDate && id.birthDate && birthDate !== id.birthDate && !otherCentury) {
    throw new AppError('BIRTH_DATE_MISMATCH', `出生日期填的是 ${birthDate}，但证件号码 ${id.idNumber} 中是 ${id.birthDate}。请核对出生日期或证件号码。`, { field: 'birthDate' });
  }
  const phone = input.phone ? input.phone.replace(/[\s-]/g, '') : '';
  if (phone && !/^(1\d{10}|0\d{9,11})$/.test(phone)) {
    throw new AppError('PHONE_INVALID', `手机号码「${input.phone}」不对，应为 11 位手机号或带区号的固定电话。`, { field: 'phone' });
  }
  const ethnicityText = input.ethnicity ? tidyText(input.ethnicity) : '';
  const ethnicity = ethnicityText ? ethnicityName(ethnicityText) : null;
  if (ethnicityText && !ethnicity) {
    throw new AppError('ETHNICITY_UNKNOWN', `民族「${ethnicityText}」无法识别，请写民族名称（如 汉族、回族）或 GB/T 3304 的两位代码（如 01）。`, { field: 'ethnicity' });
  }
  const address = input.address ? tidyText(input.address) : '';
  if (address.length > 200) throw new AppError('ADDRESS_TOO_LONG', `通讯地址超过 200 个字，请精简后重新填写。`, { field: 'address' });
  const origin = input.origin ? tidyText(input.origin) : '';
  if (origin.length > 20) throw new AppError('ORIGIN_TOO_LONG', `考生来源「${origin}」超过 20 个字，请写类别名称，如 ${ORIGINS.slice(0, 3).join('、')}。`, { field: 'origin' });
  return {
    idType: id.idType,
    idNumber: id.idNumber,
    name,
    gender: (id.gender ?? (gender || null)) as Gender | null,
    birthDate: otherCentury ? birthDate : (id.birthDate ?? (birthDate || null)),
    phone: phone || null,
    education: input.education?.trim() || null,
    employer: input.employer ? normaliseEmployerName(input.employer) || null : null,
    ethnicity,
    address: address || null,
    origin: origin || null,
  } as never;
}

/**
 * Each text of a person checked for characters that hide or reorder what is printed (shared/text.ts):
 * a name with U+202E would print reversed on a certificate. The details name the field (a roster
 * names its column, rosterCheck.ts); the value itself is not repeated, since it would scramble the message.
 */
const UNSAFE_CODES: [keyof CandidateInput, string, string][] = [
  ['name', 'NAME_UNSAFE', '姓名'],
  ['idType', 'ID_TYPE_UNSAFE', '证件类型'],
  ['idNumber', 'ID_NUMBER_UNSAFE', '证件号码'],
  ['gender', 'GENDER_UNSAFE', '性别'],
  ['birthDate', 'BIRTH_DATE_UNSAFE', '出生日期'],
  ['phone', 'PHONE_UNSAFE', '联系电话'],
  ['education', 'EDUCATION_UNSAFE', '文化程度'],
  ['employer', 'EMPLOYER_UNSAFE', '工作单位'],
  ['ethnicity', 'ETHNICITY_UNSAFE', '民族'],
  ['address', 'ADDRESS_UNSAFE', '通讯地址'],
  ['origin', 'ORIGIN_UNSAFE', '考生来源'],
];

function refuseUnsafeFields(input: CandidateInput): void {
  for (const [field, code, label] of UNSAFE_CODES) {
    const value = input[field];
    const found = typeof value === 'string' ? unsafeCharacter(value) : null;
    if (found) throw unsafeTextError(code, label, found, field);
  }
}

export function getCandidate(ctx: Ctx, id: number): Candidate {
  const row = ctx.db.prepare(`${SELECT_CANDIDATE} WHERE c.id = ?`).get(id) as (Omit<Candidate, 'hasPhoto'> & { hasPhoto: number }) | undefined;
  if (!row) throw new AppError('CANDIDATE_NOT_FOUND', `找不到编号为 ${id} 的考生。`);
  return fromRow(row);
}

/** Nobody is registered under this id number: the one wording for every place that looks a person up by it. */
export function noCandidateWithIdNumber(idNumber: string): AppError {
  return new AppError('CANDIDATE_NOT_FOUND', `没有证件号码为 ${idNumber} 的考生，请核对号码；新考生请先登记。`);
}

/** Changing a person's id number onto one another person already holds: edit and correction say it alike. */
export function idNumberTaken(idNumber: string, holder: string): AppError {
  return new AppError('CANDIDATE_EXISTS', `证件号码 ${idNumber} 已属于考生「${holder}」，请核对。`);
}

/** Looks a person up by ID number alone (what officers type); an ambiguous number is an error. */
export function findCandidateByIdNumber(ctx: Ctx, rawIdNumber: string): Candidate | null {
  // Typed as an old 15-digit 身份证 number, it is looked up in the 18-digit form it is stored in.
  const typed = normaliseIdNumber(rawIdNumber);
  const rows = ctx.db.prepare(`${SELECT_CANDIDATE} WHERE c.id_number IN (?, ?)`).all(typed, canonicalIdNumber(typed)) as (Omit<Candidate, 'hasPhoto'> & {
    hasPhoto: number;
  })[];
  if (rows.length > 1) throw new AppError('CANDIDATE_AMBIGUOUS', `证件号码 ${rawIdNumber} 对应多名考生（证件类型不同），请同时指定证件类型。`);
  return rows[0] ? fromRow(rows[0]) : null;
}

export function addCandidate(ctx: Ctx, input: CandidateInput): Candidate {
  const c = validateCandidate(input);
  return inTransaction(ctx.db, () => {
    const existing = ctx.db.prepare('SELECT id, name FROM candidates WHERE id_type = ? AND id_number = ?').get(c.idType, c.idNumber) as
      | { id: number; name: string }
      | undefined;
    if (existing) {
      throw new AppError('CANDIDATE_EXISTS', `证件号码 ${c.idNumber} 已登记为考生「${existing.name}」，不能重复添加；如需修改请编辑该考生。`);
    }
    const employerId = ensureEmployer(ctx, c.employer);
    const now = nowIso();
    const id = Number(
      ctx.db
        .prepare(INSERT_CANDIDATE)
        .run(c.idType, c.idNumber, c.name, c.gender, c.birthDate, c.phone, c.education, employerId, c.ethnicity, c.address, c.origin, nameInitials(c.name), now, now).lastInsertRowid,
    );
    storeOtherReadings(ctx, id, c.name, false);
    const created = getCandidate(ctx, id);
    recordAudit(ctx, { entity: 'candidate', entityId: id, action: 'create', newValue: created });
    return created;
  });
}

export function updateCandidate(ctx: Ctx, id: number, input: CandidateInput): Candidate {
  const c = validateCandidate(input);
  return inTransaction(ctx.db, () => {
    const old = getCandidate(ctx, id);
    const clash = ctx.db.prepare('SELECT id, name FROM candidates WHERE id_type = ? AND id_number = ? AND id <> ?').get(c.idType, c.idNumber, id) as
      | { id: number; name: string }
      | undefined;
    if (clash) throw idNumberTaken(c.idNumber, clash.name);
    assertIdentityEditable(ctx, old, c);
    const employerId = ensureEmployer(ctx, c.employer);
    ctx.db
      .prepare(UPDATE_CANDIDATE)
      .run(c.idType, c.idNumber, c.name, c.gender, c.birthDate, c.phone, c.education, employerId, c.ethnicity, c.address, c.origin, nameInitials(c.name), nowIso(), id);
    if (old.name !== c.name) storeOtherReadings(ctx, id, c.name, true);
    const updated = getCandidate(ctx, id);
    recordAudit(ctx, { entity: 'candidate', entityId: id, action: 'update', oldValue: old, newValue: updated });
    return updated;
  });
}

/** Adds the person or, when the ID is already known, refreshes what the new record says. */
export function upsertCandidate(ctx: Ctx, input: CandidateInput): { candidate: Candidate; created: boolean } {
  const c = validateCandidate(input);
  const existing = ctx.db.prepare('SELECT id FROM candidates WHERE id_type = ? AND id_number = ?').get(c.idType, c.idNumber) as { id: number } | undefined;
  if (!existing) return { candidate: addCandidate(ctx, input), created: true };
  const old = getCandidate(ctx, existing.id);
  const merged = mergeKnown(c, old);
  return { candidate: merged ? updateCandidate(ctx, existing.id, merged) : old, created: false };
}

/** What a new record of a known person changes: a blank value keeps what is known; null when nothing changes. */
function mergeKnown(c: CleanCandidate, old: Candidate): CandidateInput | null {
  const merged: CandidateInput = {
    idType: c.idType,
    idNumber: c.idNumber,
    name: c.name,
    gender: c.gender ?? old.gender,
    birthDate: c.birthDate ?? old.birthDate,
    phone: c.phone ?? old.phone,
    education: c.education ?? old.education,
    employer: c.employer ?? old.employer,
    ethnicity: c.ethnicity ?? old.ethnicity,
    address: c.address ?? old.address,
    origin: c.origin ?? old.origin,
  };
  const same =
    merged.name === old.name &&
    merged.gender === old.gender &&
    merged.birthDate === old.birthDate &&
    merged.phone === old.phone &&
    merged.education === old.education &&
    merged.employer === old.employer &&
    merged.ethnicity === old.ethnicity &&
    merged.address === old.address &&
    merged.origin === old.origin;
  return same ? null : merged;
}

/**
 * upsertCandidate for a whole roster (one call per file, not per person), given what
 * validateCandidate returned for each person (the roster has already checked every row, and
 * refused the bad ones with their row and column): the same rows and audit entries as
 * upsertCandidate, but statements prepared once, no savepoint or read-back per person,
 * pinyin initials computed once per distinct name, and the audit chain carried in memory.
 * Employers new to the database are created (and audited) first. Runs in the caller's
 * transaction or its own. Returns, in input order, each person's id and whether they are new.
 */
export function upsertCandidates(
  ctx: Ctx,
  clean: readonly CleanCandidate[],
  /** Each name's readings (nameReadings), when the caller has worked them out already (a roster's checking thread). */
  readings?: readonly (readonly string[])[],
): { id: number; idType: string; idNumber: string; created: boolean; employerId: number | null }[] {
  return inTransaction(ctx.db, () => {
    // Employers are created (each with its own audit entry) before the batch opens; afterwards
    // ensureEmployer only ever finds an existing one (an update falls back to the person's old
    // employer, which exists), so it writes no audit entry in the middle of the batch.
    const employerIds = new Map<string, number | null>();
    const employerId = (name: string | null): number | null => {
      if (!name) return null;
      if (!employerIds.has(name)) employerIds.set(name, ensureEmployer(ctx, name));
      return employerIds.get(name)!;
    };
    for (const c of clean) employerId(c.employer);
    const audit = auditBatch(ctx);
    const readingsByName = new Map<string, readonly string[]>();
    const readingsOf = (name: string) => readingsByName.get(name) ?? (readingsByName.set(name, nameReadings(name)), readingsByName.get(name)!);
    const addReading = cachedStatement(ctx.db, 'INSERT OR IGNORE INTO candidate_initials (initials, candidate_id) VALUES (?, ?)');
    // Most people in a new roster are new: the insert itself finds out (its unique key), and the
    // full record is read only for a person already known.
    const insert = cachedStatement(ctx.db, `${INSERT_CANDIDATE} ON CONFLICT (id_type, id_number) DO NOTHING`);
    const find = cachedStatement(ctx.db, `${SELECT_CANDIDATE} WHERE c.id_type = ? AND c.id_number = ?`);
    const now = nowIso();
    const update = cachedStatement(ctx.db, UPDATE_CANDIDATE);
    const candidateJson = shapeJson<keyof Candidate>(['id', 'idType', 'idNumber', 'name', 'gender', 'birthDate', 'phone', 'education', 'employer', 'ethnicity', 'address', 'origin', 'hasPhoto']);
    return clean.map((c, i) => {
      const employer = employerId(c.employer);
      const [initials, ...others] = readings?.[i] ?? readingsOf(c.name);
      const inserted = insert.run(c.idType, c.idNumber, c.name, c.gender, c.birthDate, c.phone, c.education, employer, c.ethnicity, c.address, c.origin, initials, now, now);
      if (inserted.changes === 1) {
        const id = Number(inserted.lastInsertRowid);
        // What getCandidate would read back: the employer is stored under its normalised name, which c.employer already is.
        const created: Candidate = { id, idType: c.idType, idNumber: c.idNumber, name: c.name, gender: c.gender, birthDate: c.birthDate, phone: c.phone, education: c.education, employer: c.employer, ethnicity: c.ethnicity, address: c.address, origin: c.origin, hasPhoto: false };
        for (const r of others) addReading.run(r, id);
        audit({ entity: 'candidate', entityId: id, action: 'create', newValue: candidateJson(created) });
        return { id, idType: c.idType, idNumber: c.idNumber, created: true, employerId: employer };
      }
      const old = fromRow(find.get(c.idType, c.idNumber) as Omit<Candidate, 'hasPhoto'> & { hasPhoto: number });
      const merged = mergeKnown(c, old);
      if (!merged) return { id: old.id, idType: old.idType, idNumber: old.idNumber, created: false, employerId: employerId(old.employer) };
      const m = validateCandidate(merged);
      // The roster refuses such a row before it gets here (roster.ts); this is the last word.
      const changed = identityChanges(old, m);
      const lock = changed.length > 0 ? identityLock(ctx, old.id) : null;
      if (lock) throw identityLockedError(old, lock, changed);
      update.run(m.idType, m.idNumber, m.name, m.gender, m.birthDate, m.phone, m.education, employerId(m.employer), m.ethnicity, m.address, m.origin, readingsOf(m.name)[0]!, now, old.id);
      if (old.name !== m.name) storeOtherReadings(ctx, old.id, m.name, true);
      audit({ entity: 'candidate', entityId: old.id, action: 'update', oldValue: old, newValue: { ...old, ...m } });
      return { id: old.id, idType: old.idType, idNumber: old.idNumber, created: false, employerId: employerId(m.employer) };
    });
  });
}

/**
 * The readings of a name other than the one in name_initials (曾伟: cw beside zw), which search as you
 * type also finds (db/migrations/0011); `replace` first forgets those of the person's former name.
 * Most names have none, and cost one lookup in a per-character table.
 */
export function storeOtherReadings(ctx: Ctx, candidateId: number, name: string, replace: boolean): void {
  if (replace) cachedStatement(ctx.db, 'DELETE FROM candidate_initials WHERE candidate_id = ?').run(candidateId);
  const [, ...others] = nameReadings(name);
  const add = others.length > 0 ? cachedStatement(ctx.db, 'INSERT OR IGNORE INTO candidate_initials (initials, candidate_id) VALUES (?, ?)') : null;
  for (const r of others) add!.run(r, candidateId);
}

export function setCandidatePhoto(ctx: Ctx, id: number, photo: Buffer | null): Candidate {
  return inTransaction(ctx.db, () => {
    getCandidate(ctx, id);
    ctx.db.prepare('UPDATE candidates SET photo = ?, updated_at = ? WHERE id = ?').run(photo, nowIso(), id);
    recordAudit(ctx, { entity: 'candidate', entityId: id, action: photo ? 'photo.set' : 'photo.remove', newValue: photo ? { bytes: photo.length } : null });
    return getCandidate(ctx, id);
  });
}

export function getCandidatePhoto(ctx: Ctx, id: number): Buffer | null {
  const row = ctx.db.prepare('SELECT photo FROM candidates WHERE id = ?').get(id) as { photo: Buffer | null } | undefined;
  return row?.photo ?? null;
}

/**
 * Search as you type: pinyin initials (zw → 张伟), ID number prefix, name or employer.
 * Prefix searches are index range scans, so they stay fast on 100,000 candidates.
 */
export function searchCandidates(ctx: Ctx, query: string | undefined, limit = 50, offset = 0): { total: number | null; items: Candidate[] } {
  const q = (query ?? '').trim();
  if (!q) {
    const items = (ctx.db.prepare(`${SELECT_CANDIDATE} ORDER BY c.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as never[]).map(fromRow);
    const total = (ctx.db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
    return { total, items };
  }
  const upper = q.toUpperCase();
  const next = (s: string) => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);
  let rows: never[];
  if (/^[a-z]+$/i.test(q)) {
    const p = q.toLowerCase();
    // Every reading a person might type (docs/search.md): the stored one, and the others of names
    // with a character of several readings; both are index range scans.
    rows = ctx.db
      .prepare(
        `${SELECT_CANDIDATE} WHERE c.id IN (
           SELECT id FROM candidates WHERE name_initials >= ? AND name_initials < ?
           UNION SELECT candidate_id FROM candidate_initials WHERE initials >= ? AND initials < ?)
         ORDER BY c.name_initials, c.id LIMIT ? OFFSET ?`,
      )
      .all(p, next(p), p, next(p), limit, offset) as never[];
  } else if (/^\d[\dX]*$/.test(upper)) {
    rows = ctx.db
      .prepare(`${SELECT_CANDIDATE} WHERE c.id_number >= ? AND c.id_number < ? ORDER BY c.id_number LIMIT ? OFFSET ?`)
      .all(upper, next(upper), limit, offset) as never[];
  } else {
    // Exact name matches first, then every other name or employer containing the text, newest first.
    const exact = ctx.db.prepare(`${SELECT_CANDIDATE} WHERE c.name = ? ORDER BY c.id DESC LIMIT ? OFFSET ?`).all(q, limit, offset) as never[];
    const exactBefore = offset > 0 ? (ctx.db.prepare('SELECT count(*) AS n FROM candidates WHERE name = ?').get(q) as { n: number }).n : exact.length;
    const rest = exact.length < limit ? containing(ctx, q, limit - exact.length, Math.max(0, offset - exactBefore)) : [];
    rows = [...exact, ...rest];
  }
  return { total: null, items: rows.map(fromRow) };
}

/** How many of the newest candidates the quick pass of a text search looks at. */
const RECENT_WINDOW = 3_000;

/**
 * Candidates whose name or employer contains `q` (but whose name is not exactly `q`), newest first.
 * Common text (李, or the name of a big employer) fills the page from the newest 3,000 rows at
 * once. Rarer text reads just the names holding its rarest character (candidate_name_chars, db/migrations/0007); text
 * with Latin letters, which LIKE matches regardless of case, scans the narrow name index. Either
 * way only the matching ids are sorted: sorting every match in the table took 60–90 ms on 100,000
 * candidates.
 */
function containing(ctx: Ctx, q: string, limit: number, offset: number): never[] {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  const newest = (ctx.db.prepare('SELECT max(id) AS id FROM candidates').get() as { id: number | null }).id ?? 0;
  const recent = ctx.db
    .prepare(
      `${SELECT_CANDIDATE} WHERE c.id > ? AND (c.name LIKE ? ESCAPE '\\' OR c.employer_id IN (SELECT id FROM employers WHERE name LIKE ? ESCAPE '\\')) AND c.name <> ?
       ORDER BY c.id DESC LIMIT ? OFFSET ?`,
    )
    .all(newest - RECENT_WINDOW, like, like, q, limit, offset) as never[];
  if (recent.length === limit || newest <= RECENT_WINDOW) return recent;
  const rarest = /[A-Za-z]/.test(q) ? null : rarestCharacter(ctx, q);
  const byName =
    rarest === null
      ? `SELECT id FROM candidates INDEXED BY candidates_name WHERE name LIKE ? ESCAPE '\\' AND name <> ?`
      : `SELECT n.id FROM candidate_name_chars ch JOIN candidates n ON n.id = ch.candidate_id WHERE ch.ch = ? AND n.name LIKE ? ESCAPE '\\' AND n.name <> ?`;
  return ctx.db
    .prepare(
      `${SELECT_CANDIDATE} WHERE c.id IN (
         ${byName}
         UNION ALL
         SELECT id FROM candidates WHERE employer_id IN (SELECT id FROM employers WHERE name LIKE ? ESCAPE '\\') AND name <> ?)
       ORDER BY c.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...(rarest === null ? [] : [rarest]), like, q, like, q, limit, offset) as never[];
}

/** The character of `q` fewest names contain (李 is in 7,000 names, 秀 in far fewer). */
function rarestCharacter(ctx: Ctx, q: string): string | null {
  const count = ctx.db.prepare('SELECT count(*) AS n FROM candidate_name_chars WHERE ch = ?');
  let best: { ch: string; n: number } | null = null;
  for (const ch of new Set(q)) {
    const { n } = count.get(ch) as { n: number };
    if (!best || n < best.n) best = { ch, n };
  }
  return best?.ch ?? null;
}
