// 职业技能竞赛: a competition, its events (with their judging rule) and entrants (teams of
// registered candidates, or individuals), and the marks judges and timekeepers give. Rules live in
// rules.ts; the ranking in ranking.ts. A final (定稿) competition is locked as a finalized session is.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { lastAuditEntryWhere } from '../audit/history';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { dateInvalid, isIsoDate, nowIso } from '../shared/dates';
import { findOccupation, assertLevelOffered } from '../occupations/occupations';
import { findCandidateByIdNumber, noCandidateWithIdNumber } from '../candidates/candidates';
import { requireJudgeOf } from '../operators/judges';
import { LEVEL_HINT, LEVEL_LABELS } from '../vocabulary/words';
import { checkJudging, parseMark, parsePrizeRule, parseTeamRule, parseWeight, prizeRuleText, teamRuleText, PENALTY_SEAT, type EventKind, type TimedPoints } from './rules';

export type CompetitionKind = 'team' | 'individual';
export type CompetitionStatus = 'draft' | 'published' | 'final';
export const COMPETITION_STATUS_LABELS: Readonly<Record<CompetitionStatus, string>> = { draft: '准备中', published: '公示中', final: '已定稿' };

export interface CompetitionEvent {
  id: number;
  name: string;
  kind: EventKind;
  max: number;
  weight: number;
  /** Judges, or timekeepers of a timed event. */
  judges: number;
  dropHigh: number;
  dropLow: number;
  timedPoints: TimedPoints;
  sort: number;
}

export interface EntrantMember {
  candidateId: number;
  name: string;
  idNumber: string;
}

export interface Entrant {
  id: number;
  name: string;
  employer: string | null;
  /** 工位号/抽签号. */
  draw: string | null;
  members: EntrantMember[];
}

export interface Competition {
  id: number;
  name: string;
  date: string;
  venue: string | null;
  organiser: string | null;
  kind: CompetitionKind;
  occupation: { id: number; code: string; name: string } | null;
  level: number | null;
  levelLabel: string | null;
  status: CompetitionStatus;
  statusLabel: string;
  complaintUntil: string | null;
  /** Event names, the earlier deciding first. */
  tiebreak: string[];
  prizeRule: string | null;
  teamRule: string;
  publishedAt: string | null;
  finalizedAt: string | null;
  events: CompetitionEvent[];
  entrants: Entrant[];
}

interface CompetitionRow {
  id: number;
  name: string;
  held_on: string;
  venue: string | null;
  organiser: string | null;
  kind: CompetitionKind;
  occupation_id: number | null;
  code: string | null;
  occupation_name: string | null;
  level: number | null;
  status: CompetitionStatus;
  complaint_until: string | null;
  tiebreak: string;
  prize_rule: string | null;
  team_rule: string;
  published_at: string | null;
  finalized_at: string | null;
}

const SELECT = `SELECT c.*, o.code, o.name AS occupation_name FROM competitions c LEFT JOIN occupations o ON o.id = c.occupation_id`;

export function listEvents(ctx: Ctx, competitionId: number): CompetitionEvent[] {
  return (
    cachedStatement(ctx.db, 'SELECT * FROM competition_events WHERE competition_id = ? ORDER BY sort, id').all(competitionId) as {
      id: number;
      name: string;
      kind: EventKind;
      max_hundredths: number;
      weight_bp: number;
      judges: number;
      drop_high: number;
      drop_low: number;
      timed_points: TimedPoints;
      sort: number;
    }[]
  ).map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    max: e.max_hundredths / 100,
    weight: e.weight_bp / 10000,
    judges: e.judges,
    dropHigh: e.drop_high,
    dropLow: e.drop_low,
    timedPoints: e.timed_points,
    sort: e.sort,
  }));
}

export function listEntrants(ctx: Ctx, competitionId: number): Entrant[] {
  const entrants = cachedStatement(ctx.db, 'SELECT id, name, employer, draw FROM competition_entrants WHERE competition_id = ? ORDER BY id').all(competitionId) as Omit<Entrant, 'members'>[];
  const members = cachedStatement(
    ctx.db,
    `SELECT m.entrant_id AS entrantId, c.id AS candidateId, c.name, c.id_number AS idNumber
     FROM competition_members m JOIN competition_entrants e ON e.id = m.entrant_id JOIN candidates c ON c.id = m.candidate_id
     WHERE e.competition_id = ? ORDER BY m.entrant_id, m.sort`,
  ).all(competitionId) as (EntrantMember & { entrantId: number })[];
  return entrants.map((e) => ({ ...e, members: members.filter((m) => m.entrantId === e.id).map(({ entrantId: _, ...m }) => m) }));
}

