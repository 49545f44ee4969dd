import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noReferenceDataMessage, type StartupFacts, startupWarnings } from './startup-checks.ts';

const deployment: StartupFacts = {
  sqliteFile: '/var/lib/xinyong/xinyong.db',
  sqliteFileMode: 0o100600,
  keySource: 'environment',
  demoEnvironment: false,
  demoAccounts: false,
  admins: 1,
};

describe('what serve says on start (issue 14 §0, §5)', () => {
  it('issue 14 §5: nothing for a deployment set up as the README says', () => {
    assert.deepEqual(startupWarnings(deployment), []);
    assert.deepEqual(startupWarnings({ ...deployment, keySource: '/etc/xinyong/keys.json' }), []);
    assert.deepEqual(
      startupWarnings({
        ...deployment,
        sqliteFile: undefined,
        sqliteFileMode: undefined,
        keySource: '/srv/keys.json',
      }),
      [],
      'PostgreSQL: no file beside which a key file could sit',
    );
  });

  it('issue 14 §5: warns when the key file sits beside the database, outside demo mode', () => {
    const beside = { ...deployment, keySource: '/var/lib/xinyong/keys.json' };
    const [warning, ...rest] = startupWarnings(beside);
    assert.match(warning ?? '', /key file sits beside the database/);
    assert.match(warning ?? '', /XINYONG_KEY_FILE/);
    assert.deepEqual(rest, []);
    const demo = startupWarnings({ ...beside, demoEnvironment: true, demoAccounts: true });
    assert.deepEqual(demo, [], 'a demonstration keeps its keys in ./data');
  });

  it('issue 14 §0: warns when the demo accounts exist outside a demo environment', () => {
    const [warning, ...rest] = startupWarnings({ ...deployment, demoAccounts: true, admins: 0 });
    assert.match(warning ?? '', /demo accounts, whose password the README publishes/);
    assert.deepEqual(rest, [], 'not also "no administrator": demo.admin is one');
  });

  it('issue 14 §5: warns when others may read the database file', () => {
    const [warning] = startupWarnings({ ...deployment, sqliteFileMode: 0o100644 });
    assert.match(warning ?? '', /mode 644.*chmod 600/s);
  });

  it('issue 14 §0: says how to create the first administrator when there is none', () => {
    const [warning] = startupWarnings({ ...deployment, admins: 0 });
    assert.match(warning ?? '', /xinyong user create --login admin --role admin/);
  });

  it('issue 15, W4: says when this release corrects reference data that xinyong init has not loaded yet', () => {
    assert.deepEqual(startupWarnings({ ...deployment, pendingSeed: { catalogItems: [], measures: [] } }), []);
    const [warning, ...rest] = startupWarnings({
      ...deployment,
      pendingSeed: { catalogItems: ['judgment-debtor'], measures: [] },
    });
    assert.deepEqual(rest, []);
    assert.match(warning!, /目录项 1 个：judgment-debtor；措施 0 项.*xinyong init/);
    assert.match(warning!, /1 catalog items: judgment-debtor; 0 measures\). Run xinyong init/);
  });

  it('issue 14 §0: names what is missing and what to run instead', () => {
    const message = noReferenceDataMessage(['departments', 'measures'], 'sqlite:/x.db');
    assert.match(message, /missing: departments, measures/);
    assert.match(message, /xinyong init/);
    assert.match(message, /xinyong demo/);
  });
});
