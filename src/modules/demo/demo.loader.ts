import type { AccountsService } from '../access/accounts.service.ts';
import { cliOperator } from '../access/actor.ts';
import type { AuthService } from '../access/auth.service.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { loadReferenceData, type ReferenceDeps } from '../reference/reference.seed.ts';
import type { NewSubject, SubjectsRepository } from '../subjects/subjects.repository.ts';
import { DEMO_PASSWORD } from './demo-password.ts';
import { DEMO_DEFAULTS, generateDemoSubjects } from './index.ts';

export type DemoLoadResult = {
  regions: number;
  departments: number;
  persons: number;
  organizations: number;
  accounts: number;
};

export { DEMO_PASSWORD } from './demo-password.ts';

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
 * Loads the demo city into the configured database: the reference data (`xinyong init`: regions,
 * departments, list types, catalog, measures), then a deterministic set of invented subjects and the
 * demo accounts. Everything is keyed by natural keys (region code, department code, subject code,
 * login) and inserted only when absent, so a second run changes nothing.
 */
export type DemoDeps = ReferenceDeps & {
  subjects: Pick<SubjectsRepository, 'ensure' | 'idsByCode'>;
  audit: Pick<AuditTrail, 'writer'>;
  auth: Pick<AuthService, 'accounts'>;
  accountsAdmin: Pick<AccountsService, 'createAccount'>;
};

/** Whether the database holds the demo accounts (and so their published password): a demonstration. */
export async function hasDemoAccounts(deps: Pick<DemoDeps, 'auth'>): Promise<boolean> {
  for (const account of DEMO_ACCOUNTS) if (await deps.auth.accounts.findByLogin(account.login)) return true;
  return false;
}

export async function loadDemoData(
  ctx: DemoDeps,
  options: { persons?: number; organizations?: number } = {},
): Promise<DemoLoadResult> {
  const { regions, departments } = await loadReferenceData(ctx);
  const now = ctx.now();
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
