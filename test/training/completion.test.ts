// 结业 as pure rules, at their boundaries: a share or a total exactly at the threshold completes,
// a tenth of a 学时 under it does not; 迟到 earns the lesson, 请假 does not (docs/training.md).
import { describe, expect, it } from 'vitest';
import { completionOf, creditOf, minutesToTenths, type LessonMark } from '../../services/training/completion';

const lesson = (status: LessonMark['status'], hours = 40, credited: number | null = null): LessonMark => ({ lessonHoursTenths: hours, status, creditedTenths: credited });
const eight = (present: number, other: LessonMark['status'] = 'absent') => Array.from({ length: 8 }, (_, i) => lesson(i < present ? 'present' : other));
const rule = (r: Partial<{ minAttendancePercent: number; minHoursTenths: number; examPassTenths: number }>) => ({ minAttendancePercent: null, minHoursTenths: null, examPassTenths: null, ...r });

describe('completion of a training class', () => {
  it('completes at exactly the attendance share asked (7 of 8 lessons = 87.5 %), not one lesson under', () => {
    expect(completionOf(rule({ minAttendancePercent: 87.5 as number }), eight(7), null)).toMatchObject({ attendance: 0.875, completed: true, hoursTenths: 280 });
    const under = completionOf(rule({ minAttendancePercent: 88 }), eight(7), null);
    expect(under).toMatchObject({ attendance: 0.875, completed: false });
    expect(under.reasons).toEqual(['出勤率 87.5%，未达到 88%']);
  });

  it('compares a share of uneven lessons exactly: 4 of 5 学时 is 80 %, 3.9 of 5 is not', () => {
    const lessons = [lesson('present', 25), lesson('present', 15), lesson('absent', 10)];
    expect(completionOf(rule({ minAttendancePercent: 80 }), lessons, null).completed).toBe(true);
    const online = [lesson(null, 25, 25), lesson(null, 15, 14), lesson('absent', 10)];
    expect(completionOf(rule({ minAttendancePercent: 80 }), online, null)).toMatchObject({ completed: false, hoursTenths: 39, attendance: 0.78 });
  });

  it('completes at exactly the 学时 asked, and not a tenth under', () => {
    expect(completionOf(rule({ minHoursTenths: 240 }), eight(6), null)).toMatchObject({ completed: true, hoursTenths: 240 });
    const online = [lesson(null, 240, 239)];
    expect(completionOf(rule({ minHoursTenths: 240 }), online, null)).toMatchObject({ completed: false, reasons: ['学时 23.9，未达到 24 学时'] });
  });

  it('counts 迟到 as attended and 请假 as not, and caps an export’s credit at the lesson’s 学时', () => {
    expect(creditOf(lesson('late'))).toBe(40);
    expect(creditOf(lesson('leave'))).toBe(0);
    expect(creditOf(lesson(null, 40, 55))).toBe(40);
    expect(creditOf(lesson(null))).toBe(0);
    expect(completionOf(rule({ minAttendancePercent: 100 }), eight(7, 'late'), null).completed).toBe(true);
    expect(completionOf(rule({ minAttendancePercent: 100 }), eight(7, 'leave'), null).completed).toBe(false);
  });

  it('credits online minutes at 45 to the 学时, rounded down to a tenth', () => {
    expect(minutesToTenths(45)).toBe(10);
    expect(minutesToTenths(360)).toBe(80);
    expect(minutesToTenths(44)).toBe(9);
    expect(minutesToTenths(30)).toBe(6);
  });

  it('asks both conditions when both are set, and the 结业考核 at exactly its pass mark', () => {
    const r = rule({ minAttendancePercent: 75, minHoursTenths: 240, examPassTenths: 600 });
    expect(completionOf(r, eight(6), 600)).toMatchObject({ completed: true });
    expect(completionOf(r, eight(6), 599).reasons).toEqual(['结业考核 59.9 分，未达到 60 分']);
    expect(completionOf(r, eight(6), null).reasons).toEqual(['没有结业考核成绩']);
    expect(completionOf(r, eight(5), 900).reasons).toEqual(['出勤率 62.5%，未达到 75%', '学时 20，未达到 24 学时']);
  });

  it('completes nobody in a class with no lesson', () => {
    expect(completionOf(rule({ minHoursTenths: 0 }), [], null)).toMatchObject({ completed: false, attendance: 0, reasons: ['培训班还没有课次'] });
  });
});
