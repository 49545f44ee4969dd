import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from './config.ts';

describe('configuration: the audit anchor log (issue 14 §2)', () => {
  it('anchors every 5 minutes to a file in the data directory unless told otherwise', () => {
    const config = loadConfig({ XINYONG_DATA_DIR: '/srv/xinyong' });
    assert.equal(config.auditAnchorFile, path.resolve('/srv/xinyong/audit-anchors.jsonl'));
    assert.equal(config.auditAnchorEverySeconds, 300);
  });

  it('takes another file, no file (none), another interval or none (0)', () => {
    const config = loadConfig({
      XINYONG_AUDIT_ANCHOR_FILE: '/mnt/worm/anchors.jsonl',
      XINYONG_AUDIT_ANCHOR_EVERY: '60',
    });
    assert.deepEqual(
      [config.auditAnchorFile, config.auditAnchorEverySeconds],
      ['/mnt/worm/anchors.jsonl', 60],
    );
    assert.equal(loadConfig({ XINYONG_AUDIT_ANCHOR_FILE: 'none' }).auditAnchorFile, undefined);
    assert.equal(loadConfig({ XINYONG_AUDIT_ANCHOR_EVERY: '0' }).auditAnchorEverySeconds, 0);
  });

  it('refuses an interval that is not a whole number of seconds', () => {
    assert.throws(() => loadConfig({ XINYONG_AUDIT_ANCHOR_EVERY: '5m' }), /XINYONG_AUDIT_ANCHOR_EVERY/);
    assert.throws(() => loadConfig({ XINYONG_AUDIT_ANCHOR_EVERY: '-1' }), /XINYONG_AUDIT_ANCHOR_EVERY/);
  });
});
