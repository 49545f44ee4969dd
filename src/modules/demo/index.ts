export {
  DEMO_DEFAULTS,
  type DemoSubjectOptions,
  type DemoSubjects,
  generateDemoSubjects,
} from './generator.ts';
export { type Gender, personName, SURNAMES } from './names.ts';
export type { DemoOrganization, OrganizationKind } from './organizations.ts';
export type { DemoPerson } from './persons.ts';
export { createRng, type Rng } from './prng.ts';