function fromRow(ctx: Ctx, r: CompetitionRow): Competition {
  const events = listEvents(ctx, r.id);
  const byId = new Map(events.map((e) => [e.id, e.name]));
  return {
    id: r.id,
    name: r.name,
    date: r.held_on,
    venue: r.venue,
    organiser: r.organiser,
    kind: r.kind,
    occupation: r.occupation_id === null ? null : { id: r.occupation_id, code: r.code!, name: r.occupation_name! },
    level: r.level,
    levelLabel: r.level === null ? null : LEVEL_LABELS[r.level]!,
    status: r.status,
    statusLabel: COMPETITION_STATUS_LABELS[r.status],
    complaintUntil: r.complaint_until,
    tiebreak: (JSON.parse(r.tiebreak) as number[]).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    prizeRule: r.prize_rule,
    teamRule: r.team_rule,
    publishedAt: r.published_at,
    finalizedAt: r.finalized_at,
    events,
    entrants: listEntrants(ctx, r.id),
  };
}

export function getCompetition(ctx: Ctx, id: number): Competition {
  const row = cachedStatement(ctx.db, `${SELECT} WHERE c.id = ?`).get(id) as CompetitionRow | undefined;
  if (!row) throw new AppError('COMPETITION_NOT_FOUND', `找不到编号为 ${id} 的竞赛，请在「竞赛」页查看已有竞赛（命令行：certdesk competition list）。`);
  return fromRow(ctx, row);
}

export interface CompetitionSummary {
  id: number;
  name: string;
  date: string;
  kind: CompetitionKind;
  status: CompetitionStatus;
  statusLabel: string;
  events: number;
  entrants: number;
}

export function listCompetitions(ctx: Ctx): CompetitionSummary[] {
  return (
    ctx.db
      .prepare(
        `SELECT c.id, c.name, c.held_on AS date, c.kind, c.status,
                (SELECT count(*) FROM competition_events e WHERE e.competition_id = c.id) AS events,
                (SELECT count(*) FROM competition_entrants e WHERE e.competition_id = c.id) AS entrants
         FROM competitions c ORDER BY c.held_on DESC, c.id DESC`,
      )
      .all() as Omit<CompetitionSummary, 'statusLabel'>[]
  ).map((c) => ({ ...c, statusLabel: COMPETITION_STATUS_LABELS[c.status] }));
}

/** A final competition is read-only: every write goes through here first. */
export function assertCompetitionWritable(ctx: Ctx, id: number): Competition {
  const c = getCompetition(ctx, id);
  if (c.status === 'final') {
    throw new AppError('COMPETITION_FINAL', `竞赛「${c.name}」已定稿，成绩、名次和奖项已锁定，不能再修改。`);
  }
  return c;
}

function text(v: string | null | undefined): string | null {
  return v?.trim() || null;
}

function checkDate(label: string, v: string | null | undefined): string | null {
  const d = text(v);
  if (d !== null && !isIsoDate(d)) throw dateInvalid(label, d);
  return d;
}

export interface CompetitionInput {
  name: string;
  date: string;
  kind?: CompetitionKind;
  venue?: string | null;
  organiser?: string | null;
  /** Code or name of the occupation the competition relates to (needed for 以赛代评). */
  occupation?: string | null;
  level?: number | null;
  complaintUntil?: string | null;
  teamRule?: string | null;
}

function checkLevel(ctx: Ctx, occupation: string | null | undefined, level: number | null | undefined): { occupationId: number | null; level: number | null } {
  if (!text(occupation)) {
    if (level !== undefined && level !== null) throw new AppError('LEVEL_INVALID', '指定了等级就要同时指定职业（--occupation），等级是某个职业的等级。');
    return { occupationId: null, level: null };
  }
  const occ = findOccupation(ctx, occupation!);
  if (level === undefined || level === null) return { occupationId: occ.id, level: null };
  const lv = Number(level);
  if (!Number.isInteger(lv) || lv < 1 || lv > 5) throw new AppError('LEVEL_INVALID', `等级应为${LEVEL_HINT}，现在是「${level}」。`);
  assertLevelOffered(ctx, occ, lv, null);
  return { occupationId: occ.id, level: lv };
}

