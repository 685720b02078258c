// Importing a 报名花名册: every accepted row becomes (or refreshes) a candidate and is enrolled in
// the session, all in one transaction; refused rows are listed with their row, column and a fix.
import { openDatabase, type DB } from '../../db/database';
import { cachedStatement, type Ctx } from '../shared/context';
import { deferUpkeep } from '../shared/upkeep';
import { runInWorker } from '../shared/worker';
import { importBudget } from './importBudget';
import { upsertCandidates } from '../candidates/candidates';
import { enrolMany } from '../sessions/enrolments';
import { assertSessionWritable, type Session } from '../sessions/sessions';
import { identityChanges, identityLock, IDENTITY_LABELS, type Identity, type IdentityField } from '../candidates/identityLock';
import { columnTitle, type SheetLayout } from './reader';
import { ROSTER_FIELDS } from './fields';
import type { Rejection } from './values';
import { rememberedMappings, rememberMapping, type ColumnMapping } from './mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportPeople, type ImportResult } from './importResult';
import { IMPORT_CACHE_SIZE, type ImportInput } from './importRun';
import { withProgress } from './progress';
import { RosterCheck, type Accepted } from './rosterCheck';
import { personKey } from './personRows';
import { ATTEMPT_LABELS } from '../vocabulary/words';
import { priorQualification } from '../sessions/certified';
import { clausesFor, eligibilityEnforced, historyOf } from '../eligibility/eligibility';
import { evaluate, type History } from '../eligibility/evaluate';
import { hasHistory, storeRowHistory, withRow } from '../eligibility/rosterHistory';
import { findOccupation } from '../occupations/occupations';
import { LEVEL_SHORT } from '../vocabulary/words';
import { RECOGNITIONS, type Recognition } from '../vocabulary/people';
import { recordAudit } from '../audit/audit';

/** 申报条件 of one accepted row: the person's history on file with what the row adds, as of the exam date. */
function rowVerdict(ctx: Ctx, session: Session, clauses: ReturnType<typeof clausesFor>, a: Accepted, occupation: ReturnType<typeof occupationLookup>) {
  const c = a.candidate;
  const known = cachedStatement(ctx.db, 'SELECT id FROM candidates WHERE id_type = ? AND id_number = ?').get(c.idType, c.idNumber) as { id: number } | undefined;
  const stored: History = known ? historyOf(ctx, known.id) : { workStartDate: null, education: null, graduationDate: null, certificates: [], trainings: [] };
  const h = withRow({ ...stored, education: c.education ?? stored.education }, a.history, (name) => occupation(name)?.code ?? null);
  return evaluate(clauses, h, { occupationCode: session.occupationCode, examDate: session.examDate });
}

/** An occupation named in a roster's 原职业 column, or null when the catalogue does not know it; one lookup per name. */
function occupationLookup(ctx: Ctx): (name: string) => { id: number; code: string } | null {
  const seen = new Map<string, { id: number; code: string } | null>();
  return (name) => {
    if (!seen.has(name)) {
      try {
        seen.set(name, findOccupation(ctx, name));
      } catch {
        seen.set(name, null);
      }
    }
    return seen.get(name)!;
  };
}

export interface RosterPreviewRow {
  row: number;
  name: string;
  gender: string | null;
  idType: string;
  idNumber: string;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employer: string | null;
  attempt: string;
  /** 申报条件 not met, as of the exam date (docs/eligibility.md): the reasons, or null when met or the level has none. */
  eligibility: string | null;
  /** new: a new person; known: already a candidate, enrolled now; enrolled: already in this session, details refreshed. */
  status: 'new' | 'known' | 'enrolled';
  /** For a known person, each detail this row changes: what is on file → what the row says. */
  changes: RosterChange[];
  /** Worth a second look, never a refusal: an old 15-digit ID number upgraded, a region code no list knows (docs/identity.md). */
  notes: string[];
}

export interface RosterChange {
  field: 'name' | 'gender' | 'birthDate' | 'phone' | 'education' | 'employer' | 'ethnicity' | 'address' | 'origin';
  /** The field's title (姓名, 联系电话 …). */
  label: string;
  old: string | null;
  new: string | null;
}

export type RosterImportResult = ImportResult<RosterPreviewRow> & { people: ImportPeople };

