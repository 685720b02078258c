// A finalized session built through the real operations: the evaluation body's settings, candidates
// with photos, scores keyed in (some pass, some fail), then 定稿 — what an officer has before 发证.
import { PNG } from 'pngjs';
import { call, createDB, makeIdNumber } from '../helpers';
import type { Ctx } from '../../services/shared/context';

export const INSTITUTION = '广东省物业管理行业协会职业技能等级认定中心';

/** A one-inch portrait on white: a coloured shirt and a face, so a render shows where the photo went. */
export function portraitPng(seed = 0, width = 150, height = 210): Buffer {
  const png = new PNG({ width, height, colorType: 2 });
  const shirt = [[40, 70, 140], [120, 40, 40], [40, 110, 70]][seed % 3]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const dx = x - width / 2;
      const face = (dx * dx) / 1300 + ((y - height * 0.38) ** 2) / 2400 < 1;
      const body = y > height * 0.68 && Math.abs(dx) < width * 0.42 + (y - height * 0.68) * 0.4;
      const rgb = face ? [236, 200, 170] : body ? shirt : [255, 255, 255];
      png.data[i] = rgb[0]!;
      png.data[i + 1] = rgb[1]!;
      png.data[i + 2] = rgb[2]!;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}

export async function configureInstitution(ctx: Ctx, overrides: Record<string, string> = {}): Promise<void> {
  const settings: Record<string, string> = {
    'institution.name': INSTITUTION,
    'institution.type': 'S',
    'institution.code': '0000',
    'institution.province': '44',
    'institution.site': '000123',
    ...overrides,
  };
  for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
}

export interface Person {
  name: string;
  idNumber: string;
  employer?: string;
  /** Scores for theory and skill; 'absent' marks the part 缺考. */
  theory: number | 'absent';
  skill: number;
  photo?: boolean;
}

export const PEOPLE: Person[] = [
  { name: '张伟', idNumber: makeIdNumber('440106', '19900307', 123), theory: 86.5, skill: 90, photo: true },
  { name: '欧阳淑芬', idNumber: makeIdNumber('440304', '19851112', 246), theory: 60, skill: 72, photo: true },
  { name: '李娜', idNumber: makeIdNumber('440105', '19920101', 222), theory: 59.9, skill: 88, photo: true },
  { name: '王堃', idNumber: makeIdNumber('510104', '19880808', 111), theory: 75, skill: 61, photo: false },
  { name: '陈静', idNumber: makeIdNumber('310101', '19950505', 444), theory: 'absent', skill: 70, photo: true },
];

export async function finalizedSession(
  ctx: Ctx,
  opts: { people?: Person[]; level?: number; date?: string; occupation?: string; specialty?: string; finalize?: boolean } = {},
): Promise<{ sessionId: number; passed: Person[] }> {
  const people = opts.people ?? PEOPLE;
  const session = await call(ctx, 'sessions.create', {
    occupation: opts.occupation ?? '物业管理师',
    level: opts.level ?? 3,
    date: opts.date ?? '2024-06-15',
    specialty: opts.specialty,
  });
  for (const [i, p] of people.entries()) {
    const enrolment = await call(ctx, 'enrolments.add', { sessionId: session.id, candidate: { idNumber: p.idNumber, name: p.name, employer: p.employer ?? '万科物业服务有限公司' } });
    if (p.photo) await call(ctx, 'candidates.setPhoto', { id: enrolment.candidateId, base64: portraitPng(i).toString('base64') });
    await call(ctx, 'results.set', p.theory === 'absent' ? { sessionId: session.id, idNumber: p.idNumber, part: 'theory', absent: true } : { sessionId: session.id, idNumber: p.idNumber, part: 'theory', score: p.theory });
    await call(ctx, 'results.set', { sessionId: session.id, idNumber: p.idNumber, part: 'skill', score: p.skill });
  }
  if (opts.finalize ?? true) await call(ctx, 'sessions.finalize', { id: session.id });
  return { sessionId: session.id, passed: people.filter((p) => p.theory !== 'absent' && p.theory >= 60 && p.skill >= 60) };
}

/** A fresh database with the institution configured and one finalized session of five (three pass). */
export async function officeWithSession(overrides: Record<string, string> = {}) {
  const env = createDB();
  await configureInstitution(env.ctx, overrides);
  const s = await finalizedSession(env.ctx);
  return { ...env, ...s };
}
