/**
 * What the public portal (信用淮安, issue 17) shows a newcomer beyond the lists of demo-lists.loader.ts:
 * the 双公示 of some demo companies — administrative licences and penalties — a few credit
 * commitments, and one credit repair under public notice, so 修复公示 has a notice to read and object to.
 * Records are pushed through the real intake path as the departments would, with fixed record ids and
 * dates: a second run changes nothing.
 *
 * The repair is filed at the credit center's window (demo.center) and given the provider's opinion in
 * favour (demo.provider, 市税务局) as of the working day before the last working day on or before the
 * day of loading, so its 5-working-day notice (A19; it starts the working day after the opinion) runs
 * on the day the demo is loaded. Decided for the demo only (decision 0041): those two steps are
 * recorded with that earlier day's clock. Loaded again once the notice has ended, it adds nothing.
 */
import { dayNumberOf, formatDayNumber } from '../../platform/iso-date.ts';
import type { Actor } from '../access/actor.ts';
import type { AuthService } from '../access/auth.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { type RepairsDeps, repairsService } from '../procedures/repairs.service.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { legalRepresentativeName } from './legal-representative.ts';

export type DemoPortalDeps = Omit<RepairsDeps, 'now' | 'today' | 'calendar'> & {
  subjects: Pick<SubjectsRepository, 'firstRegistered' | 'findById'>;
  intake: Pick<IntakeService, 'submit'>;
  auth: Pick<AuthService, 'accounts'>;
  calendar: Pick<CalendarService, 'current'>;
  today: () => string;
};

export type DemoPortalResult = {
  created: number;
  /** the demo repair: put under notice now, already there (or past it), or not possible */
  repairNotice: 'created' | 'exists' | 'not_eligible';
};

/** The demo company whose black-list entry is under a repair notice (by registration order). */
export const DEMO_REPAIR_ORGANIZATION = 40;

const PENALTIES = [
  {
    department: 'HA-GSJ',
    authority: '淮安市工商行政管理局',
    documentPrefix: '淮市监罚',
    violationType: '销售不合格产品',
    facts: '销售经抽检不合格的电线电缆（演示数据）',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    penaltyType: '罚款',
    penaltyContent: '没收违法所得，并处罚款人民币三万元',
  },
  {
    department: 'HA-TAX',
    authority: '国家税务总局淮安市税务局',
    documentPrefix: '淮税罚',
    violationType: '未按期申报纳税',
    facts: '未按照规定期限办理纳税申报和报送纳税资料（演示数据）',
    legalBasis: '《中华人民共和国税收征收管理法》第六十二条',
    penaltyType: '罚款',
    penaltyContent: '处罚款人民币五千元',
  },
  {
    department: 'HA-AJJ',
    authority: '淮安市安全生产监督管理局',
    documentPrefix: '淮安监罚',
    violationType: '未按规定开展安全生产教育培训',
    facts: '未如实记录安全生产教育和培训情况（演示数据）',
    legalBasis: '《中华人民共和国安全生产法》第九十七条',
    penaltyType: '警告',
    penaltyContent: '警告，责令限期改正',
  },
] as const;

