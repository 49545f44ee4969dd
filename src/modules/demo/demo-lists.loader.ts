/**
 * Demo red and black lists (issue 5), pushed through the real intake path as the identifying
 * departments would, so the demo platform shows entries, the A4 cross-check, A11 notices, B26
 * associated entries and checks that hit. Fixed record ids and dates: a second run changes nothing.
 */
import { cliOperator } from '../access/actor.ts';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import type { IntakeService } from '../records/intake.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';
import { legalRepresentativeName } from './legal-representative.ts';

export type DemoListsDeps = {
  subjects: Pick<SubjectsRepository, 'firstRegistered' | 'findById'>;
  intake: Pick<IntakeService, 'submit'>;
};

const demoSubjects = (ctx: DemoListsDeps, kind: 'person' | 'organization', limit: number) =>
  ctx.subjects.firstRegistered(kind, limit);

const GROUNDS = [
  'A6(2) 严重破坏市场公平竞争秩序',
  'A6(4) 严重扰乱社会秩序',
  'A6(1) 严重危害人民群众身体健康和公共安全',
];
const RED_GROUND = 'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉';

export async function loadDemoLists(ctx: DemoListsDeps): Promise<{ created: number }> {
  const organizations = await demoSubjects(ctx, 'organization', 60);
  const persons = await demoSubjects(ctx, 'person', 400);
  if (organizations.length < 20 || persons.length < 10) return { created: 0 };
  const actor = cliOperator();
  const push = async (department: string, rows: unknown[]) =>
    rows.length === 0
      ? 0
      : (
          await ctx.intake.submit({
            actor,
            providerDepartment: department,
            channel: 'cli',
            mode: 'accept_valid',
            rows,
          })
        ).summary.created;
  const representative = (attributes: Record<string, unknown>) =>
    legalRepresentativeName(ctx.subjects, attributes);
  const blackOrganizations = [...organizations.slice(0, 4), ...organizations.slice(20, 36)];
  const representatives = new Map<string, string>();
  for (const o of blackOrganizations) representatives.set(o.code, await representative(o.attributes));
  let created = 0;
  // Red lists first (organizations 0–19, persons 0–4), then black lists: organizations 0–3 were red
  // and are taken off the red list by their black entry (A4).
  created += await push(
    'HA-FGW',
    organizations.slice(0, 20).map((o, i) => ({
      item: 'redlist-organization',
      providerRecordId: `DEMO-RED-ORG-${i + 1}`,
      subject: { code: o.code, name: o.name },
      identifiedOn: '2026-06-01',
      fields: {
        ground: RED_GROUND,
        honorName: '淮安市诚信示范企业',
        identifyingUnit: '淮安市发展和改革委员会',
        documentNumber: `淮发改〔2026〕${i + 1}号`,
        validUntil: '2028-05-31',
      },
    })),
  );
  created += await push(
    'HA-FGW',
    persons.slice(0, 5).map((p, i) => ({
      item: 'redlist-person',
      providerRecordId: `DEMO-RED-PERSON-${i + 1}`,
      subject: { code: p.code, name: p.name },
      identifiedOn: '2026-06-01',
      fields: { ground: RED_GROUND, honorName: '淮安市诚实守信模范', identifyingUnit: '淮安市文明办' },
    })),
  );
  created += await push(
    'HA-GSJ',
    blackOrganizations.map((o, i) => ({
      item: 'blacklist-organization',
      providerRecordId: `DEMO-BLACK-ORG-${i + 1}`,
      subject: { code: o.code, name: o.name },
      severity: i % 3 === 0 ? '严重' : '较重',
      identifiedOn: '2026-09-01',
      fields: {
        registeredAddress: String(o.attributes.registeredAddress ?? '淮安市清江浦区'),
        unitNature: o.attributes.organizationKind === 'state_owned_enterprise' ? '国有企业' : '企业',
        facts: '经查实存在严重失信行为（演示数据）',
        dishonestyType: GROUNDS[i % GROUNDS.length],
        legalRepresentative: representatives.get(o.code)!,
        documentNumber: `淮市监罚〔2026〕${100 + i}号`,
        identifyingUnit: '淮安市工商行政管理局',
        validUntil: '2029-08-31',
      },
    })),
  );
  created += await push(
    'HA-FY',
    // Judgment debtors: four state employees (their employers are told, A11) and eight others.
    [
      ...persons
        .slice(10)
        .filter((p) => typeof p.attributes.employerDepartmentCode === 'string')
        .slice(0, 4),
      ...persons
        .slice(10)
        .filter((p) => typeof p.attributes.employerDepartmentCode !== 'string')
        .slice(0, 8),
    ].map((p, i) => ({
      item: 'blacklist-person',
      providerRecordId: `DEMO-BLACK-PERSON-${i + 1}`,
      subject: { code: p.code, name: p.name },
      severity: '严重',
      identifiedOn: '2026-09-15',
      fields: {
        // A8(1): the employer, 无 where there is none (issue 15 W11)
        employer:
          typeof p.attributes.employerDepartmentCode === 'string'
            ? (SEED_DEPARTMENTS.find((d) => d.code === p.attributes.employerDepartmentCode)?.name ?? '无')
            : '无',
        stateEmployee: typeof p.attributes.employerDepartmentCode === 'string' ? '是' : '否',
        facts: '有履行能力而拒不履行生效判决确定的给付义务（演示数据）',
        dishonestyType: 'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
        legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
        documentNumber: `（2026）苏08执${200 + i}号`,
        identifyingUnit: '淮安市中级人民法院',
        validUntil: '2029-09-14',
      },
    })),
  );
  return { created };
}
