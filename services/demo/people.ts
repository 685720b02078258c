// Synthetic candidates and employers: every ID number is well-formed and carries its own birth
// date and gender (domain.md § Identity documents), names follow surname frequencies.
import { checkCharacter, type Gender } from '../ids/idNumber';
import { nameReadings } from '../candidates/names';
import { Random, Weighted } from './random';
import {
  CITIES, COMPANY_SUFFIXES, COMPANY_WORDS, EDUCATION, GIVEN_FEMALE, GIVEN_FIRST_FEMALE, GIVEN_FIRST_MALE, GIVEN_MALE, REGIONS, SURNAMES,
} from './catalogue';

export interface Person {
  idNumber: string;
  name: string;
  initials: string;
  /** The name's other readings (candidates/names.ts nameReadings), for search. */
  otherReadings: readonly string[];
  gender: Gender;
  birthDate: string;
  phone: string;
  education: string;
}

const surnames = new Weighted(SURNAMES);
const regions = new Weighted(REGIONS);
const education = new Weighted(EDUCATION);
const suffixes = new Weighted(COMPANY_SUFFIXES);

export class PersonMaker {
  private readonly usedIds = new Set<string>();
  private readonly readingsCache = new Map<string, string[]>();

  constructor(private readonly rng: Random) {}

  /** Someone aged 19–55 in `year`. */
  make(year: number): Person {
    const rng = this.rng;
    const gender: Gender = rng.chance(0.58) ? '男' : '女';
    const birthYear = year - rng.int(19, 55);
    const month = rng.int(1, 12);
    const day = rng.int(1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
    const birth = `${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    let idNumber: string;
    do {
      // The 17th digit is odd for men, even for women.
      const seq = rng.int(0, 99) * 10 + (gender === '男' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
      const first17 = `${regions.sample(rng)}${birth}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + checkCharacter(first17);
    } while (this.usedIds.has(idNumber));
    this.usedIds.add(idNumber);
    const name = this.name(gender);
    let readings = this.readingsCache.get(name);
    if (readings === undefined) this.readingsCache.set(name, (readings = nameReadings(name)));
    const [initials, ...otherReadings] = readings as [string, ...string[]];
    return {
      idNumber,
      name,
      initials,
      otherReadings,
      gender,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      phone: `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      education: education.sample(rng),
    };
  }

  private name(gender: Gender): string {
    const rng = this.rng;
    const singles = gender === '男' ? GIVEN_MALE : GIVEN_FEMALE;
    const firsts = gender === '男' ? GIVEN_FIRST_MALE : GIVEN_FIRST_FEMALE;
    const given = rng.chance(0.3) ? rng.pick(singles) : rng.pick(firsts) + rng.pick(singles);
    return surnames.sample(rng) + given;
  }
}

/** `count` distinct property-company names: 深圳市锦华物业服务有限公司 … */
export function employerNames(rng: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const word = rng.pick(COMPANY_WORDS) + (names.size >= COMPANY_WORDS.length * CITIES.length / 2 ? rng.pick(COMPANY_WORDS) : '');
    names.add(`${rng.pick(CITIES)}${word}${suffixes.sample(rng)}`);
  }
  return [...names];
}