const CHANGEABLE: RosterChange['field'][] = ['name', 'gender', 'birthDate', 'phone', 'education', 'employer', 'ethnicity', 'address', 'origin'];
const FIELD_LABELS = Object.fromEntries(ROSTER_FIELDS.map((f) => [f.field, f.title])) as Record<string, string>;

type OnFile = Record<RosterChange['field'], string | null> & { idType: string; idNumber: string };

/**
 * What a row changes of a person on file: as the write merges it (candidates.ts mergeKnown), a
 * blank cell keeps what is known, so only a filled cell that differs is a change.
 */
function changesOf(c: Accepted['candidate'], old: OnFile): RosterChange[] {
  const out: RosterChange[] = [];
  for (const field of CHANGEABLE) {
    const next = field === 'name' ? c.name : (c[field] ?? old[field]);
    if (next !== old[field]) out.push({ field, label: FIELD_LABELS[field] ?? field, old: old[field], new: next });
  }
  return out;
}

/** The people already in the session: personKey → their 准考证号. */
function enrolledIn(ctx: Ctx, sessionId: number): Map<string, string> {
  const rows = ctx.db
    .prepare('SELECT c.id_type AS idType, c.id_number AS idNumber, e.admission_number AS admissionNumber FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.session_id = ?')
    .all(sessionId) as { idType: string; idNumber: string; admissionNumber: string }[];
  return new Map(rows.map((r) => [personKey(r), r.admissionNumber]));
}

/**
 * A roster may refresh a known person's phone or employer, but not who they are once a
 * certificate or a finalized result rests on it (candidates/identityLock.ts): such a row is
 * refused with its row and column instead of renaming the person. Asked of the database as it
 * stood before the file, on the thread that writes, before the preview counts a row or the write
 * lands it.
 *
 * Nor may it enrol a known person who already passed this occupation, level and 工种 or holds a
 * valid certificate for it (sessions/certified.ts): that row is refused too, naming the session
 * or certificate; only an administrator enrolling by hand may override it.
 */
class IdentityGuard {
  private readonly refused: { row: number; name: string; field: IdentityField; message: string; code?: string }[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly session: Session,
    private readonly enrolled: ReadonlyMap<string, string>,
  ) {}

  /** The rows that may land; the others are kept for `allRejected`. */
  keep(batch: readonly Accepted[]): readonly Accepted[] {
    // One statement per batch finds the people of the batch whose identity is fixed: a roster of
    // 100,000 rows costs an index probe per row inside SQLite, not a statement per row.
    const fixed = cachedStatement(
      this.ctx.db,
      `SELECT c.id, c.name, c.id_type AS idType, c.id_number AS idNumber, c.gender, c.birth_date AS birthDate FROM candidates c
       WHERE c.id_number IN (SELECT value FROM json_each(?))
         AND (EXISTS (SELECT 1 FROM certificates x WHERE x.candidate_id = c.id)
              OR EXISTS (SELECT 1 FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.candidate_id = c.id AND s.status = 'finalized'))`,
    ).all(JSON.stringify(batch.map((a) => a.candidate.idNumber))) as (Identity & { id: number; idType: string; idNumber: string })[];
    if (fixed.length === 0) return batch;
    const fixedByKey = new Map(fixed.map((r) => [personKey(r), r]));
    return batch.filter((a) => {
      const c = a.candidate;
      const old = fixedByKey.get(personKey(c));
      if (!old) return true;
      const prior = this.enrolled.has(personKey(c)) ? null : priorQualification(this.ctx, old.id, this.session);
      if (prior) {
        this.refused.push({
          row: a.row,
          name: c.name,
          field: 'idNumber',
          code: 'ALREADY_CERTIFIED',
          message: `考生「${c.name}」（${c.idNumber}）${prior.text}，不能再报名同一职业、等级和工种的认定，本行未导入。如确需再次报名，请由管理员填写原因后单独报名。`,
        });
        return false;
      }
      // A blank gender or birth date keeps what is on file (candidates.ts mergeKnown).
      const changed = identityChanges(old, { ...c, gender: c.gender ?? old.gender, birthDate: c.birthDate ?? old.birthDate });
      const lock = changed.length > 0 ? identityLock(this.ctx, old.id) : null;
      if (!lock) return true;
      const labels = changed.map((f) => IDENTITY_LABELS[f]).join('、');
      const differs = changed.map((f) => `${IDENTITY_LABELS[f]}登记为「${old[f] ?? '空'}」、表中为「${c[f] ?? '空'}」`).join('，');
      this.refused.push({
        row: a.row,
        name: c.name,
        field: changed[0]!,
        message: `证件号码 ${c.idNumber} 的考生${lock}，${differs}：${labels}不能由花名册修改，本行未导入。请改回登记的${labels}后重新导入；如确属登记错误，请管理员使用「更正身份信息」填写原因后更正。`,
      });
      return false;
    });
  }

