/**
 * demo.person's own credit file (issue 17): enough records of every kind for the subject's pages to
 * show what they are for — negative records to object to or repair, one past its validity, some shared
 * only among government, two read only with the person's consent, beside the red-list entry the demo
 * lists give — and an objection under review. Pushed through the real intake path as each provider would, with fixed record ids and
 * dates: a second run changes nothing. The browser tests (web/e2e/subject-*.spec.ts) walk through them.
 */
import { cliOperator } from '../access/actor.ts';
import type { AuthService } from '../access/auth.service.ts';
import type { ObjectionsService } from '../procedures/objections.service.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';

export type DemoSubjectFileDeps = {
  auth: Pick<AuthService, 'accounts'>;
  subjects: Pick<SubjectsRepository, 'findById'>;
  intake: Pick<IntakeService, 'submit'>;
  objections: Pick<ObjectionsService, 'file'>;
};

/**
 * An objection under review, so 异议 and 消息 show a procedure under way: filed by the loader as the
 * center files one at a window (the subject's own account never acted), when the record is created.
 */
export const DEMO_OBJECTION = {
  providerRecordId: 'DEMO-PERSON-BASIC-2026',
  ground: 'wrong_or_incomplete',
  explanation: '学历记载为“高中”，本人已于 2019 年取得大学专科学历，请更正（演示数据）。',
  purpose: '演示数据加载 / demo data',
} as const;

/** The account whose subject gets the file (DEMO_ACCOUNTS). */
export const DEMO_SUBJECT_LOGIN = 'demo.person';

type Row = {
  department: string;
  item: string;
  providerRecordId: string;
  severity?: string;
  identifiedOn: string;
  fields: Record<string, unknown>;
};

/** The file, by provider. Fixed dates: what is current or expired follows from them and today. */
export const DEMO_SUBJECT_FILE: readonly Row[] = [
  {
    // 较重 (B27 as the policy decides it: 3 years), public: current until 2029. Published on the day
    // the demo is loaded, so its repair waits for B31(1)'s 3 months of publication — the eligibility
    // page shows a condition not yet met, with its date.
    department: 'HA-SYJ',
    item: 'admin-penalty',
    providerRecordId: 'DEMO-PERSON-PENALTY-2026',
    severity: '较重',
    identifiedOn: '2026-05-20',
    fields: {
      documentNumber: '淮食药监罚〔2026〕31号',
      violationType: '经营超过保质期的食品',
      facts: '在经营的便利店内销售超过保质期的预包装食品 12 件（演示数据）',
      legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
      penaltyType: '罚款',
      penaltyContent: '没收超过保质期的食品，并处罚款人民币五千元',
      fineAmount: 0.5,
      authority: '淮安市食品药品监督管理局',
    },
  },
  {
    // 一般, identified in 2025: past its year of validity (B27), shown to its subject as expired.
    department: 'HA-GSJ',
    item: 'admin-penalty',
    providerRecordId: 'DEMO-PERSON-PENALTY-2025',
    severity: '一般',
    identifiedOn: '2025-03-10',
    fields: {
      documentNumber: '淮工商罚〔2025〕8号',
      violationType: '未按规定公示经营信息',
      facts: '个体工商户未按规定在经营场所公示营业执照（演示数据）',
      legalBasis: '《个体工商户条例》第二十条',
      penaltyType: '警告',
      penaltyContent: '警告，责令改正',
      authority: '淮安市工商行政管理局',
    },
  },
  {
    // 一般, public: valid a year from its identification (B27).
    department: 'HA-TAX',
    item: 'tax-arrears',
    providerRecordId: 'DEMO-PERSON-TAX-2026',
    severity: '一般',
    identifiedOn: '2026-08-10',
    fields: {
      taxType: '个人所得税',
      arrearsAmount: 3860,
      taxAuthority: '国家税务总局淮安市清江浦区税务局',
    },
  },
  {
    // 政务共享 (B18): government departments read it for their duties; the public does not. 较重, so
    // current until 2029; never published, so B31(1)'s 3 months count from its identification: once
    // the person states when they corrected it, the repair may be applied for (the provider judges the
    // impact). Two 较重 acts in a year stay below B31(2)1's three.
    department: 'HA-RSJ',
    item: 'social-insurance-arrears',
    providerRecordId: 'DEMO-PERSON-SOCIAL-2026',
    severity: '较重',
    identifiedOn: '2026-06-15',
    fields: {
      insuranceType: '城乡居民基本养老保险',
      arrearsAmount: 1440,
      months: 4,
      agency: '淮安市社会保险基金管理中心',
    },
  },
  {
    // 较重 and 政务共享 too, identified in 2025: current until 2028, more than a year before any
    // application made now (so not one of B31(2)1's 较重 acts within a year); repairable like the above.
    department: 'HA-RSJ',
    item: 'wage-arrears',
    providerRecordId: 'DEMO-PERSON-WAGES-2025',
    severity: '较重',
    identifiedOn: '2025-11-03',
    fields: {
      workersAffected: 3,
      amount: 18600,
      period: '2025年6月至2025年9月',
      handling: '责令限期支付',
      documentNumber: '淮人社监察〔2025〕41号',
      authority: '淮安市人力资源和社会保障局',
    },
  },
  {
    // 授权查询 (B18, B21): read by others only under the person's consent.
    department: 'HA-TSW',
    item: 'volunteering',
    providerRecordId: 'DEMO-PERSON-VOLUNTEER-2026',
    identifiedOn: '2026-04-18',
    fields: {
      organizer: '淮安市志愿者协会',
      activity: '社区关爱老人志愿服务',
      hours: 36,
      starLevel: '二星',
    },
  },
  {
    department: 'HA-MZJ',
    item: 'person-basic',
    providerRecordId: 'DEMO-PERSON-BASIC-2026',
    identifiedOn: '2026-01-05',
    fields: {
      ethnicity: '汉族',
      householdAddress: '淮安市清江浦区示例路2号（演示数据）',
      maritalStatus: '已婚',
      education: '高中',
    },
  },
];

