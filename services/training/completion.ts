// Whether a trainee completed a class (结业), as pure rules over the class's lessons, the
// trainee's attendance and 结业考核 score (docs/training.md § Completion). Every quantity is an
// integer in tenths of a 学时 (or of a score point), so a share or a total exactly at the
// threshold is compared exactly, never through a rounded float.

export type AttendanceStatus = 'present' | 'absent' | 'late' | 'leave';
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'late', 'leave'];

export const STATUS_LABELS: Readonly<Record<AttendanceStatus, string>> = { present: '出勤', absent: '缺勤', late: '迟到', leave: '请假' };

/**
 * One 学时 of online learning is 45 minutes, as the rule for online training in domain.md
 * § Training counts a 课时; an export's minutes are credited in whole tenths, rounded down.
 */
export const MINUTES_PER_HOUR = 45;

export function minutesToTenths(minutes: number): number {
  return Math.floor((minutes * 10) / MINUTES_PER_HOUR);
}

export interface CompletionRule {
  /** 出勤率 at least this percent of the lessons' 学时; null: no such condition. */
  minAttendancePercent: number | null;
  /** At least this many 学时 attended, in tenths; null: no such condition. */
  minHoursTenths: number | null;
  /** 结业考核 pass mark in tenths; null: the class has no 结业考核. */
  examPassTenths: number | null;
}

export interface LessonMark {
  lessonHoursTenths: number;
  /** Keyed or read from a sign-in sheet; null when an online export credited 学时 instead, or nothing was recorded. */
  status: AttendanceStatus | null;
  /** 学时 an online export credited, in tenths; null with a status. */
  creditedTenths: number | null;
}

/**
 * The 学时 a lesson earns. 迟到 earns the lesson: the trainee was there and was taught, and a
 * sign-in sheet marks late arrivals who sat most of it (an officer who wants otherwise keys 缺勤).
 * 请假 earns nothing: an excused absence is still a lesson not attended, and 学时 certify time
 * taught. An online export's credit never exceeds the lesson's 学时.
 */
export function creditOf(mark: LessonMark): number {
  if (mark.status === 'present' || mark.status === 'late') return mark.lessonHoursTenths;
  if (mark.status === 'absent' || mark.status === 'leave') return 0;
  return Math.min(mark.creditedTenths ?? 0, mark.lessonHoursTenths);
}

export interface Completion {
  hoursTenths: number;
  totalTenths: number;
  /** 出勤率: 学时 attended over the lessons' 学时, 0–1 rounded to three places; 0 with no lessons. */
  attendance: number;
  completed: boolean;
  /** Why not, in the officer's words; empty when completed. */
  reasons: string[];
}

const hoursText = (tenths: number) => String(tenths / 10);

/** Completion of one trainee over every lesson of the class (a lesson with no mark counts as not attended). */
export function completionOf(rule: CompletionRule, lessons: readonly LessonMark[], examScoreTenths: number | null): Completion {
  const totalTenths = lessons.reduce((s, l) => s + l.lessonHoursTenths, 0);
  const hoursTenths = lessons.reduce((s, l) => s + creditOf(l), 0);
  const reasons: string[] = [];
  if (lessons.length === 0) reasons.push('培训班还没有课次');
  if (rule.minAttendancePercent !== null && hoursTenths * 100 < totalTenths * rule.minAttendancePercent) {
    reasons.push(`出勤率 ${percentText(hoursTenths, totalTenths)}，未达到 ${rule.minAttendancePercent}%`);
  }
  if (rule.minHoursTenths !== null && hoursTenths < rule.minHoursTenths) {
    reasons.push(`学时 ${hoursText(hoursTenths)}，未达到 ${hoursText(rule.minHoursTenths)} 学时`);
  }
  if (rule.examPassTenths !== null) {
    if (examScoreTenths === null) reasons.push('没有结业考核成绩');
    else if (examScoreTenths < rule.examPassTenths) reasons.push(`结业考核 ${hoursText(examScoreTenths)} 分，未达到 ${hoursText(rule.examPassTenths)} 分`);
  }
  return {
    hoursTenths,
    totalTenths,
    attendance: totalTenths === 0 ? 0 : Math.round((hoursTenths * 1000) / totalTenths) / 1000,
    completed: reasons.length === 0,
    reasons,
  };
}

function percentText(part: number, whole: number): string {
  if (whole === 0) return '0%';
  return `${Math.round((part * 1000) / whole) / 10}%`;
}