  /**
   * With 申报条件 enforced (eligibility.enforce), a row whose person no clause admits — their
   * history on file together with what the row itself adds — is refused here, as enrolling them
   * by hand would be; an administrator enrols such a person singly with a reason.
   */
  eligible(batch: readonly Accepted[]): readonly Accepted[] {
    if (this.clauses === undefined) this.clauses = eligibilityEnforced(this.ctx) ? clausesFor(this.ctx, this.session.occupationId, this.session.level) : [];
    if (this.clauses.length === 0) return batch;
    const occupation = (this.occupation ??= occupationLookup(this.ctx));
    return batch.filter((a) => {
      const c = a.candidate;
      if (this.enrolled.has(personKey(c))) return true;
      const v = rowVerdict(this.ctx, this.session, this.clauses!, a, occupation);
      if (v.eligible) return true;
      this.refused.push({
        row: a.row,
        name: c.name,
        field: 'idNumber',
        code: 'NOT_ELIGIBLE',
        message: `考生「${c.name}」（${c.idNumber}）不符合${LEVEL_SHORT[this.session.level]}的申报条件：${v.reasons.join('；')}，本行未导入。请在花名册中补填参加工作时间或原证书后重新导入，或由管理员填写原因后单独报名。`,
      });
      return false;
    });
  }

  private clauses: ReturnType<typeof clausesFor> | undefined;
  /** The catalogue's occupations, read once for the file rather than once per batch. */
  private occupation: ReturnType<typeof occupationLookup> | undefined;

  /** Every refused row of the file, the checker's and these, in the file's order. */
  allRejected(sheet: SheetLayout, checked: Rejection[]): Rejection[] {
    if (this.refused.length === 0) return checked;
    const mine = this.refused.map((r) => ({
      row: r.row,
      column: columnTitle(sheet, ROSTER_FIELDS.find((f) => f.field === r.field)!),
      message: r.message,
      ...(r.code ? { code: r.code } : {}),
      name: r.name,
    }));
    return [...checked, ...mine].sort((a, b) => a.row - b.row);
  }
}

/**
 * What the officer is told about the accepted rows: how many are new to the session, how many
 * were in it already (their details refreshed), and the first rows for the preview, each marked
 * new, known or enrolled as the database stood before the file (the import's own writes are on
 * another connection, or, in memory, change nothing asked here: see HeldWrite).
 */
class RosterSummary {
  private accepted = 0;
  private updated = 0;
  private readonly people: ImportPeople = { new: 0, known: 0, enrolled: 0, changed: 0 };
  readonly preview: RosterPreviewRow[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly session: Session,
    private readonly enrolled: ReadonlyMap<string, string>,
  ) {}

