import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { subjectsRepository } from './subjects.repository.ts';

const sealer = createSealer({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 8) });
const NOW = '2026-11-26T08:00:00.000Z';
const WRITER = { actorId: null, actorRole: 'test', policyId: 'huaian-2018', policyVersion: '1.0.0' };

describeEachEngine('subjects repository', (getStore) => {
  const person = {
    kind: 'person' as const,
    code: '11010519491231002X',
    codeKind: 'citizen_id',
    name: '王芳',
    regionCode: '110105',
    attributes: { gender: 'female', birthDate: '1949-12-31' },
  };

  it('registers a subject and finds it by code through the blind index', async () => {
    const repo = subjectsRepository(getStore(), sealer);
    assert.equal(await repo.ensure([person], NOW, WRITER), 1);
    const found = await repo.findByCode('11010519491231002X');
    assert.equal(found?.name, '王芳');
    assert.equal(found?.code, '11010519491231002X');
    assert.deepEqual(found?.attributes, { gender: 'female', birthDate: '1949-12-31' });
  });

  it('does not store the ID number in plaintext (B33)', async () => {
    const rows = await getStore().db.selectFrom('subjects').selectAll().execute();
    assert.ok(rows.length > 0);
    for (const row of rows) assert.ok(!JSON.stringify(row).includes('11010519491231002X'));
  });

  it('leaves a known code as it is: no duplicate, no silent rename', async () => {
    const repo = subjectsRepository(getStore(), sealer);
    assert.equal(await repo.ensure([{ ...person, name: '王芳芳' }], NOW, WRITER), 0);
    assert.equal(await repo.count('person'), 1);
    assert.equal((await repo.findByCode(person.code))?.name, '王芳');
  });

  it('inserts large batches in chunks within the bind-parameter limit', async () => {
    const repo = subjectsRepository(getStore(), sealer);
    const many = Array.from({ length: 5000 }, (_, i) => ({
      ...person,
      code: `T${String(i).padStart(17, '0')}`,
      name: `测试${i}`,
    }));
    assert.equal(await repo.ensure(many, NOW, WRITER), 5000);
    assert.equal(await repo.count(), 5001);
    const page = await repo.list({ limit: 10, offset: 0 });
    assert.equal(page.length, 10);
  });
});
