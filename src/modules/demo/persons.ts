import { dayNumberOf, formatDayNumber, toDayNumber } from '../../platform/iso-date.ts';
import type { SeedDepartment } from '../departments/seed-departments.ts';
import { buildCitizenId } from './codes.ts';
import { ageOn } from './dates.ts';
import { type Gender, personName } from './names.ts';
import { HISTORICAL_ID_REGIONS } from './places.ts';
import type { Rng, WeightedTable } from './prng.ts';

export interface DemoPerson {
  /** 18-character citizen ID number, also the person's unified social credit code (C §3(1)). */
  code: string;
  name: string;
  gender: Gender;
  birthDate: string;
  /** Current county of residence. The ID's first six digits may be an older code of the same area. */
  regionCode: string;
  /** Set for state employees; A11 notifies this department when the person is black-listed. */
  employerDepartmentCode?: string;
  phone?: string;
}

/** Rough population shares of the county-level divisions (2020 census, in percent). */
export const COUNTY_WEIGHTS: WeightedTable<string> = [
  ['320812', 22],
  ['320803', 17],
  ['320804', 15],
  ['320826', 16],
  ['320830', 13],
  ['320813', 8],
  ['320831', 7],
];

const BIRTH_YEARS = { first: 1950, last: 2006 } as const;
/** Share of people whose ID still carries a retired region code (清河区, 清浦区, 洪泽县). */
const HISTORICAL_ID_SHARE = 0.3;
const STATE_EMPLOYEE_SHARE = 0.06;
const PHONE_SHARE = 0.85;
const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '187',
  '188',
  '189',
  '199',
];

/** Departments whose staff are 国家工作人员 in the sense of A11 (state-owned enterprises excluded). */
function employers(departments: readonly SeedDepartment[]): readonly SeedDepartment[] {
  return departments.filter((d) => d.nature !== 'state_owned_enterprise');
}

function idRegionFor(rng: Rng, regionCode: string, birthYear: number): string {
  const predecessors = HISTORICAL_ID_REGIONS.filter((r) => r.successor === regionCode && birthYear < r.until);
  if (predecessors.length > 0 && rng.chance(HISTORICAL_ID_SHARE)) return rng.pick(predecessors).code;
  return regionCode;
}

export function generatePersons(
  rng: Rng,
  count: number,
  asOf: string,
  departments: readonly SeedDepartment[],
): DemoPerson[] {
  const firstDay = toDayNumber(BIRTH_YEARS.first, 1, 1);
  const lastDay = Math.min(toDayNumber(BIRTH_YEARS.last, 12, 31), dayNumberOf(asOf, 'asOf'));
  if (lastDay < firstDay) throw new RangeError(`asOf ${asOf} is before the first demo birth date`);
  const staffOf = employers(departments);
  const codes = new Set<string>();
  const persons: DemoPerson[] = [];
  while (persons.length < count) {
    const regionCode = rng.weighted(COUNTY_WEIGHTS);
    const birthDate = formatDayNumber(rng.int(firstDay, lastDay));
    const birthYear = Number(birthDate.slice(0, 4));
    const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
    const code = buildCitizenId(rng, idRegionFor(rng, regionCode, birthYear), birthDate, gender);
    const person: DemoPerson = {
      code,
      name: personName(rng, gender, birthYear),
      gender,
      birthDate,
      regionCode,
    };
    const age = ageOn(birthDate, asOf);
    if (staffOf.length > 0 && age >= 22 && age < 60 && rng.chance(STATE_EMPLOYEE_SHARE)) {
      person.employerDepartmentCode = rng.pick(staffOf).code;
    }
    if (rng.chance(PHONE_SHARE)) {
      person.phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
    }
    // Draws happen before the uniqueness check, so a collision costs one retry and stays deterministic.
    if (codes.has(code)) continue;
    codes.add(code);
    persons.push(person);
  }
  return persons;
}