  add(batch: readonly Accepted[]): void {
    // Everyone of the batch already on file, in one statement (an index probe a row inside SQLite).
    const onFile = new Map(
      (
        cachedStatement(
          this.ctx.db,
          `SELECT c.id_type AS idType, c.id_number AS idNumber, c.name, c.gender, c.birth_date AS birthDate, c.phone, c.education, emp.name AS employer,
                  c.ethnicity, c.address, c.origin
           FROM candidates c LEFT JOIN employers emp ON emp.id = c.employer_id WHERE c.id_number IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(batch.map((a) => a.candidate.idNumber))) as OnFile[]
      ).map((r) => [personKey(r), r]),
    );
    for (const a of batch) {
      this.accepted++;
      const key = personKey(a.candidate);
      const inSession = this.enrolled.has(key);
      const old = onFile.get(key);
      if (inSession) this.updated++;
      if (inSession) this.people.enrolled++;
      else if (old) this.people.known++;
      else this.people.new++;
      const changes = old ? changesOf(a.candidate, old) : [];
      if (changes.length > 0) this.people.changed++;
      if (this.preview.length >= PREVIEW_LIMIT) continue;
      const c = a.candidate;
      this.preview.push({
        row: a.row,
        name: c.name,
        gender: c.gender,
        idType: c.idType,
        idNumber: c.idNumber,
        birthDate: c.birthDate,
        phone: c.phone,
        education: c.education,
        employer: c.employer,
        attempt: ATTEMPT_LABELS[a.attempt ?? this.session.attempt],
        eligibility: this.eligibilityWarning(a),
        status: inSession ? 'enrolled' : old ? 'known' : 'new',
        changes,
        notes: a.notes,
      });
    }
  }

  private clauses: ReturnType<typeof clausesFor> | undefined;
  private occupation: ReturnType<typeof occupationLookup> | undefined;

  /** The preview's warning column: why the row's person meets no 申报条件, whether or not enrolment enforces them. */
  private eligibilityWarning(a: Accepted): string | null {
    if (this.clauses === undefined) this.clauses = clausesFor(this.ctx, this.session.occupationId, this.session.level);
    if (this.clauses.length === 0) return null;
    const v = rowVerdict(this.ctx, this.session, this.clauses, a, (this.occupation ??= occupationLookup(this.ctx)));
    return v.eligible ? null : `不符合申报条件：${v.reasons.join('；')}`;
  }

  result(sheet: SheetLayout & { hiddenRows: number[] }, rowCount: number, rejected: Rejection[], dryRun: boolean): RosterImportResult {
    return {
      ...importResult({ ...sheet, rowCount }, ROSTER_FIELDS, { imported: this.accepted - this.updated, updated: this.updated, dryRun }, rejected, this.preview),
      people: { ...this.people },
    };
  }
}

/**
 * Lands accepted rows inside the caller's transaction: each batch of people as it comes (new
 * ones added, known ones refreshed), then at the end everyone not yet in the session is enrolled,
 * in the file's order — only then, because a 准考证号 typed further down the file must be kept
 * free when the others are numbered.
 */
class RosterLanding {
  private readonly toEnrol: Parameters<typeof enrolMany>[2][number][] = [];
  /** 认定分类 the rows write, set on each person's enrolment once everyone is enrolled. */
  private readonly recognitions: [candidateId: number, recognition: Recognition][] = [];
  private readonly occupation: ReturnType<typeof occupationLookup>;

  constructor(
    private readonly ctx: Ctx,
    private readonly session: Session,
    private readonly enrolled: ReadonlyMap<string, string>,
  ) {
    this.occupation = occupationLookup(ctx);
  }

  add(batch: readonly Accepted[]): void {
    const people = upsertCandidates(
      this.ctx,
      batch.map((a) => a.candidate),
      batch.map((a) => a.readings),
    );
    people.forEach((person, i) => {
      const a = batch[i]!;
      if (hasHistory(a.history)) storeRowHistory(this.ctx, person.id, a.history, (name) => this.occupation(name)?.id ?? null);
      if (a.recognition) this.recognitions.push([person.id, a.recognition]);
      if (this.enrolled.has(personKey(person))) return;
      this.toEnrol.push({ candidateId: person.id, employerId: person.employerId, attempt: a.attempt ?? this.session.attempt, admissionNumber: a.admissionNumber ?? undefined });
    });
  }

  finish(sheet: SheetLayout, mapping: ColumnMapping | undefined): void {
    enrolMany(this.ctx, this.session.id, this.toEnrol);
    const enrolment = cachedStatement(this.ctx.db, 'SELECT id, recognition FROM enrolments WHERE session_id = ? AND candidate_id = ?');
    const setRecognition = cachedStatement(this.ctx.db, 'UPDATE enrolments SET recognition = ? WHERE id = ?');
    for (const [candidateId, recognition] of this.recognitions) {
      const e = enrolment.get(this.session.id, candidateId) as { id: number; recognition: string | null } | undefined;
      if (!e || e.recognition === recognition) continue;
      setRecognition.run(recognition, e.id);
      recordAudit(this.ctx, { entity: 'enrolment', entityId: e.id, action: 'recognition', newValue: { recognition: RECOGNITIONS[recognition], manual: true } });
    }
    const remembered = manualMapping(sheet.columns, mapping);
    if (remembered) rememberMapping(this.ctx, 'roster', sheet.signature, remembered);
  }
}

/**
 * Reads, checks and (unless it is a dry run) lands a roster; the file lands whole (its accepted
 * rows) or not at all. The roster is read and checked on a thread of its own (the worker job
 * spreadsheets.checkRoster, rosterCheck.ts), which sends the accepted rows in batches as it goes;
 * unless it is a dry run, each batch is written at once (HeldWrite), so a 100,000-row file costs
 * little more than its writing and is never held whole. A preview goes the same way, so the
 * checking thread is started, ready for the import that follows. The same steps for a database
 * file and an in-memory one (tests): only where the write is held differs (HeldWrite).
 */
/**
 * A roster's write, whose transaction is held from before the first row is read to after the
 * last: a busy file is found out before anything is read. For a database file it is a connection
 * of the import's own, so anything else on the caller's connection carries on meanwhile (reading
 * what was committed). An in-memory database cannot be opened twice: its write is held on the
 * caller's connection, where what the guard and the preview ask is unchanged by it (a file names
 * each person once, and the people it adds hold no result or certificate yet).
 */
class HeldWrite {
  private readonly db: DB;
  private readonly ctx: Ctx;
  private readonly upkeep: ReturnType<typeof deferUpkeep>;
  private readonly landing: RosterLanding;
  private readonly own: boolean;

  constructor(caller: Ctx, private readonly session: Session, enrolled: ReadonlyMap<string, string>) {
    this.own = !caller.db.memory;
    this.db = this.own ? openDatabase(caller.db.name, { migrate: false }) : caller.db;
    try {
      if (this.own) this.db.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
      this.ctx = { db: this.db, operator: caller.operator };
      this.db.exec('BEGIN IMMEDIATE');
      this.upkeep = deferUpkeep(this.ctx);
      this.landing = new RosterLanding(this.ctx, session, enrolled);
    } catch (e) {
      this.close();
      throw e;
    }
  }

  add(batch: readonly Accepted[]): void {
    this.landing.add(batch);
  }

  commit(sheet: SheetLayout, mapping: ColumnMapping | undefined): void {
    this.landing.finish(sheet, mapping);
    this.upkeep.catchUp([this.session.id]);
    this.db.exec('COMMIT');
  }

  /** Takes back whatever was not committed. */
  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.own) this.db.close();
  }
}

export function importRoster(ctx: Ctx, input: ImportInput): Promise<RosterImportResult> {
  return withProgress(
    input.progressId,
    async (phase) => {
      const session = assertSessionWritable(ctx, input.sessionId);
      const enrolled = enrolledIn(ctx, session.id);
      const summary = new RosterSummary(ctx, session, enrolled);
      const guard = new IdentityGuard(ctx, session, enrolled);
      const write = input.dryRun ? null : new HeldWrite(ctx, session, enrolled);
      try {
        let failure: unknown = null;
        const checked = await runInWorker(
          'spreadsheets.checkRoster',
          { file: input.file, mapping: input.mapping, sheet: input.sheet, includeHidden: input.includeHidden, remembered: rememberedMappings(ctx, 'roster'), enrolled: [...enrolled] },
          (p) => phase('reading', p.done, p.total),
          (batch) => {
            // Batches keep coming after a failure (the checker reads on); they are let go.
            if (failure) return;
            try {
              const landing = guard.eligible(guard.keep(batch));
              summary.add(landing);
              write?.add(landing);
            } catch (e) {
              failure = e;
            }
          },
          importBudget(),
        );
        if (failure) throw failure;
        if (write) {
          phase('writing', checked.rowCount, checked.rowCount);
          write.commit(checked.sheet, input.mapping);
        }
        return summary.result({ ...checked.sheet, hiddenRows: checked.hiddenRows }, checked.rowCount, guard.allRejected(checked.sheet, checked.rejected), input.dryRun === true);
      } finally {
        write?.close();
      }
    },
    input.onProgress,
  );
}