export async function loadDemoSubjectFile(ctx: DemoSubjectFileDeps): Promise<{ created: number }> {
  const account = await ctx.auth.accounts.findByLogin(DEMO_SUBJECT_LOGIN);
  const subject = account?.subjectId ? await ctx.subjects.findById(account.subjectId) : undefined;
  if (!subject) return { created: 0 };
  const actor = cliOperator();
  let created = 0;
  for (const department of [...new Set(DEMO_SUBJECT_FILE.map((row) => row.department))]) {
    const rows = DEMO_SUBJECT_FILE.filter((row) => row.department === department).map((row) => ({
      item: row.item,
      providerRecordId: row.providerRecordId,
      subject: { code: subject.code, name: subject.name },
      ...(row.severity ? { severity: row.severity } : {}),
      identifiedOn: row.identifiedOn,
      fields: row.fields,
    }));
    const result = await ctx.intake.submit({
      actor,
      providerDepartment: department,
      channel: 'cli',
      mode: 'all_or_nothing',
      rows,
    });
    if (result.summary.refused > 0) {
      // The file is the demo's own: a refused row is a mistake here, not data to skip.
      throw new Error(`demo subject file refused by intake: ${JSON.stringify(result.results)}`);
    }
    created += result.summary.created;
    const objected = result.results.find(
      (r) => r.providerRecordId === DEMO_OBJECTION.providerRecordId && r.outcome === 'created',
    );
    if (objected?.recordId) {
      await ctx.objections.file(
        actor,
        {
          recordId: objected.recordId,
          ground: DEMO_OBJECTION.ground,
          explanation: DEMO_OBJECTION.explanation,
        },
        { subjectId: subject.id, purpose: DEMO_OBJECTION.purpose },
      );
    }
  }
  return { created };
}
