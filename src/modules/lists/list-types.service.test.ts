/**
 * The list types every reader sees (list-types.service.ts): one copy per process, read again when the
 * change feed says reference data changed, when it is a minute old, or when a code it does not know is
 * asked for — so a list type another process adds is never shown as "watch" for long.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../testing/engines.ts';
import { TEST_WRITER } from '../audit/test-support.ts';
import { ensureSeedListTypes } from './list-types.repository.ts';
import { listTypesService } from './list-types.service.ts';
import type { ListType } from './list-types.ts';

const type = (code: string): ListType => ({
  code,
  name: `测试名单 ${code}`,
  nameEn: `test list ${code}`,
  polarity: 'black',
  description: '测试',
});

describeEachEngine('list types as a process sees them', (getStore) => {
  let clock = Date.parse('2026-11-26T08:00:00.000Z');
  const now = () => new Date(clock).toISOString();

  it('a type added by another process: listed within a minute, found at once when asked for by code', async () => {
    await ensureSeedListTypes(getStore().db, now(), TEST_WRITER);
    const here = listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER });
    const elsewhere = listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER });
    assert.deepEqual((await here.list()).map((t) => t.code).sort(), [
      'black',
      'debtor',
      'ec-black',
      'ec-red',
      'red',
      'rural-red',
      'watch',
    ]);
    await elsewhere.add(type('key-watch'));
    assert.equal((await here.byCode()).has('key-watch'), false, 'the copy is under a minute old');
    assert.equal((await here.including(['key-watch'])).get('key-watch')?.polarity, 'black');

    await elsewhere.add(type('later'));
    clock += 61_000;
    assert.ok(
      (await here.list()).some((t) => t.code === 'later'),
      'read again once a minute old',
    );
  });

  it('reads again when told reference data changed, and when the clock goes back', async () => {
    const here = listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER });
    await here.byCode();
    await listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER }).add(type('signalled'));
    here.invalidate();
    assert.ok((await here.byCode()).has('signalled'));
    await listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER }).add(type('rewound'));
    clock -= 3_600_000;
    assert.ok((await here.byCode()).has('rewound'));
  });

  it('refuses a code that is taken: LIST_TYPE_EXISTS', async () => {
    const here = listTypesService({ store: getStore(), now, rowWriter: TEST_WRITER });
    await assert.rejects(here.add(type('red')), (e: { code?: string }) => e.code === 'LIST_TYPE_EXISTS');
  });
});
