// 申报条件 evaluated against a person's history as of the exam date (docs/eligibility.md). A
// level's clauses are alternatives («具备以下条件之一者»); a clause holds when every one of its
// conditions does. Years are counted as the standards write them, 「满N年（含）」: N years after
// 2020-03-15 are met on 2024-03-15 itself, not the day before. Pure: runs in the renderer too.
import { LEVEL_SHORT } from '../vocabulary/words';

export type Condition =
  /** A certificate of level `level` or higher (a smaller number) in this occupation or one of `related` (codes), held `years` by the exam date. */
  | { kind: 'certificate'; level: number; years: number; related?: string[] }
  /** `years` in the trade, counted from 参加工作时间. */
  | { kind: 'work'; years: number }
  /** A 文化程度 of at least `min`, graduated `years` before the exam (0 or absent: graduated at all). */
  | { kind: 'education'; min: string; years?: number }
  /** Training for level `level` of this occupation completed (结业) by the exam date. */
  | { kind: 'training'; level: number }
  /** Something no record here shows (退役义务兵): an administrator checks it and overrides. */
  | { kind: 'attested'; text: string };

export interface Clause {
  id: number;
  label: string;
  text: string;
  conditions: Condition[];
}

export interface HeldCertificate {
  occupationCode: string | null;
  level: number;
  date: string;
}

export interface History {
  workStartDate: string | null;
  education: string | null;
  graduationDate: string | null;
  certificates: HeldCertificate[];
  trainings: { occupationCode: string | null; level: number; date: string }[];
}

export interface Verdict {
  eligible: boolean;
  /** The clause met, as 「（1）…」; null when none is met or the level has no clauses. */
  clause: string | null;
  clauseId: number | null;
  /** Why each clause is not met, one line per clause; empty when eligible. */
  reasons: string[];
}

/** 文化程度 from lowest to highest; the words a roster uses for each. */
const EDUCATION_RANKS: readonly (readonly string[])[] = [
  ['小学'],
  ['初中'],
  ['高中', '中专', '中职', '技校', '职高', '普通高中', '技工学校', '中等专业学校'],
  ['大专', '专科', '高职', '大学专科', '高级技工学校', '技师学院'],
  ['本科', '大学本科', '大学', '学士'],
  ['硕士', '研究生', '硕士研究生'],
  ['博士', '博士研究生'],
];

/** The rank of a 文化程度 as written (本科毕业 → 本科), or -1 when not recognised. */
export function educationRank(text: string | null): number {
  if (!text) return -1;
  const t = text.replace(/\s/g, '').replace(/(毕业|学历|及以上|以上|在读|肄业)$/g, '');
  for (let i = EDUCATION_RANKS.length - 1; i >= 0; i--) if (EDUCATION_RANKS[i]!.some((w) => t === w || t.startsWith(w) || t.endsWith(w))) return i;
  return -1;
}

/** The date N years after `date`, for 「满N年（含）」; 29 February falls back to the 28th. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole years and months from `from` to `to`: 「2年7个月」. */
export function elapsed(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  if (months < 0) months = 0;
  const y = Math.floor(months / 12);
  const mo = months % 12;
  return y ? `${y}年${mo ? `${mo}个月` : ''}` : `${mo}个月`;
}

function heldFor(date: string, years: number, examDate: string): boolean {
  return date <= examDate && addYears(date, years) <= examDate;
}

/** Whether a condition holds for this history, and if not, the words saying what is missing. */
export function checkCondition(c: Condition, h: History, ctx: { occupationCode: string; examDate: string }): string | null {
  switch (c.kind) {
    case 'certificate': {
      const codes = new Set([ctx.occupationCode, ...(c.related ?? [])]);
      const fitting = h.certificates.filter((x) => x.level <= c.level && x.occupationCode !== null && codes.has(x.occupationCode) && x.date <= ctx.examDate);
      // 「四级证书」 as the standards say it; a higher level counts too (docs/eligibility.md).
      const what = `${LEVEL_SHORT[c.level]}证书`;
      if (fitting.length === 0) return `需取得${what}${c.years ? `后满${c.years}年` : ''}（没有该证书的记录）`;
      if (fitting.some((x) => heldFor(x.date, c.years, ctx.examDate))) return null;
      const earliest = fitting.map((x) => x.date).sort()[0]!;
      return `需取得${what}后满${c.years}年（现${elapsed(earliest, ctx.examDate)}）`;
    }
    case 'work': {
      if (!h.workStartDate) return `需从事本职业或相关职业工作满${c.years}年（没有参加工作时间的记录）`;
      if (heldFor(h.workStartDate, c.years, ctx.examDate)) return null;
      return `需从事本职业或相关职业工作满${c.years}年（现${elapsed(h.workStartDate, ctx.examDate)}）`;
    }
    case 'education': {
      const need = educationRank(c.min);
      const have = educationRank(h.education);
      if (have < need) return `需${c.min}及以上学历（${h.education ? `现为${h.education}` : '没有文化程度的记录'}）`;
      if (!c.years) return null;
      if (!h.graduationDate) return `需${c.min}毕业后满${c.years}年（没有毕业时间的记录）`;
      if (heldFor(h.graduationDate, c.years, ctx.examDate)) return null;
      return `需${c.min}毕业后满${c.years}年（现${elapsed(h.graduationDate, ctx.examDate)}）`;
    }
    case 'training': {
      const done = h.trainings.some((t) => t.occupationCode === ctx.occupationCode && t.level === c.level && t.date <= ctx.examDate);
      return done ? null : `需取得本职业${LEVEL_SHORT[c.level]}正规培训结业证书（没有记录）`;
    }
    case 'attested':
      return `需核实：${c.text}（系统中没有可核对的记录，由管理员核实后强制报名）`;
  }
}

/** The first clause met, or why each is not. A level without clauses has nothing to check. */
export function evaluate(clauses: readonly Clause[], h: History, ctx: { occupationCode: string; examDate: string }): Verdict {
  if (clauses.length === 0) return { eligible: true, clause: null, clauseId: null, reasons: [] };
  const reasons: string[] = [];
  for (const clause of clauses) {
    const missing = clause.conditions.map((c) => checkCondition(c, h, ctx)).filter((m): m is string => m !== null);
    if (missing.length === 0) return { eligible: true, clause: `${clause.label}${clause.text}`, clauseId: clause.id, reasons: [] };
    reasons.push(`${clause.label}${missing.join('；')}`);
  }
  return { eligible: false, clause: null, clauseId: null, reasons };
}
