// The domain's words, each written once: levels, exam parts, part statuses, outcomes, attempt
// types and session states, with the Chinese an officer reads (and the English of the bilingual
// certificate and the English window), and every wording that means the same thing on a score
// sheet or a command line (docs/domain.md § Levels, § Exam parts and passing).
// Pure (imports only ./text and the error type): the renderer bundles it too.
import { AppError } from '../errors';
import { compactText } from './text';

// ── Levels (职业技能等级), docs/domain.md § Levels ─────────────────────────────────────────

export const LEVELS = [5, 4, 3, 2, 1] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(n: unknown): n is Level {
  return typeof n === 'number' && (LEVELS as readonly number[]).includes(n);
}

/** The official two-part label printed on certificates and in every list. */
export const LEVEL_LABELS: Readonly<Record<number, string>> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** The first half alone, as a session's name carries it: 2024年上半年物业管理师（三级）职业技能等级认定. */
export const LEVEL_SHORT: Readonly<Record<number, string>> = { 5: '五级', 4: '四级', 3: '三级', 2: '二级', 1: '一级' };

export const LEVEL_LABELS_EN: Readonly<Record<number, string>> = {
  5: 'Level 5 (Junior)',
  4: 'Level 4 (Intermediate)',
  3: 'Level 3 (Senior)',
  2: 'Level 2 (Technician)',
  1: 'Level 1 (Senior Technician)',
};

/** What to tell an officer who gave a level that is not 1–5. */
export const LEVEL_HINT = `1 到 5 的整数（5 为${LEVEL_LABELS[5]}，1 为${LEVEL_LABELS[1]}）`;

// ── Exam parts (考核科目), docs/domain.md § Exam parts and passing ─────────────────────────

export const PARTS = ['theory', 'skill', 'review', 'performance'] as const;
export type Part = (typeof PARTS)[number];

export const PART_LABELS: Readonly<Record<Part, string>> = {
  theory: '理论知识',
  skill: '操作技能',
  review: '综合评审',
  performance: '工作业绩',
};

export const PART_LABELS_EN: Readonly<Record<Part, string>> = {
  theory: 'Theory',
  skill: 'Skill',
  review: 'Review',
  performance: 'Work performance',
};

/**
 * Every other wording of a part that officers write: as a score sheet's column header, after
 * `--part` on the command line, in the audit history. One list, so a word the score import
 * accepts is accepted everywhere.
 */
export const PART_ALIASES: Readonly<Record<Part, readonly string[]>> = {
  theory: ['theory', '理论', '理论知识考试', '理论考试', '理论成绩', '理论知识成绩', '笔试', '笔试成绩'],
  skill: ['skill', '操作', '技能', '操作技能考核', '操作成绩', '技能成绩', '操作技能成绩', '实操', '实操成绩'],
  review: ['review', '评审', '综合评审成绩'],
  performance: ['performance', '业绩', '工作业绩评定', '工作业绩成绩'],
};

const PART_BY_WORD = new Map<string, Part>(
  PARTS.flatMap((part) => [PART_LABELS[part], ...PART_ALIASES[part]].map((w): [string, Part] => [partKey(w), part])),
);

/** A part's word as compared: half-width, no spaces, lower case. */
function partKey(word: string): string {
  return compactText(word).toLowerCase();
}

/** The part a word names (理论知识, 笔试, 实操成绩, theory …), or null. */
export function parsePart(raw: string): Part | null {
  return PART_BY_WORD.get(partKey(raw)) ?? null;
}

/** What to tell an officer who named no part we know. */
export const PART_HINT = PARTS.map((p) => `${PART_LABELS[p]}（${p}）`).join('、');

/** The part a word names; refuses an unknown word with the list of parts (PART_UNKNOWN). */
export function requirePart(raw: string): Part {
  const part = parsePart(raw);
  if (!part) throw new AppError('PART_UNKNOWN', `科目「${raw}」无法识别，请填写 ${PART_HINT}，或成绩单上的写法如「笔试」「实操」。`);
  return part;
}

// ── A part's result and a candidate's outcome ───────────────────────────────────────────

export type PartStatus = 'scored' | 'absent' | 'misconduct';

/** The word a sheet shows instead of a number (docs/domain.md: 缺考 absent, 违纪 misconduct). */
export const STATUS_WORDS: Readonly<Record<Exclude<PartStatus, 'scored'>, string>> = { absent: '缺考', misconduct: '违纪' };
export const STATUS_WORDS_EN: Readonly<Record<Exclude<PartStatus, 'scored'>, string>> = { absent: 'Absent', misconduct: 'Misconduct' };

/** 保留: a part kept from an earlier pass for a 补考; the 成绩单 writes it with its source, and the score import leaves such a cell alone. */
export const CARRIED_WORD = '保留';

export type Outcome = 'pass' | 'fail' | 'absent' | 'pending';
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = { pass: '合格', fail: '不合格', absent: '缺考', pending: '待录入' };
export const OUTCOME_LABELS_EN: Readonly<Record<Outcome, string>> = { pass: 'Pass', fail: 'Fail', absent: 'Absent', pending: 'Pending' };

// ── Attempt types (正考 / 补考) ──────────────────────────────────────────────────────────

export const ATTEMPTS = ['first', 'retake'] as const;
export type Attempt = (typeof ATTEMPTS)[number];
export const ATTEMPT_LABELS: Readonly<Record<Attempt, string>> = { first: '正考', retake: '补考' };
export const ATTEMPT_LABELS_EN: Readonly<Record<Attempt, string>> = { first: 'First attempt', retake: 'Retake' };

/** 正考 / 补考 (or first / retake); nothing written means a first attempt. Refuses anything else (ATTEMPT_INVALID). */
export function parseAttempt(raw: string | undefined | null): Attempt {
  const s = (raw ?? '').trim();
  const word = s.toLowerCase();
  if (!s || s === ATTEMPT_LABELS.first || word === 'first') return 'first';
  if (s === ATTEMPT_LABELS.retake || word === 'retake') return 'retake';
  throw new AppError('ATTEMPT_INVALID', `考试类型「${s}」无法识别，请填写「${ATTEMPT_LABELS.first}」或「${ATTEMPT_LABELS.retake}」。`);
}

// ── A session's state ────────────────────────────────────────────────────────────────────

export type SessionStatus = 'draft' | 'open' | 'finalized';
export const SESSION_STATUS_LABELS: Readonly<Record<SessionStatus, string>> = { draft: '准备中', open: '进行中', finalized: '已定稿' };
export const SESSION_STATUS_LABELS_EN: Readonly<Record<SessionStatus, string>> = { draft: 'Draft', open: 'Open', finalized: 'Finalized' };