export function createCompetition(ctx: Ctx, input: CompetitionInput): Competition {
  const name = input.name?.trim();
  if (!name) throw new AppError('COMPETITION_NAME_REQUIRED', '请填写竞赛名称，如「2024年成渝物业秩序维护人员技能大赛」。');
  const date = checkDate('竞赛日期', input.date);
  if (!date) throw dateInvalid('竞赛日期', input.date);
  const kind = input.kind ?? 'team';
  if (kind !== 'team' && kind !== 'individual') throw new AppError('COMPETITION_KIND_INVALID', `竞赛形式只能是 team（团体赛）或 individual（个人赛），现在是「${String(kind)}」。`);
  const { occupationId, level } = checkLevel(ctx, input.occupation, input.level);
  const teamRule = teamRuleText(parseTeamRule(input.teamRule ?? 'sum'));
  const complaintUntil = checkDate('申诉截止日期', input.complaintUntil);
  return inTransaction(ctx.db, () => {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO competitions (name, held_on, venue, organiser, kind, occupation_id, level, complaint_until, team_rule, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(name, date, text(input.venue), text(input.organiser), kind, occupationId, level, complaintUntil, teamRule, nowIso()).lastInsertRowid,
    );
    const c = getCompetition(ctx, id);
    recordAudit(ctx, { entity: 'competition', entityId: id, action: 'create', newValue: { name, date, kind, venue: c.venue, organiser: c.organiser, occupation: c.occupation?.code ?? null, level, complaintUntil, teamRule } });
    return c;
  });
}

export interface CompetitionUpdate {
  name?: string;
  date?: string;
  venue?: string | null;
  organiser?: string | null;
  occupation?: string | null;
  level?: number | null;
  complaintUntil?: string | null;
  teamRule?: string;
}

/** Corrects what was set up; a field left out stays, an empty text is cleared. */
export function updateCompetition(ctx: Ctx, id: number, input: CompetitionUpdate): Competition {
  return inTransaction(ctx.db, () => {
    const before = assertCompetitionWritable(ctx, id);
    const next = {
      name: input.name !== undefined ? input.name.trim() : before.name,
      held_on: input.date !== undefined ? checkDate('竞赛日期', input.date) : before.date,
      venue: input.venue !== undefined ? text(input.venue) : before.venue,
      organiser: input.organiser !== undefined ? text(input.organiser) : before.organiser,
      complaint_until: input.complaintUntil !== undefined ? checkDate('申诉截止日期', input.complaintUntil) : before.complaintUntil,
      team_rule: input.teamRule !== undefined ? teamRuleText(parseTeamRule(input.teamRule)) : before.teamRule,
      ...(input.occupation !== undefined || input.level !== undefined
        ? (({ occupationId, level }) => ({ occupation_id: occupationId, level }))(checkLevel(ctx, input.occupation !== undefined ? input.occupation : before.occupation?.code, input.level !== undefined ? input.level : before.level))
        : { occupation_id: before.occupation?.id ?? null, level: before.level }),
    };
    if (!next.name) throw new AppError('COMPETITION_NAME_REQUIRED', '竞赛名称不能为空；不改名称就不要填写。');
    if (!next.held_on) throw dateInvalid('竞赛日期', input.date);
    ctx.db
      .prepare('UPDATE competitions SET name = ?, held_on = ?, venue = ?, organiser = ?, complaint_until = ?, team_rule = ?, occupation_id = ?, level = ? WHERE id = ?')
      .run(next.name, next.held_on, next.venue, next.organiser, next.complaint_until, next.team_rule, next.occupation_id, next.level, id);
    const after = getCompetition(ctx, id);
    recordAudit(ctx, {
      entity: 'competition',
      entityId: id,
      action: 'update',
      oldValue: { name: before.name, date: before.date, venue: before.venue, organiser: before.organiser, complaintUntil: before.complaintUntil, teamRule: before.teamRule, occupation: before.occupation?.code ?? null, level: before.level },
      newValue: { name: after.name, date: after.date, venue: after.venue, organiser: after.organiser, complaintUntil: after.complaintUntil, teamRule: after.teamRule, occupation: after.occupation?.code ?? null, level: after.level },
    });
    return after;
  });
}

export interface EventInput {
  competitionId: number;
  name: string;
  max: number | string;
  weight?: number | string;
  judges?: number;
  dropHigh?: number;
  dropLow?: number;
  timed?: boolean;
  timedPoints?: TimedPoints;
}

