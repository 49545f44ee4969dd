import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isLoopbackHost, loadConfig, SHIPPED_POLICY_DIR, shippedPolicyIds } from './config.ts';

describe('configuration', () => {
  it('issue 14 §5: the session cookie is Secure whenever the platform listens beyond loopback', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'xinyong.example.cn']) {
      assert.equal(loadConfig({ HOST: host }).cookieSecure, true, host);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      assert.equal(loadConfig({ HOST: host }).cookieSecure, false, host);
    }
    assert.equal(loadConfig({}).cookieSecure, false, 'the default host is loopback');
  });

  it('issue 14 §5: behind TLS on the same machine XINYONG_COOKIE_SECURE=true marks it Secure on loopback; false is refused beyond it', () => {
    assert.equal(loadConfig({ XINYONG_COOKIE_SECURE: 'true' }).cookieSecure, true);
    assert.equal(loadConfig({ XINYONG_COOKIE_SECURE: 'false' }).cookieSecure, false);
    assert.equal(loadConfig({ HOST: '0.0.0.0', XINYONG_COOKIE_SECURE: 'auto' }).cookieSecure, true);
    assert.throws(
      () => loadConfig({ HOST: '0.0.0.0', XINYONG_COOKIE_SECURE: 'false' }),
      (e: Error & { code?: string; messageEn?: string }) =>
        e.code === 'CONFIG_INVALID' && /loopback/.test(e.messageEn ?? ''),
    );
    assert.throws(() => loadConfig({ XINYONG_COOKIE_SECURE: 'yes' }), /true、false 或 auto/);
  });

  it('knows loopback addresses', () => {
    assert.ok(
      isLoopbackHost('127.0.0.1') && isLoopbackHost('::ffff:127.0.0.1') && isLoopbackHost('LOCALHOST'),
    );
    assert.ok(!isLoopbackHost('128.0.0.1') && !isLoopbackHost('localhost.example.cn') && !isLoopbackHost(''));
  });

  it('issue 14 §5: the key file may be named apart from the data directory', () => {
    const config = loadConfig({
      XINYONG_DATA_DIR: '/var/lib/xinyong',
      XINYONG_KEY_FILE: '/etc/xinyong/keys.json',
    });
    assert.equal(config.keyFile, '/etc/xinyong/keys.json');
    assert.equal(loadConfig({}).keyFile, undefined);
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Environment variables production code reads (tests and their support set their own). */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') visit(full);
        continue;
      }
      if (
        !entry.name.endsWith('.ts') ||
        /\.(test|fixture)\.ts$|test-support\.ts$|test-engines\.ts$/.test(entry.name)
      )
        continue;
      const text = readFileSync(full, 'utf8');
      const file = path.relative(ROOT, full);
      for (const m of text.matchAll(/\bprocess\.env\.([A-Z][A-Z0-9_]*)/g)) found.set(m[1]!, file);
      // loadConfig reads its argument, `env`
      if (file === path.join('src', 'platform', 'config.ts')) {
        for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) found.set(m[1]!, file);
      }
    }
  };
  visit(path.join(ROOT, 'src'));
  return found;
}

it("issue 14 §5: every environment variable the platform reads is in the README's configuration table", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const table = /## 配置 \/ Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const documented = new Set(
    table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!)),
  );
  const read = variablesRead();
  assert.ok(read.size >= 10, `found only ${[...read.keys()].join(', ')}`);
  const missing = [...read]
    .filter(([name]) => !documented.has(name))
    .map(([name, file]) => `${name} (${file})`);
  assert.deepEqual(missing, []);
});

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

describe('configuration: XINYONG_POLICY selects the policy (decision 0034)', () => {
  it('国办发〔2025〕22号 / NDRC Order 36: a shipped policy is named by its id; unset means the default (huaian-2018)', () => {
    assert.equal(
      loadConfig({ XINYONG_POLICY: 'national-2026' }).policyPath,
      path.join(SHIPPED_POLICY_DIR, 'national-2026.json'),
    );
    assert.equal(
      loadConfig({ XINYONG_POLICY: 'huaian-2018' }).policyPath,
      path.join(SHIPPED_POLICY_DIR, 'huaian-2018.json'),
    );
    assert.equal(loadConfig({}).policyPath, undefined);
    assert.equal(loadConfig({ XINYONG_POLICY: ' ' }).policyPath, undefined);
    assert.deepEqual(shippedPolicyIds(), ['huaian-2018', 'national-2026']);
  });

  it('takes a file path as it is, resolved against the working directory', () => {
    assert.equal(
      loadConfig({ XINYONG_POLICY: './policies/city-2026.json' }).policyPath,
      path.resolve('policies/city-2026.json'),
    );
    assert.equal(
      loadConfig({ XINYONG_POLICY: '/etc/xinyong/policy.json' }).policyPath,
      '/etc/xinyong/policy.json',
    );
  });

  it('refuses an id that ships no policy, naming the ones that do, in both languages', () => {
    assert.throws(
      () => loadConfig({ XINYONG_POLICY: 'national-2025' }),
      (e: Error) =>
        /没有这个随附政策;可选:huaian-2018、national-2026/.test(e.message) &&
        /which is no shipped policy; use one of huaian-2018, national-2026/.test(e.message),
    );
  });
});
