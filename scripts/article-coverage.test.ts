import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { articlesOf, COVERAGE_FILE, coverageMarkdown, findingsOf } from './article-coverage.ts';

describe('article coverage (issue 15 acceptance)', () => {
  it('reads the articles a test name cites, in every way they are written', () => {
    assert.deepEqual(articlesOf('A14(1), A14(5): a black-listed company is blocked'), ['A14(1)', 'A14(5)']);
    assert.deepEqual(articlesOf('C §5(2): blocked; D§5(1) and D §5 too'), ['C §5(2)', 'D §5(1)', 'D §5']);
    assert.deepEqual(articlesOf('W8, B2: refuses a 12-year-old; B27 validity'), ['B2', 'B27']);
    assert.deepEqual(articlesOf('B31(2)4, B31(1): two repairs; A14(11)'), ['B31(2)', 'B31(1)', 'A14(11)']);
    assert.deepEqual(articlesOf('SHA-256, UTF-8, AB型, 0001 → 0016, TLS1'), []);
    assert.deepEqual(findingsOf('W12, A14(11): honours; W2 and W12 again'), ['W12', 'W2']);
  });

  it('docs/ARTICLE-COVERAGE.md is what `npm run docs:articles` writes from the tests today', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '..', COVERAGE_FILE), 'utf8');
    assert.equal(committed, coverageMarkdown(), 'run `npm run docs:articles` and commit the result');
  });
});