export function addEvent(ctx: Ctx, input: EventInput): CompetitionEvent {
  const name = input.name?.trim();
  if (!name) throw new AppError('COMPETITION_EVENT_NAME_REQUIRED', '请填写项目名称，如「形象展示」「消防竞技」。');
  const max = parseMark(String(input.max));
  if (!max.ok || max.hundredths <= 0) throw new AppError('COMPETITION_MAX_INVALID', `项目满分「${input.max}」不对，应为正数（最多两位小数），如 10 或 60。`);
  const weightBp = parseWeight(input.weight ?? 1);
  const kind: EventKind = input.timed ? 'timed' : 'judged';
  const judges = Number(input.judges ?? 1);
  const dropHigh = Number(input.dropHigh ?? 0);
  const dropLow = Number(input.dropLow ?? 0);
  checkJudging(judges, dropHigh, dropLow, kind === 'timed' ? '计时员' : '裁判');
  const timedPoints = input.timedPoints ?? 'rank';
  if (timedPoints !== 'rank' && timedPoints !== 'ratio') throw new AppError('COMPETITION_RULE_INVALID', `计时项目的计分方式只能是 rank（按名次）或 ratio（按与最快用时之比），现在是「${String(timedPoints)}」。`);
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, input.competitionId);
    if (c.events.some((e) => e.name === name)) throw new AppError('COMPETITION_EVENT_EXISTS', `竞赛「${c.name}」已有项目「${name}」，请换一个名称。`);
    const sort = c.events.reduce((m, e) => Math.max(m, e.sort), 0) + 1;
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO competition_events (competition_id, name, kind, max_hundredths, weight_bp, judges, drop_high, drop_low, timed_points, sort)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.id, name, kind, max.hundredths, weightBp, judges, dropHigh, dropLow, timedPoints, sort).lastInsertRowid,
    );
    const ev = listEvents(ctx, c.id).find((e) => e.id === id)!;
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'event-add', newValue: ev });
    return ev;
  });
}

export interface EntrantInput {
  competitionId: number;
  name: string;
  employer?: string | null;
  draw?: string | null;
  /** 证件号码 of registered candidates. */
  members?: string[];
}

export function addEntrant(ctx: Ctx, input: EntrantInput): Entrant {
  const name = input.name?.trim();
  if (!name) throw new AppError('COMPETITION_ENTRANT_NAME_REQUIRED', '请填写参赛队名称（常为单位名称）或选手姓名。');
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, input.competitionId);
    if (c.entrants.some((e) => e.name === name)) throw new AppError('COMPETITION_ENTRANT_EXISTS', `竞赛「${c.name}」已有参赛${c.kind === 'team' ? '队' : '选手'}「${name}」，请换一个名称（同名选手可加单位区分）。`);
    const members = (input.members ?? []).map((raw) => {
      const p = findCandidateByIdNumber(ctx, raw);
      if (!p) throw noCandidateWithIdNumber(raw);
      const elsewhere = c.entrants.find((e) => e.members.some((m) => m.candidateId === p.id));
      if (elsewhere) throw new AppError('COMPETITION_MEMBER_TAKEN', `${p.name}（${p.idNumber}）已是参赛队「${elsewhere.name}」的队员，一名选手只能参加一支队伍。`);
      return p;
    });
    if (new Set(members.map((m) => m.id)).size !== members.length) throw new AppError('COMPETITION_MEMBER_TAKEN', '同一名队员填写了两次，请删去重复的证件号码。');
    if (c.kind === 'individual' && members.length > 1) throw new AppError('COMPETITION_MEMBER_TAKEN', `竞赛「${c.name}」是个人赛，每名选手只对应一名考生。`);
    const draw = text(input.draw);
    if (draw && c.entrants.some((e) => e.draw === draw)) throw new AppError('COMPETITION_DRAW_TAKEN', `抽签号/工位号 ${draw} 已分给「${c.entrants.find((e) => e.draw === draw)!.name}」，请核对。`);
    const id = Number(
      ctx.db.prepare('INSERT INTO competition_entrants (competition_id, name, employer, draw, created_at) VALUES (?, ?, ?, ?, ?)').run(c.id, name, text(input.employer), draw, nowIso()).lastInsertRowid,
    );
    members.forEach((m, i) => ctx.db.prepare('INSERT INTO competition_members (entrant_id, candidate_id, sort) VALUES (?, ?, ?)').run(id, m.id, i + 1));
    const entrant = listEntrants(ctx, c.id).find((e) => e.id === id)!;
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'entrant-add', newValue: { id, name, employer: entrant.employer, draw, members: members.map((m) => m.idNumber) } });
    return entrant;
  });
}

