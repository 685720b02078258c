// The demo association's calendar: which sessions happen when. Retake (补考) sessions are not
// planned here; they follow from the failures as the generator walks the calendar.
import { Random } from './random';
import { LEVEL_WEIGHTS, OCCUPATION_WEIGHTS, type DemoPlan } from './plans';
import type { Attempt } from '../vocabulary/words';

export interface PlannedSession {
  date: string;
  occupationCode: string;
  level: number;
  specialty: string | null;
  attempt: Attempt;
  size: number;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** The newcomer's year: a handful of sessions they can recognise, the last one still open. */
function smallCalendar(today: string): PlannedSession[] {
  const s = (daysAgo: number, occupationCode: string, level: number, attempt: Attempt, size: number, specialty: string | null = null): PlannedSession => ({
    date: addDays(today, -daysAgo),
    occupationCode,
    level,
    specialty,
    attempt,
    size,
  });
  return [
    s(300, '4-06-01-01', 3, 'first', 36),
    s(240, '4-07-05-01', 5, 'first', 32),
    s(180, '4-07-05-03', 4, 'first', 28, '消防设施监控操作'),
    s(120, '4-06-01-01', 3, 'retake', 0),
    s(60, '6-31-01-03', 4, 'first', 24),
    s(10, '4-06-01-01', 2, 'first', 18),
  ];
}

/** Years of first-attempt sessions on working days, spread over the year, oldest first. */
function randomCalendar(plan: DemoPlan, rng: Random, today: string, specialties: Map<string, string[]>): PlannedSession[] {
  const lastYear = Number(today.slice(0, 4));
  const sessions: PlannedSession[] = [];
  for (let year = lastYear - plan.years + 1; year <= lastYear; year++) {
    for (let i = 0; i < plan.firstSessionsPerYear; i++) {
      const date = new Date(Date.UTC(year, 0, 1 + rng.int(10, 350)));
      // Exams are held on weekdays and Saturdays.
      if (date.getUTCDay() === 0) date.setUTCDate(date.getUTCDate() + 1);
      const iso = isoDay(date);
      if (iso >= today) continue;
      sessions.push(randomSession(plan, rng, iso, specialties));
    }
  }
  return sessions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** One first-attempt session on `date`: an occupation and level as often as the association holds them. */
export function randomSession(plan: DemoPlan, rng: Random, date: string, specialties: Map<string, string[]>): PlannedSession {
  const occupationCode = OCCUPATION_WEIGHTS.sample(rng);
  const options = specialties.get(occupationCode) ?? [];
  return {
    date,
    occupationCode,
    level: LEVEL_WEIGHTS.sample(rng),
    specialty: options.length ? rng.pick(options) : null,
    attempt: 'first',
    size: rng.int(plan.sessionSize[0], plan.sessionSize[1]),
  };
}

export function demoCalendar(plan: DemoPlan, rng: Random, today: string, specialties: Map<string, string[]>): PlannedSession[] {
  return plan.size === 'small' ? smallCalendar(today) : randomCalendar(plan, rng, today, specialties);
}
