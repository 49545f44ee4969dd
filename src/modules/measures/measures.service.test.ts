import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { decide } from './decide.ts';
import type { MeasureIssue } from './measure-draft.ts';
import { measuresRepository } from './measures.repository.ts';
import { ensureSeedMeasures, SEED_UPDATE_REASON } from './measures.seed.ts';
import { type MeasuresService, measuresService } from './measures.service.ts';
import { draftOf, type MeasureDraft } from './measures.ts';
import { SEED_MEASURES } from './seed.ts';
import { measuresTestApp } from './test-support.ts';

const office: Actor = {
  kind: 'account',
  accountId: 'account-office-1',
  login: 'office.1',
  role: 'credit_office',
  departmentCode: 'HA-XYB',
  regionCode: '320800',
  subjectId: null,
  sessionId: 'session-1',
};
const seedDraft = (code: string): MeasureDraft =>
  structuredClone(SEED_MEASURES.find((m) => m.code === code)!);

/** The issues of a MEASURE_INVALID refusal. */
async function issuesOf(promise: Promise<unknown>): Promise<MeasureIssue[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'MEASURE_INVALID');
    assert.equal(error.status, 400);
    return error.details?.issues as MeasureIssue[];
  }
  assert.fail('expected MEASURE_INVALID');
}