/** An event named by its id or its name. */
export function findEvent(c: Competition, key: string | number): CompetitionEvent {
  const ev = c.events.find((e) => e.id === Number(key) || e.name === String(key).trim());
  if (!ev) throw new AppError('COMPETITION_EVENT_NOT_FOUND', `竞赛「${c.name}」没有项目「${key}」。已有项目：${c.events.map((e) => e.name).join('、') || '（还没有）'}。`);
  return ev;
}

/** An entrant named by its id, its name or its 抽签号. */
export function findEntrant(c: Competition, key: string | number): Entrant {
  const k = String(key).trim();
  const e = c.entrants.find((x) => x.name === k) ?? c.entrants.find((x) => x.draw === k) ?? c.entrants.find((x) => x.id === Number(k));
  if (!e) throw new AppError('COMPETITION_ENTRANT_NOT_FOUND', `竞赛「${c.name}」没有参赛${c.kind === 'team' ? '队' : '选手'}「${key}」。请核对名称或抽签号。`);
  return e;
}

export interface MarkWrite {
  eventId: number;
  entrantId: number;
  /** A member scored alone (candidate id); 0 or absent: the entrant as a whole. */
  memberId?: number;
  /** 1…N a judge or timekeeper, 0 the penalty seconds. */
  seat: number;
  /** Hundredths; null clears the mark. */
  hundredths: number | null;
}

/** Writes marks already checked (importer, grid) in one transaction, audited as one entry per entrant and event. */
export function writeMarks(ctx: Ctx, competitionId: number, writes: readonly MarkWrite[], source: string): number {
  return inTransaction(ctx.db, () => {
    assertCompetitionWritable(ctx, competitionId);
    const now = nowIso();
    const get = cachedStatement(ctx.db, 'SELECT hundredths FROM competition_scores WHERE event_id = ? AND entrant_id = ? AND member_id = ? AND seat = ?');
    const put = cachedStatement(
      ctx.db,
      `INSERT INTO competition_scores (event_id, entrant_id, member_id, seat, hundredths, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id, entrant_id, member_id, seat) DO UPDATE SET hundredths = excluded.hundredths, updated_at = excluded.updated_at`,
    );
    const del = cachedStatement(ctx.db, 'DELETE FROM competition_scores WHERE event_id = ? AND entrant_id = ? AND member_id = ? AND seat = ?');
    const changes = new Map<string, { eventId: number; entrantId: number; memberId: number; marks: { seat: number; from: number | null; to: number | null }[] }>();
    for (const w of writes) {
      const member = w.memberId ?? 0;
      const before = (get.get(w.eventId, w.entrantId, member, w.seat) as { hundredths: number } | undefined)?.hundredths ?? null;
      if (before === w.hundredths) continue;
      if (w.hundredths === null) del.run(w.eventId, w.entrantId, member, w.seat);
      else put.run(w.eventId, w.entrantId, member, w.seat, w.hundredths, now);
      const key = `${w.eventId}/${w.entrantId}/${member}`;
      const entry = changes.get(key) ?? { eventId: w.eventId, entrantId: w.entrantId, memberId: member, marks: [] };
      entry.marks.push({ seat: w.seat, from: before === null ? null : before / 100, to: w.hundredths === null ? null : w.hundredths / 100 });
      changes.set(key, entry);
    }
    for (const ch of changes.values()) recordAudit(ctx, { entity: 'competition', entityId: competitionId, action: 'marks', newValue: ch, reason: source });
    return [...changes.values()].reduce((n, ch) => n + ch.marks.length, 0);
  });
}

export interface MarkInput {
  competitionId: number;
  event: string | number;
  entrant: string | number;
  /** 证件号码 of the member scored alone. */
  member?: string;
  /** Judge (or timekeeper) number 1…N, or 0 / 'penalty' for 罚时. */
  seat: number | 'penalty';
  /** What was typed; '' or null clears. */
  value: string | number | null;
  /**
   * The cell as this desk showed it ('' or null: empty). When given and the stored mark is no
   * longer that, someone else saved that seat meanwhile: refused, never overwritten (docs/lan.md).
   * Left out by callers that key alone (the command line, an import).
   */
  replaced?: string | number | null;
}

