import type { AccountsService } from '../access/accounts.service.ts';
import { cliOperator } from '../access/actor.ts';
import type { AuthService } from '../access/auth.service.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import type { Store } from '../database.ts';
import type { DepartmentsRepository } from '../departments/departments.repository.ts';
import { listRegions } from '../identity-codes/index.ts';
import { ensureSeedMeasures } from '../measures/measures.seed.ts';
import type { MeasuresService } from '../measures/measures.service.ts';
import type { RegionsRepository } from '../regions/regions.repository.ts';
import type { NewSubject, SubjectsRepository } from '../subjects/subjects.repository.ts';
import { DEMO_DEFAULTS, DEMO_DEPARTMENTS, generateDemoSubjects } from './index.ts';

export type DemoLoadResult = {
  regions: number;
  departments: number;
  persons: number;
  organizations: number;
  accounts: number;
};

/** The demo's shared password. DEMO ONLY: a real deployment creates accounts with `xinyong user create`. */
export const DEMO_PASSWORD = 'Huaian-Demo-2026!';

/** One account per role, listed in the README. Subject accounts act for the first demo person/company. */
export const DEMO_ACCOUNTS = [
  { login: 'demo.admin', displayName: '平台管理员（演示）', role: 'admin', departmentCode: 'HA-XYZX' },
  { login: 'demo.auditor', displayName: '审计员（演示）', role: 'auditor', departmentCode: 'HA-XYB' },
  {
    login: 'demo.center',
    displayName: '信用中心工作人员（演示）',
    role: 'center_staff',
    departmentCode: 'HA-XYZX',
  },
  {
    login: 'demo.office',
    displayName: '市信用办工作人员（演示）',
    role: 'credit_office',
    departmentCode: 'HA-XYB',
  },
  {
    login: 'demo.provider',
    displayName: '市税务局归集员（演示）',
    role: 'provider_staff',
    departmentCode: 'HA-TAX',
  },
  { login: 'demo.user', displayName: '市住建局审批员（演示）', role: 'user_staff', departmentCode: 'HA-ZJJ' },
  { login: 'demo.person', displayName: '信息主体·个人（演示）', role: 'subject', subject: 'person' },
  {
    login: 'demo.company',
    displayName: '信息主体·企业经办人（演示）',
    role: 'subject',
    subject: 'organization',
  },
] as const;

/**
 * Loads the demo city into the configured database: GB/T 2260 regions, Huai'an's departments and a
 * deterministic set of generated subjects. Everything is keyed by natural keys (region code,
 * department code, subject code) and inserted only when absent, so a second run changes nothing.
 */
export type DemoDeps = {
  store: Store;
  regions: Pick<RegionsRepository, 'ensure'>;
  departments: Pick<DepartmentsRepository, 'ensure'>;
  subjects: Pick<SubjectsRepository, 'ensure' | 'idsByCode'>;
  audit: Pick<AuditTrail, 'writer'>;
  auth: Pick<AuthService, 'accounts'>;
  accountsAdmin: Pick<AccountsService, 'createAccount'>;
  measures: Pick<MeasuresService, 'reload'>;
  /** who the seed catalog's and measures' rows are recorded as on the audit chain */
  rowWriter: RowsWrittenMeta;
  now: () => string;
};

export async function loadDemoData(
  ctx: DemoDeps,
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

  // The published catalog (B8): what providers may record, item by item.
  await ensureSeedCatalog(ctx.store, now, ctx.rowWriter);
  // The measures of joint incentives and punishments (A13, A14, D §5); they name departments.
  await ensureSeedMeasures(ctx.store, now, ctx.rowWriter);
  ctx.measures.reload();

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
  const writer = ctx.audit.writer(cliOperator(), undefined, '演示数据加载 / demo data load');
  const insertedPersons = await ctx.subjects.ensure(personRows, now, writer);

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
  const insertedOrganizations = await ctx.subjects.ensure(organizationRows, now, writer);

  let accounts = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await ctx.auth.accounts.findByLogin(account.login)) continue;
    await ctx.accountsAdmin.createAccount({
      login: account.login,
      displayName: account.displayName,
      role: account.role,
      password: DEMO_PASSWORD,
      ...('departmentCode' in account
        ? { departmentCode: account.departmentCode, regionCode: '320800' }
        : { subjectCode: account.subject === 'person' ? persons[0]?.code : organizations[0]?.code }),
    });
    accounts++;
  }
  return { regions, departments, persons: insertedPersons, organizations: insertedOrganizations, accounts };
}