export async function loadDemoPortal(ctx: DemoPortalDeps): Promise<DemoPortalResult> {
  const organizations = await ctx.subjects.firstRegistered('organization', DEMO_REPAIR_ORGANIZATION + 1);
  const repairing = organizations[DEMO_REPAIR_ORGANIZATION];
  if (!repairing) return { created: 0, repairNotice: 'not_eligible' };
  const operator: Actor = { kind: 'operator', name: 'demo' };
  const push = async (department: string, rows: unknown[]) =>
    (
      await ctx.intake.submit({
        actor: operator,
        providerDepartment: department,
        channel: 'cli',
        mode: 'all_or_nothing',
        rows,
      })
    ).summary.created;
  const representative = (attributes: Record<string, unknown>) =>
    legalRepresentativeName(ctx.subjects, attributes);

  let created = 0;
  // 基础信息: the registration of the companies the portal's lists and notices show (0–40), as the
  // registration authority pushes it (B10(2)); the subject page's first group
  const registered = organizations.slice(0, DEMO_REPAIR_ORGANIZATION + 1);
  const registrations: unknown[] = [];
  for (const [i, o] of registered.entries()) {
    const establishedOn = String(o.attributes.establishedOn ?? '2016-05-20');
    registrations.push({
      item: 'registration',
      providerRecordId: `DEMO-REGISTRATION-${i + 1}`,
      subject: { code: o.code, name: o.name },
      identifiedOn: establishedOn,
      fields: {
        entityType: String(o.attributes.legalForm ?? '有限责任公司'),
        legalRepresentative: await representative(o.attributes),
        establishedOn,
        address: String(o.attributes.registeredAddress ?? '淮安市清江浦区'),
        registrationAuthority: '淮安市工商行政管理局',
        status: '存续',
      },
    });
  }
  created += await push('HA-GSJ', registrations);
  // 行政许可 (双公示): the first twelve companies, licensed by the 行政审批局
  created += await push(
    'HA-SPJ',
    organizations.slice(0, 12).map((o, i) => ({
      item: 'admin-license',
      providerRecordId: `DEMO-LICENSE-${i + 1}`,
      subject: { code: o.code, name: o.name },
      identifiedOn: `2025-0${(i % 9) + 1}-15`,
      fields: {
        documentNumber: `淮审批许〔2025〕${101 + i}号`,
        licenseName: i % 2 === 0 ? '食品经营许可证' : '道路运输经营许可证',
        licenseNumber: `JY1320800${String(100_000 + i)}`,
        licenseType: '普通',
        content: i % 2 === 0 ? '预包装食品销售' : '普通货运',
        validFrom: `2025-0${(i % 9) + 1}-15`,
        validUntil: `2030-0${(i % 9) + 1}-14`,
        authority: '淮安市行政审批局',
      },
    })),
  );
  // 行政处罚 (双公示): the black-listed companies 0–3 and some others; 较重 ones stay current 3 years (B27)
  const penalized = [...organizations.slice(0, 4), ...organizations.slice(36, 40)];
  const penalties: { department: string; row: unknown }[] = [];
  for (const [i, o] of penalized.entries()) {
    const kind = PENALTIES[i % PENALTIES.length]!;
    penalties.push({
      department: kind.department,
      row: {
        item: 'admin-penalty',
        providerRecordId: `DEMO-PENALTY-${i + 1}`,
        subject: { code: o.code, name: o.name },
        severity: i % 4 === 3 ? '一般' : '较重',
        identifiedOn: `2026-0${(i % 6) + 3}-10`,
        fields: {
          documentNumber: `${kind.documentPrefix}〔2026〕${31 + i}号`,
          violationType: kind.violationType,
          facts: kind.facts,
          legalBasis: kind.legalBasis,
          penaltyType: kind.penaltyType,
          penaltyContent: kind.penaltyContent,
          authority: kind.authority,
          legalRepresentative: await representative(o.attributes),
        },
      },
    });
  }
  for (const kind of PENALTIES) {
    const rows = penalties.filter((p) => p.department === kind.department).map((p) => p.row);
    created += await push(kind.department, rows);
  }
  // 信用承诺: commitments made when applying for a licence
  created += await push(
    'HA-SPJ',
    organizations.slice(0, 6).map((o, i) => ({
      item: 'credit-commitment',
      providerRecordId: `DEMO-COMMITMENT-${i + 1}`,
      subject: { code: o.code, name: o.name },
      identifiedOn: `2025-0${(i % 9) + 1}-10`,
      fields: {
        commitmentType: '审批替代型',
        matter: '申请行政许可',
        content: '所提交材料真实有效，违背承诺自愿接受惩戒（演示数据）',
        acceptingUnit: '淮安市行政审批局',
        validUntil: '2030-12-31',
      },
    })),
  );
  // the black-list entry under repair: listed by the tax bureau, its obligations met long since
  const listed = await ctx.intake.submit({
    actor: operator,
    providerDepartment: 'HA-TAX',
    channel: 'cli',
    mode: 'all_or_nothing',
    rows: [
      {
        item: 'blacklist-organization',
        providerRecordId: 'DEMO-BLACK-REPAIR-1',
        subject: { code: repairing.code, name: repairing.name },
        severity: '较重',
        identifiedOn: '2026-03-02',
        fields: {
          registeredAddress: String(repairing.attributes.registeredAddress ?? '淮安市清江浦区'),
          unitNature: '企业',
          facts: '经责令限期改正，逾期仍未改正（演示数据）',
          dishonestyType: 'A6(9) 对违法违规行为拒不改正',
          legalRepresentative: await representative(repairing.attributes),
          documentNumber: '淮税处〔2026〕8号',
          identifyingUnit: '国家税务总局淮安市税务局',
          validUntil: '2029-03-01',
        },
      },
    ],
  });
  created += listed.summary.created;
  const recordId = listed.results[0]?.recordId;
  if (!recordId) return { created, repairNotice: 'not_eligible' };
  return { created, repairNotice: await putUnderNotice(ctx, repairing.id, recordId) };
}