/** One cell of the score grid: a judge's mark, a timekeeper's time or the penalty. */
export function setMark(ctx: Ctx, input: MarkInput): { changed: number } {
  const c = assertCompetitionWritable(ctx, input.competitionId);
  const ev = findEvent(c, input.event);
  const entrant = findEntrant(c, input.entrant);
  const seat = input.seat === 'penalty' ? PENALTY_SEAT : Number(input.seat);
  if (!Number.isInteger(seat) || seat < 0 || seat > ev.judges || (seat === PENALTY_SEAT && ev.kind !== 'timed')) {
    throw new AppError('COMPETITION_SEAT_INVALID', `项目「${ev.name}」有 ${ev.judges} 名${ev.kind === 'timed' ? '计时员' : '裁判'}${ev.kind === 'timed' ? '（罚时另记）' : ''}，没有第 ${input.seat} 位。`);
  }
  // A 裁判 account marks only the seats it was assigned (services/operators/judges.ts); clerks and administrators any.
  const mine = requireJudgeOf(ctx, ev.id);
  if (mine && !mine.includes(seat)) {
    throw new AppError('JUDGE_NOT_ASSIGNED', `您是项目「${ev.name}」的第 ${mine.join('、')} 位${ev.kind === 'timed' ? '计时员' : '裁判'}，不能录入第 ${seat === PENALTY_SEAT ? '罚时' : `${seat} 位`}的分数。`);
  }
  const memberId = memberOf(entrant, input.member);
  const hundredthsOf = (value: string | number | null | undefined): number | null => {
    if (value === null || value === undefined || String(value).trim() === '') return null;
    const m = parseMark(value, ev.kind === 'timed' ? { time: true } : { max: Math.round(ev.max * 100) });
    if (!m.ok) throw new AppError('COMPETITION_MARK_INVALID', `${entrant.name}「${ev.name}」：${m.message}`);
    return m.hundredths;
  };
  const hundredths = hundredthsOf(input.value);
  return inTransaction(ctx.db, () => {
    if (input.replaced !== undefined) {
      const seen = hundredthsOf(input.replaced);
      const stored = (cachedStatement(ctx.db, 'SELECT hundredths FROM competition_scores WHERE event_id = ? AND entrant_id = ? AND member_id = ? AND seat = ?').get(ev.id, entrant.id, memberId, seat) as { hundredths: number } | undefined)?.hundredths ?? null;
      if (stored !== seen) throw markChangedMeanwhile(ctx, c.id, ev, entrant, memberId, seat, stored);
    }
    return { changed: writeMarks(ctx, c.id, [{ eventId: ev.id, entrantId: entrant.id, memberId, seat, hundredths }], '录入') };
  });
}

/**
 * Two desks (a judge's tablet and the clerk's grid, say) on one seat: the later save names who
 * saved first, what, and when, as a score's does (docs/lan.md).
 */
function markChangedMeanwhile(ctx: Ctx, competitionId: number, ev: CompetitionEvent, entrant: Entrant, memberId: number, seat: number, stored: number | null): AppError {
  // writeMarks audits one entry per entrant and event, listing the seats it changed.
  const last = lastAuditEntryWhere(
    ctx,
    'competition',
    competitionId,
    `a.action = 'marks' AND json_extract(a.new_value, '$.eventId') = ? AND json_extract(a.new_value, '$.entrantId') = ? AND json_extract(a.new_value, '$.memberId') = ?
     AND EXISTS (SELECT 1 FROM json_each(a.new_value, '$.marks') WHERE json_extract(value, '$.seat') = ?)`,
    ev.id,
    entrant.id,
    memberId,
    seat,
  );
  const who = last ? (last.operatorName ? `${last.operatorName}（${last.operator}）` : last.operator) : '另一位操作员';
  // The officer's clock (local time), not UTC's.
  const when = last ? `${new Date(last.at).toLocaleTimeString('zh-CN', { hour12: false })} ` : '';
  const seatWords = seat === PENALTY_SEAT ? '罚时' : `第 ${seat} 位${ev.kind === 'timed' ? '计时员' : '裁判'}的分数`;
  const current = stored === null ? null : stored / 100;
  const valueWords = current === null ? '空白（已清除）' : current.toFixed(2);
  return new AppError(
    'COMPETITION_MARK_CHANGED_MEANWHILE',
    `${who} ${when}刚把「${entrant.name}」${ev.name}的${seatWords}改成了 ${valueWords}，你的修改没有保存。请核对后，如仍需修改，再录入一次。`,
    { current, by: last ? { login: last.operator, name: last.operatorName } : null, at: last?.at ?? null },
  );
}

