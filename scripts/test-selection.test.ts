/**
 * What `npm run test:fast` leaves to the full run (scripts/test.ts): suites that wire the whole app,
 * directly or through a test-support file, or run the CLI in another process.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { selection } from './browser-tests.ts';
import { wiresTheApp } from './test.ts';

const root = path.resolve(import.meta.dirname, '..');
const at = (file: string) => path.join(root, file);

describe('test:fast selection', () => {
  it('leaves out a suite importing the app harness, directly or through test support', () => {
    const files: Record<string, string> = {
      [at('src/modules/x/direct.test.ts')]: "import { createTestApp } from '../../testing/app.ts';",
      [at('src/modules/x/through.test.ts')]: "import { xTestApp } from './test-support.ts';",
      [at('src/modules/x/test-support.ts')]: "import { createTestApp } from '../../testing/app.ts';",
      [at('src/modules/x/pure.test.ts')]: "import { rule } from './rule.ts';",
      [at('src/modules/x/repo.test.ts')]: "import { describeEachEngine } from '../../testing/engines.ts';",
      [at('src/cli/runs.test.ts')]: "const r = spawnSync(process.execPath, ['x']);",
      [at('src/cli/promisified.test.ts')]: 'const run = promisify(execFile);',
    };
    const read = (file: string) => files[file] ?? '';
    assert.equal(wiresTheApp(at('src/modules/x/direct.test.ts'), read), true);
    assert.equal(wiresTheApp(at('src/modules/x/through.test.ts'), read), true);
    assert.equal(wiresTheApp(at('src/cli/runs.test.ts'), read), true);
    assert.equal(
      wiresTheApp(at('src/cli/promisified.test.ts'), read),
      true,
      'a promisified execFile runs processes too',
    );
    assert.equal(wiresTheApp(at('src/modules/x/pure.test.ts'), read), false);
    assert.equal(wiresTheApp(at('src/modules/x/repo.test.ts'), read), false, 'repository suites are fast');
  });

  it('on this repository: pure and repository suites are in, app and CLI suites out', () => {
    assert.equal(wiresTheApp(at('src/platform/clock.test.ts')), false);
    assert.equal(wiresTheApp(at('src/modules/subjects/subjects.repository.test.ts')), false);
    assert.equal(wiresTheApp(at('src/modules/checks/checks.test.ts')), true);
    assert.equal(wiresTheApp(at('src/cli/cli.test.ts')), true);
    assert.equal(
      wiresTheApp(at('src/modules/audit/audit.cli.test.ts')),
      true,
      'the CLI through promisify(execFile)',
    );
  });
});

describe('browser suites in npm test (issue 17)', () => {
  it('issue 17: the whole run runs the browser suites after the node suites; test:fast runs none', () => {
    assert.deepEqual(selection([], false), { node: 'all', browser: 'all' });
    assert.deepEqual(selection([], true), { node: 'all', browser: 'none' });
  });

  it('issue 17: a path under web/e2e runs those browser suites; any other path, its node suites only', () => {
    assert.deepEqual(selection(['src/app/app.test.ts'], false), {
      node: ['src/app/app.test.ts'],
      browser: 'none',
    });
    assert.deepEqual(selection(['web/e2e'], false), { node: 'none', browser: ['web/e2e'] });
    assert.deepEqual(selection(['src/app/*.test.ts', 'web/e2e/shell.spec.ts'], false), {
      node: ['src/app/*.test.ts'],
      browser: ['web/e2e/shell.spec.ts'],
    });
    assert.deepEqual(selection(['web/e2e/shell.spec.ts'], true), { node: 'none', browser: 'none' });
  });
});
