/**
 * Who acts on the platform (DOMAIN "Who uses it") and what each role may do. One table maps roles to
 * permissions; routes declare a permission, never a role, so a new role is one line here.
 *
 * Scope rules that depend on the data (a provider writes only its own records, B4; a subject reads its
 * own records; 授权查询 needs consent, B21) are decided by `scope.ts` on top of these permissions.
 */
export const ROLES = [
  'subject', // 信息主体: a person, or an organization through its authorized agent
  'provider_staff', // 信息提供单位 staff
  'user_staff', // 信息使用单位 staff (licensing, procurement, … clerks)
  'center_staff', // 市公共信用信息中心
  'credit_office', // 市信用办
  'admin', // platform administrator
  'auditor', // reads and verifies the audit trail
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are government staff: their reads of non-public data need a stated purpose (B33). */
export const STAFF_ROLES: readonly Role[] = [
  'provider_staff',
  'user_staff',
  'center_staff',
  'credit_office',
  'admin',
  'auditor',
];

export const PERMISSIONS = [
  'subjects.read', // look a subject up (staff; purpose required; non-public parts by scope)
  'subjects.read_own', // a subject's own file
  'consents.manage_own', // a subject grants / revokes consent to others' queries (B21), sees who read under each
  'consents.use_received', // a subject as a counterparty: the consents others gave it, and reading under them (B21, B24)
  'accounts.manage_own', // a subject sees the accounts bound to it, adds one, disables one (issue 14 §1)
  'consents.read', // staff see consents that name their department
  'records.write', // providers push credit information (intake issue)
  'intake.stats', // per-department intake and timeliness figures (A9, A22, B35)
  'checks.run', // user departments check subjects and report the measures applied (B19, B22, C §5(2))
  'checks.report', // the quarterly joint reward/punishment report of one's own department (A21)
  'checks.report_all', // the same for every department (credit office, credit center)
  'lists.read', // red/black list entries with their history (A3–A12)
  'lists.manage', // list types (a city may add e.g. 重点关注名单)
  'measures.manage', // edit the measures catalog (A13, A14, D §5): a new version each time
  'relations.manage', // link organizations to their legal representative and responsible persons (B26)
  'inbox.read', // a department's notifications (A4, A11, B26)
  'inbox.read_own', // a subject's own notices: its procedures' steps, outcomes and reasons (A16, A17)
  'procedures.record_external', // record a decision taken outside the platform against a record (issue 15 W3)
  'procedures.read', // decisions that allow a record to change (a provider: those about its records)
  'objections.file_own', // a subject objects to its own records and follows its objections (A15, B28)
  'objections.manage', // the credit center files an objection for a subject at a service window (B28)
  'objections.read', // objections: the center and office all, a provider those about its records
  'objections.act', // a step of an objection: the center reviews and decides, the provider verifies (A16)
  'repairs.apply_own', // a subject applies to repair its own record and follows the application (A18, B31)
  'repairs.manage', // the credit center files a repair application for a subject at a service window
  'repairs.read', // repairs: the center and office all, a provider those about its records
  'repairs.act', // a step of a repair: the provider's opinion and verification, the center's adoption (A19, B32)
  'accounts.manage', // create accounts, reset passwords
  'apikeys.manage', // issue, rotate, revoke API keys for systems
  'codes.exceptions.manage', // register identity-code exceptions
  'calendar.manage', // import yearly holiday schedules
  'audit.read', // read and verify the audit trail
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  subject: [
    'subjects.read_own',
    'consents.manage_own',
    'consents.use_received',
    'accounts.manage_own',
    'objections.file_own',
    'repairs.apply_own',
    'inbox.read_own',
  ],
  provider_staff: [
    'subjects.read',
    'records.write',
    'consents.read',
    'lists.read',
    'inbox.read',
    'procedures.read',
    'objections.read',
    'objections.act',
    'repairs.read',
    'repairs.act',
  ],
  user_staff: ['subjects.read', 'checks.run', 'checks.report', 'consents.read', 'lists.read', 'inbox.read'],
  center_staff: [
    'subjects.read',
    'consents.read',
    'codes.exceptions.manage',
    'intake.stats',
    'lists.read',
    'relations.manage',
    'checks.report',
    'checks.report_all',
    'inbox.read',
    'procedures.read',
    'objections.manage',
    'objections.read',
    'objections.act',
    'repairs.manage',
    'repairs.read',
    'repairs.act',
  ],
  credit_office: [
    'subjects.read',
    'consents.read',
    'intake.stats',
    'lists.read',
    'lists.manage',
    'measures.manage',
    'checks.report',
    'checks.report_all',
    'inbox.read',
    'procedures.record_external',
    'procedures.read',
    'objections.read',
    'objections.act',
    'repairs.read',
  ],
  admin: ['accounts.manage', 'apikeys.manage', 'codes.exceptions.manage', 'calendar.manage'],
  auditor: ['audit.read'],
};

/** Permissions an API key (a department's business system) may carry: never administration. */
export const SYSTEM_PERMISSIONS: readonly Permission[] = [
  'subjects.read',
  'records.write',
  'checks.run',
  'checks.report',
  'consents.read',
  'lists.read',
  'inbox.read',
  'procedures.read',
  'objections.read',
  'objections.act',
  'repairs.read',
  'repairs.act',
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