describeEachEngine('measures catalog (A13, A14, D §5; issue 5 point 4)', (getStore) => {
  let t: TestApp;
  let service: MeasuresService;
  before(async () => {
    t = await measuresTestApp(getStore());
    service = measuresService(t.ctx);
  });
  after(async () => t.close());

  it('seeds every shipped measure once; a second run changes nothing', async () => {
    const first = await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    // The demo loader may already have seeded them; either way they are all there afterwards.
    const current = await service.current();
    assert.deepEqual(
      current.map((m) => m.code),
      SEED_MEASURES.map((m) => m.code).sort(),
    );
    assert.ok(current.every((m) => m.version === 1 && m.publishedBy === null && m.reason === null));
    assert.ok(first.updated.length === 0 && first.kept.length === 0);
    const second = await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    assert.deepEqual(second, { created: [], updated: [], kept: [] });
    service.reload();
    assert.deepEqual(await service.current(), current);
  });

  it('publishes a new version of a seed measure only when the shipped text changed', async () => {
    const repository = measuresRepository(t.ctx.store, t.ctx.rowWriter);
    // As if an older release had shipped another wording of A14(6).
    const older = { ...seedDraft('a14-06-concession'), title: '限制特许经营（旧）' };
    await repository.publish(older, { now: t.ctx.now(), publishedBy: null, reason: 'older seed' });
    const result = await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    assert.deepEqual(result, { created: [], updated: ['a14-06-concession'], kept: [] });
    const history = await service.history('a14-06-concession');
    assert.deepEqual(
      history.map((m) => [m.version, m.title, m.reason]),
      [
        [1, '限制基础设施和公用事业特许经营', null],
        [2, '限制特许经营（旧）', 'older seed'],
        [3, '限制基础设施和公用事业特许经营', SEED_UPDATE_REASON],
      ],
    );
  });

  it('W12, A14(11): a catalog seeded before severities existed gets honours limited to 严重, nothing else changes', async () => {
    const repository = measuresRepository(t.ctx.store, t.ctx.rowWriter);
    // As the release before issue 15 shipped it: the honours of every black-listed subject.
    const older = { ...seedDraft('a14-11-honors'), severities: [] };
    await repository.publish(older, { now: t.ctx.now(), publishedBy: null, reason: 'older seed' });
    const result = await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    assert.deepEqual(result, { created: [], updated: ['a14-11-honors'], kept: [] });
    service.reload();
    const honours = (await service.current()).find((m) => m.code === 'a14-11-honors')!;
    assert.deepEqual([honours.severities, honours.reason], [['严重'], SEED_UPDATE_REASON]);
    // Every other measure has the severities the seed ships (C §6(2)'s are 严重 only too).
    assert.ok(
      (await service.current())
        .filter((m) => m.code !== 'a14-11-honors')
        .every(
          (m) =>
            JSON.stringify(m.severities) ===
            JSON.stringify(SEED_MEASURES.find((s) => s.code === m.code)!.severities),
        ),
    );
  });

  it("W12: a measure's severities are checked like its other fields", async () => {
    const draft = { ...seedDraft('a14-05-public-resource-trading'), code: 'city-w12-severity' };
    const issues = await issuesOf(
      service.publish({ ...draft, severities: ['一般', '特别严重'] }, { actor: office, expect: 'new' }),
    );
    assert.deepEqual(
      issues.map((i) => i.field),
      ['severities.1'],
    );
    const repeated = await issuesOf(
      service.publish({ ...draft, severities: ['严重', '严重'] }, { actor: office, expect: 'new' }),
    );
    assert.deepEqual(
      repeated.map((i) => [i.field, i.code]),
      [['severities', 'MEASURE_VALUE_REPEATED']],
    );
  });

  it('keeps a version 2 the credit office published, old version still readable', async () => {
    const edited = {
      ...seedDraft('a14-07-share-transfer-listing'),
      implementingDepartments: ['HA-JRB', 'HA-RH'],
    };
    const result = await service.publish(edited, {
      actor: office,
      reason: '增加人民银行为实施部门',
      requestId: 'r-1',
    });
    assert.equal(result.outcome, 'new_version');
    assert.equal(result.measure.version, 2);
    assert.equal(result.measure.publishedBy, 'account-office-1');
    const [v1, v2] = await service.history('a14-07-share-transfer-listing');
    assert.deepEqual(v1?.implementingDepartments, ['HA-JRB']);
    assert.deepEqual(v2?.implementingDepartments, ['HA-JRB', 'HA-RH']);
    assert.equal(v2?.reason, '增加人民银行为实施部门');
    // The service's own publication refreshes its cached catalog.
    const current = (await service.current()).find((m) => m.code === 'a14-07-share-transfer-listing');
    assert.equal(current?.version, 2);
    // The seed does not overwrite the city's edit.
    const seeded = await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    assert.deepEqual(seeded.kept, ['a14-07-share-transfer-listing']);
    assert.equal((await service.history('a14-07-share-transfer-listing')).length, 2);
    // Republishing the same content adds nothing.
    const again = await service.publish(edited, { actor: office, reason: '重复提交' });
    assert.equal(again.outcome, 'unchanged');
    assert.equal(again.measure.version, 2);
  });

  it('audits every publication with the actor, version and reason', async () => {
    const entries = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'measure.publish' }));
    const entry = entries.find(
      (e) => e.targetId === 'a14-07-share-transfer-listing' && e.detail.version === 2,
    );
    assert.ok(entry);
    assert.equal(entry.actorId, 'account-office-1');
    assert.equal(entry.actorRole, 'credit_office');
    assert.equal(entry.targetType, 'measure');
    assert.equal(entry.requestId, 'r-1');
    assert.equal(entry.detail.reason, '增加人民银行为实施部门');
    assert.equal(entry.detail.outcome, 'new_version');
  });

  it('requires a reason for a new version, and knows new from existing', async () => {
    await assert.rejects(
      service.publish(
        { ...seedDraft('a14-08-internet-services'), title: '限制互联网信息服务' },
        { actor: office },
      ),
      { code: 'MEASURE_REASON_REQUIRED' },
    );
    await assert.rejects(
      service.publish(seedDraft('a14-08-internet-services'), { actor: office, reason: 'x', expect: 'new' }),
      { code: 'MEASURE_EXISTS' },
    );
    await assert.rejects(
      service.publish(
        { ...seedDraft('a14-08-internet-services'), code: 'no-such-measure' },
        {
          actor: office,
          reason: '修改',
          expect: 'existing',
        },
      ),
      { code: 'MEASURE_NOT_FOUND' },
    );
  });

  it('creates a measure the city adds, bound to a list type the city added', async () => {
    await t.ctx.store.db
      .insertInto('list_types')
      .values({
        code: 'ecommerce_black',
        name: '电子商务领域失信黑名单',
        name_en: 'e-commerce black list',
        polarity: 'black',
        description: 'D §5(2)',
        created_at: t.ctx.now(),
        updated_at: t.ctx.now(),
      })
      .execute();
    const draft = {
      ...seedDraft('d5-2-platform-sanctions'),
      code: 'city-ecommerce-platform',
      listTypes: ['ecommerce_black'],
    };
    const result = await service.publish(draft, { actor: office, expect: 'new' });
    assert.equal(result.outcome, 'created');
    assert.equal(result.measure.version, 1);
    const listed = await service.list({ listType: 'ecommerce_black' });
    assert.deepEqual(
      listed.map((m) => m.code),
      ['city-ecommerce-platform'],
    );
  });

  it('refuses a draft naming an unknown scenario, department or list type, each at its path', async () => {
    const draft = {
      ...seedDraft('a14-05-public-resource-trading'),
      code: 'city-bad',
      scenarios: ['public_resource_trading', 'space_travel'],
      implementingDepartments: ['HA-NOPE', 'HA-FGW'],
      listTypes: ['black', 'grey'],
    };
    const issues = await issuesOf(service.publish(draft, { actor: office }));
    assert.deepEqual(
      issues.map((i) => [i.field, i.code]),
      [
        ['scenarios.1', 'MEASURE_SCENARIO_UNKNOWN'],
        ['listTypes.1', 'MEASURE_LIST_TYPE_UNKNOWN'],
        ['implementingDepartments.0', 'MEASURE_DEPARTMENT_UNKNOWN'],
      ],
    );
    assert.ok(issues.every((i) => i.message.length > 0 && i.message_en.length > 0));
    assert.match(issues[0]!.message, /space_travel/);
    assert.match(issues[0]!.message_en, /unknown scenario space_travel/);
    assert.equal((await service.history('city-bad')).length, 0);
  });

  it('refuses an effect that does not fit the list (incentives for red, punishments for black)', async () => {
    const favourTheDishonest = {
      ...seedDraft('a13-4-no-bid-deposit'),
      code: 'city-wrong',
      listTypes: ['black'],
    };
    const issues = await issuesOf(service.publish(favourTheDishonest, { actor: office }));
    assert.deepEqual(
      issues.map((i) => [i.field, i.code]),
      [['effect', 'MEASURE_EFFECT_POLARITY']],
    );
    const blockOnWatch = {
      ...seedDraft('a14-05-public-resource-trading'),
      code: 'city-watch',
      listTypes: ['watch'],
    };
    assert.equal(
      (await issuesOf(service.publish(blockOnWatch, { actor: office })))[0]?.code,
      'MEASURE_EFFECT_POLARITY',
    );
  });

  it('refuses a malformed draft with every field path', async () => {
    const { title: _title, ...untitled } = seedDraft('a14-02-licensing');
    const issues = await issuesOf(
      service.publish({ ...untitled, code: 'Bad Code', effect: 'punish', legalBasis: [] }, { actor: office }),
    );
    assert.deepEqual(issues.map((i) => i.field).sort(), ['code', 'effect', 'legalBasis', 'title']);
    assert.ok(issues.every((i) => i.code === 'MEASURE_FIELD_INVALID' && i.message.startsWith('格式不符')));
  });

  it('retires a measure as a new inactive version that checks no longer apply', async () => {
    const result = await service.retire('a14-04-project-approval', {
      actor: office,
      reason: '政策调整，暂停执行',
    });
    assert.equal(result.measure.version, 2);
    assert.equal(result.measure.active, false);
    const history = await service.history('a14-04-project-approval');
    assert.deepEqual(
      history.map((m) => m.active),
      [true, false],
    );
    assert.ok(
      !(await service.list({ scenario: 'project_approval' })).some(
        (m) => m.code === 'a14-04-project-approval',
      ),
    );
    assert.ok(
      (await service.list({ includeRetired: true })).some((m) => m.code === 'a14-04-project-approval'),
    );
    const entry = {
      listType: 'black',
      polarity: 'black',
      origin: 'listed',
      subjectKind: 'organization',
    } as const;
    assert.deepEqual(decide([entry], await service.current(), 'project_approval'), {
      decision: 'warn',
      measures: [],
    });
    const audit = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'measure.retire' }));
    assert.equal(audit.at(-1)?.targetId, 'a14-04-project-approval');
  });

  it('keeps the catalog in memory: another process sees an edit after reload()', async () => {
    const other = measuresService(t.ctx);
    const before = (await other.current()).find((m) => m.code === 'a14-15-public-exposure');
    const changed = { ...draftOf(before!), implementingDepartments: ['HA-XYZX'] };
    await service.publish(changed, { actor: office, reason: '由信用中心统一曝光' });
    assert.equal((await other.current()).find((m) => m.code === 'a14-15-public-exposure')?.version, 1);
    other.reload();
    assert.equal((await other.current()).find((m) => m.code === 'a14-15-public-exposure')?.version, 2);
    // The cached measures cannot be changed by a caller by accident.
    const cached = (await other.current())[0]!;
    assert.throws(() => {
      (cached.scenarios as string[]).push('honors');
    }, TypeError);
  });

  it('a process that runs no checks lists another process’s edit within a minute', async () => {
    let clock = Date.parse(t.ctx.now());
    const other = measuresService({ ...t.ctx, now: () => new Date(clock).toISOString() });
    const code = 'a14-15-public-exposure';
    const listed = async () => (await other.list()).find((m) => m.code === code)?.implementingDepartments;
    const before = await listed();
    const measure = (await service.current()).find((m) => m.code === code)!;
    const departments = before?.includes('HA-FGW') ? ['HA-XYZX'] : ['HA-XYZX', 'HA-FGW'];
    await service.publish(
      { ...draftOf(measure), implementingDepartments: departments },
      { actor: office, reason: '调整实施部门' },
    );
    clock += 59_000;
    assert.deepEqual(await listed(), before, 'under a minute old: the copy in memory');
    clock += 2_000;
    assert.deepEqual(await listed(), departments, 'a minute old: read again');
  });
});