/** 10:00 and 15:00 in China on a day, as ISO instants. */
const at = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

/** The working day before `day` (by the platform's calendar). */
function workdayBefore(calendar: ReturnType<CalendarService['current']>, day: string): string {
  let n = dayNumberOf(day);
  do n--;
  while (!calendar.isWorkday(formatDayNumber(n)).workday);
  return formatDayNumber(n);
}

async function putUnderNotice(
  ctx: DemoPortalDeps,
  subjectId: string,
  recordId: string,
): Promise<DemoPortalResult['repairNotice']> {
  const calendar = ctx.calendar.current();
  const today = ctx.today();
  // the last working day on or before today, and the one before it: the opinion's day
  const lastWorkday = calendar.isWorkday(today).workday ? today : workdayBefore(calendar, today);
  const opinionDay = workdayBefore(calendar, lastWorkday);
  const account = async (login: string): Promise<Actor | undefined> => {
    const found = await ctx.auth.accounts.findByLogin(login);
    if (!found) return undefined;
    return {
      kind: 'account',
      accountId: found.id,
      login: found.login,
      role: found.role,
      departmentCode: found.departmentCode,
      regionCode: found.regionCode,
      subjectId: found.subjectId,
      sessionId: 'demo-load',
    };
  };
  const [center, provider] = [await account('demo.center'), await account('demo.provider')];
  if (!center || !provider) return 'not_eligible';
  let instant = at(opinionDay, 10);
  const repairs = repairsService({ ...ctx, now: () => instant, today: () => opinionDay });
  // one demo repair, whatever became of it
  const filed = await repairs.list(center, { limit: 500 });
  if (filed.some((r) => r.recordId === recordId)) return 'exists';
  const commitment = await repairs.commitment(subjectId, recordId);
  const eligibility = await repairs.eligibility(subjectId, {
    recordId,
    stated: { obligationsMetOn: '2026-03-20' },
  });
  if (eligibility.verdict === 'excluded' || eligibility.verdict === 'not_yet') return 'not_eligible';
  const repair = await repairs.apply(
    center,
    {
      recordId,
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已于 2026-03-20 按要求完成整改并补报全部纳税资料（演示数据）',
      commitmentDigest: commitment.digest,
    },
    { subjectId, purpose: '演示数据：窗口代为申请信用修复' },
  );
  instant = at(opinionDay, 15);
  await repairs.act(provider, repair.id, {
    kind: 'opinion',
    agrees: true,
    reasons: '该企业已完成整改并补报全部纳税资料，不良影响基本消除，同意修复（演示数据）',
    judged: { impactRemoved: true },
  });
  return 'created';
}
