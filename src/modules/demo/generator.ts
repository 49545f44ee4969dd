import { dayNumberOf } from '../../platform/iso-date.ts';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import { type DemoOrganization, generateOrganizations } from './organizations.ts';
import { type DemoPerson, generatePersons } from './persons.ts';
import { createRng } from './prng.ts';

export interface DemoSubjectOptions {
  persons: number;
  organizations: number;
  /** Same seed, same output: loading the demo twice must change nothing. */
  seed?: number;
  /** YYYY-MM-DD: no birth or establishment date falls after it, and ages are counted on it. */
  asOf?: string;
}

export interface DemoSubjects {
  persons: DemoPerson[];
  organizations: DemoOrganization[];
}

/** The demo's default size and a fixed seed and date (the seed is the document's date, 2018-10-30). */
export const DEMO_DEFAULTS = {
  persons: 2000,
  organizations: 500,
  seed: 20181030,
  asOf: '2025-12-31',
} as const;

/** Independent stream for organizations, so changing their count leaves the persons untouched. */
const ORGANIZATION_STREAM = 0x9e3779b9;

function assertCount(label: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${label} must be a non-negative integer`);
}

/**
 * Deterministic demo subjects. Persons come from one seeded stream, so the first N persons are the
 * same whatever the total; organizations pick their legal representatives among those persons.
 */
export function generateDemoSubjects(options: DemoSubjectOptions): DemoSubjects {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const asOf = options.asOf ?? DEMO_DEFAULTS.asOf;
  assertCount('persons', options.persons);
  assertCount('organizations', options.organizations);
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  dayNumberOf(asOf, 'asOf'); // validates the date
  const persons = generatePersons(createRng(seed), options.persons, asOf, SEED_DEPARTMENTS);
  const organizations = generateOrganizations(
    createRng(seed ^ ORGANIZATION_STREAM),
    options.organizations,
    asOf,
    persons,
  );
  return { persons, organizations };
}
