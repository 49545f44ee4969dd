/**
 * Large batches have their codes checked and blind-indexed on other threads (code-pool.service.ts). The answer
 * must be exactly the one the calling thread alone gives — same decisions, errors with the same
 * positions and messages, warnings, exceptions (B19, C §5(2)) — whatever mix of codes is sent.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { citizenId, ORGANIZATION_CODE } from '../catalog/test-support.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  redOrg,
  setClock,
} from '../lists/test-support.ts';
import { type CheckSubjectInput, checkEvaluator } from './check-evaluator.service.ts';
import { type CheckIndex, checkIndex } from './check-index.service.ts';
import { type CodePool, codePool, POOL_MIN } from './code-pool.service.ts';

describeEachEngine('code pool: large batches checked on other threads, same answers', (getStore) => {
  let t: TestApp;
  let pool: CodePool;
  let subjects: DemoSubject[];

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 20, organizations: 20 });
    subjects = [...(await demoSubjects(t, 'organization')), ...(await demoSubjects(t, 'person'))];
    await push(t, 'HA-GSJ', [blackOrg('POOL-B', subjects[0]!)]);
    await push(t, 'HA-FGW', [redOrg('POOL-R', subjects[1]!)]);
    // a code whose check character fails, registered as an exception: checked by the main thread
    await t.ctx.codes.registerException({
      code: '913208116967074090',
      reason: '早期颁发的代码（测试）',
      registeredBy: 'test',
      now: t.ctx.now(),
    });
    pool = codePool(() => t.ctx.sealer.blindIndexKey(), 1)!;
  });
  after(async () => {
    await pool.close();
    await t.close();
  });

  let index: CheckIndex | undefined;
  const indexOnce = () => {
    index ??= checkIndex(t.ctx.store);
    return index;
  };
  const evaluator = (withPool: boolean) =>
    checkEvaluator({
      sealer: t.ctx.sealer,
      policy: t.ctx.policy,
      catalog: t.ctx.catalog,
      listTypes: t.ctx.listTypes,
      measures: () => t.ctx.measures.current(),
      checkWithExceptions: (codes, today) => t.ctx.codes.checkMany(codes, today),
      now: () => Date.parse(t.ctx.now()),
      index: indexOnce(),
      pool: withPool ? pool : undefined,
    });

  it('gives exactly the answers of the calling thread for a mixed batch above the pool threshold', async () => {
    const kinds: ((n: number) => CheckSubjectInput)[] = [
      (n) => ({ code: subjects[n % subjects.length]!.code }),
      (n) => ({ code: subjects[n % subjects.length]!.code, name: '不是这个名字' }),
      (n) => ({ code: subjects[n % subjects.length]!.code.toLowerCase() }),
      (n) => ({
        code: ` ${subjects[n % subjects.length]!.code.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)))} `,
      }),
      (n) => ({ code: citizenId(`19${String(50 + (n % 40))}0101`, String(100 + (n % 800))) }), // valid, unknown
      () => ({ code: ORGANIZATION_CODE }),
      () => ({ code: '913208116967074090' }), // exception
      () => ({ code: '320812199003071234' }), // wrong check character
      () => ({ code: '32081219900307123' }), // one short
      () => ({ code: '3208121990030712X3' }), // misplaced X
      () => ({ code: '320812900307123' }), // legacy 15 digits (upgraded, with a warning)
      () => ({ code: '' }),
      () => ({ code: 42 as unknown as string }),
    ];
    const inputs = Array.from({ length: POOL_MIN + 1234 }, (_, n) => kinds[n % kinds.length]!(n));
    const today = '2026-11-26';
    const alone = await evaluator(false).evaluate(inputs, 'public_resource_trading', 0, today);
    const before = pool.chunks();
    const pooled = await evaluator(true).evaluate(inputs, 'public_resource_trading', 0, today);
    const pooledChunks = Math.floor((inputs.length * pool.share) / 1000);
    assert.ok(pooledChunks >= 2, 'most of the batch goes to the pool');
    assert.equal(pool.chunks() - before, pooledChunks, 'checked in chunks by the pool, the rest here');
    assert.deepEqual(pooled, alone);
    const decisions = new Set(pooled.map((r) => r.decision));
    for (const d of ['block', 'favor', 'none', null]) assert.ok(decisions.has(d as never), `${d} present`);
    assert.ok(pooled.some((r) => r.warnings.some((w) => w.code === 'NAME_MISMATCH')));
    assert.ok(pooled.some((r) => r.error?.code === 'CODE_CHECKSUM'));
  });

  it('a thread that stops fails the batch at once instead of leaving it waiting', async () => {
    const own = codePool(() => t.ctx.sealer.blindIndexKey(), 1)!;
    const chunks = own.check(
      Array.from({ length: 5000 }, () => subjects[0]!.code),
      '2026-11-26',
    );
    await own.close();
    const settled = await Promise.allSettled(chunks);
    assert.ok(
      settled.some((s) => s.status === 'rejected'),
      'chunks still in flight are rejected',
    );
    for (const s of settled) if (s.status === 'fulfilled') assert.equal(s.value.checked.length, 1000);
  });

  it('a run through the service gives the same and records the check as usual', async () => {
    const inputs = Array.from({ length: POOL_MIN }, (_, n) => ({
      code: subjects[n % subjects.length]!.code,
    }));
    const result = await t.ctx.checks.run({
      actor: {
        kind: 'system',
        apiKeyId: 'pool-test',
        departmentCode: 'HA-CZJ',
        regionCode: null,
        permissions: ['checks.run'],
      },
      scenario: 'public_resource_trading',
      purpose: '批量核查',
      subjects: inputs,
    });
    assert.equal(result.summary.total, POOL_MIN);
    assert.equal(result.summary.error, 0);
    assert.ok(result.summary.block > 0);
    const header = await t.ctx.store.db
      .selectFrom('checks')
      .select('subject_count')
      .where('id', '=', result.checkId)
      .executeTakeFirstOrThrow();
    assert.equal(header.subject_count, POOL_MIN);
  });
});
