import type { AppContext } from '../../app/context.ts';
import { listRegions } from '../identity-codes/index.ts';
import type { NewSubject } from '../subjects/subjects.repository.ts';
import { DEMO_DEFAULTS, DEMO_DEPARTMENTS, generateDemoSubjects } from './index.ts';

export type DemoLoadResult = {
  regions: number;
  departments: number;
  persons: number;
  organizations: number;
};

/**
 * Loads the demo city into the configured database: GB/T 2260 regions, Huai'an's departments and a
 * deterministic set of generated subjects. Everything is keyed by natural keys (region code,
 * department code, subject code) and inserted only when absent, so a second run changes nothing.
 */
export async function loadDemoData(
  ctx: AppContext,
  options: { persons?: number; organizations?: number } = {},
): Promise<DemoLoadResult> {
  const now = ctx.now();
  const regions = await ctx.regions.ensure(
    listRegions().map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.fullName,
      level: r.level,
      parentCode: r.parentCode ?? null,
      abolished: r.abolished === true,
    })),
  );
  const departments = await ctx.departments.ensure(
    DEMO_DEPARTMENTS.map((d) => ({
      code: d.code,
      name: d.name,
      shortName: d.shortName,
      regionCode: d.regionCode,
      kinds: [...d.kinds],
      nature: d.nature,
      parentCode: d.parentCode ?? null,
    })),
    now,
  );

  const { persons, organizations } = generateDemoSubjects({
    persons: options.persons ?? DEMO_DEFAULTS.persons,
    organizations: options.organizations ?? DEMO_DEFAULTS.organizations,
  });
  const personRows: NewSubject[] = persons.map((p) => ({
    kind: 'person',
    code: p.code,
    codeKind: 'citizen_id',
    name: p.name,
    regionCode: p.regionCode,
    attributes: {
      gender: p.gender,
      birthDate: p.birthDate,
      ...(p.employerDepartmentCode ? { employerDepartmentCode: p.employerDepartmentCode } : {}),
    },
  }));
  const insertedPersons = await ctx.subjects.ensure(personRows, now);

  // Organizations refer to their legal representative by subject id: the person's ID number is
  // personal data and must not be copied into another row in plaintext.
  const personIds = await ctx.subjects.idsByCode(organizations.map((o) => o.legalRepresentativeCode));
  const organizationRows: NewSubject[] = organizations.map((o) => ({
    kind: 'organization',
    code: o.code,
    codeKind: 'uscc',
    name: o.name,
    regionCode: o.regionCode,
    attributes: {
      organizationKind: o.kind,
      legalForm: o.legalForm,
      registeredAddress: o.registeredAddress,
      establishedOn: o.establishedOn,
      legalRepresentativeId: personIds.get(o.legalRepresentativeCode) ?? null,
      ...(o.superiorDepartmentCode ? { superiorDepartmentCode: o.superiorDepartmentCode } : {}),
    },
  }));
  const insertedOrganizations = await ctx.subjects.ensure(organizationRows, now);
  return { regions, departments, persons: insertedPersons, organizations: insertedOrganizations };
}