/** The marks already keyed for an event, as the grid shows them: seat 1…N a judge or timekeeper, 0 the 罚时. */
export interface MarkCell {
  entrantId: number;
  /** 证件号码 of a member scored alone; null for the entrant as a whole. */
  member: string | null;
  seat: number;
  value: number;
}

export function listMarks(ctx: Ctx, competitionId: number, event: string | number): MarkCell[] {
  const c = getCompetition(ctx, competitionId);
  const ev = findEvent(c, event);
  const rows = cachedStatement(
    ctx.db,
    `SELECT s.entrant_id AS entrantId, s.member_id AS memberId, s.seat, s.hundredths
     FROM competition_scores s JOIN competition_entrants e ON e.id = s.entrant_id
     WHERE e.competition_id = ? AND s.event_id = ? ORDER BY s.entrant_id, s.member_id, s.seat`,
  ).all(c.id, ev.id) as { entrantId: number; memberId: number; seat: number; hundredths: number }[];
  const idNumbers = new Map(c.entrants.flatMap((e) => e.members.map((m) => [m.candidateId, m.idNumber] as const)));
  return rows.map((r) => ({ entrantId: r.entrantId, member: r.memberId ? (idNumbers.get(r.memberId) ?? null) : null, seat: r.seat, value: r.hundredths / 100 }));
}

export function memberOf(entrant: Entrant, idNumberOrName: string | undefined | null): number {
  const k = idNumberOrName?.trim();
  if (!k) return 0;
  const m = entrant.members.find((x) => x.idNumber === k.toUpperCase() || x.name === k);
  if (!m) throw new AppError('COMPETITION_MEMBER_NOT_FOUND', `「${k}」不是「${entrant.name}」的队员。队员：${entrant.members.map((x) => x.name).join('、') || '（未登记）'}。`);
  return m.candidateId;
}

/** 「消防竞技,专业作业」: the events that decide a tie, the earlier first. */
export function setTiebreak(ctx: Ctx, competitionId: number, order: string[]): Competition {
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, competitionId);
    const ids = order.map((n) => n.trim()).filter(Boolean).map((n) => findEvent(c, n).id);
    if (new Set(ids).size !== ids.length) throw new AppError('COMPETITION_RULE_INVALID', '同一个项目在并列排序中写了两次，请删去重复的。');
    ctx.db.prepare('UPDATE competitions SET tiebreak = ? WHERE id = ?').run(JSON.stringify(ids), c.id);
    const after = getCompetition(ctx, c.id);
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'tiebreak', oldValue: c.tiebreak, newValue: after.tiebreak });
    return after;
  });
}

export function setPrizeRule(ctx: Ctx, competitionId: number, rule: string): Competition {
  const text = prizeRuleText(parsePrizeRule(rule));
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, competitionId);
    ctx.db.prepare('UPDATE competitions SET prize_rule = ? WHERE id = ?').run(text, c.id);
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'prizes', oldValue: c.prizeRule, newValue: text });
    return getCompetition(ctx, c.id);
  });
}

/** Assigns an operator's login to a judge's seat of an event (the LAN server's 裁判 role reads it). */
export function assignJudge(ctx: Ctx, competitionId: number, event: string | number, seat: number, login: string | null): CompetitionEvent {
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, competitionId);
    const ev = findEvent(c, event);
    if (!Number.isInteger(seat) || seat < 1 || seat > ev.judges) throw new AppError('COMPETITION_SEAT_INVALID', `项目「${ev.name}」有 ${ev.judges} 名裁判，没有第 ${seat} 位。`);
    if (login?.trim()) ctx.db.prepare('INSERT INTO competition_event_judges (event_id, judge, operator_login) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET operator_login = excluded.operator_login').run(ev.id, seat, login.trim());
    else ctx.db.prepare('DELETE FROM competition_event_judges WHERE event_id = ? AND judge = ?').run(ev.id, seat);
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'judge', newValue: { event: ev.name, seat, login: login?.trim() || null } });
    return ev;
  });
}
