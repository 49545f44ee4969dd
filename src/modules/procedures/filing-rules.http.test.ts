/**
 * Issue 17: the objection form and the evidence upload show the rules the procedures apply — the grounds
 * a filing accepts, the policy's deadlines, the files an upload takes — from the API, not the page.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from './evidence-files.ts';
import { GROUND_LABELS } from './objection-procedure.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

describeEachEngine('procedures: the filing rules a form shows', (getStore) => {
  let t: TestApp;
  let rules: Json;
  let doc: Json;
  before(async () => {
    t = await createTestApp(getStore());
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/procedures/filing-rules' });
    assert.equal(res.statusCode, 200, res.body);
    rules = res.json();
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  after(() => t.close());

  it('A15, B14, B27, A4, B28, issue 17: the grounds listed are exactly those a filing accepts, labelled with their articles', () => {
    const body =
      doc.paths['/api/v1/me/objections'].post.requestBody.content['application/json'].schema.properties;
    assert.deepEqual(
      rules.objection.grounds.map((g: Json) => g.code),
      body.ground.enum,
    );
    for (const ground of rules.objection.grounds) {
      const label = GROUND_LABELS[ground.code as keyof typeof GROUND_LABELS];
      assert.equal(ground.label, label.zh);
      assert.equal(ground.article, label.article);
      assert.ok(ground.hint.length > 0);
    }
  });

  it('A16, B29, issue 17: the deadlines shown are the policy’s working days', () => {
    const { review, providerVerification, correction } = t.ctx.policy.objection;
    assert.deepEqual(rules.objection.review, { workdays: review.workdays, basis: review.basis });
    assert.equal(rules.objection.providerVerification.workdays, providerVerification.workdays);
    assert.equal(rules.objection.correction.workdays, correction.workdays);
  });

  it('A15, B28, A19, issue 17: the files listed are those the uploads take, with the limits they enforce', () => {
    for (const path of ['/api/v1/me/objections/{id}/evidence', '/api/v1/me/repairs/{id}/evidence']) {
      const declared = Object.keys(doc.paths[path].post.requestBody.content).filter(
        (type) => type !== 'application/octet-stream',
      );
      assert.deepEqual(
        rules.evidence.types.map((type: Json) => type.mediaType),
        declared,
        path,
      );
    }
    assert.equal(rules.evidence.maxBytes, EVIDENCE_MAX_BYTES);
    assert.equal(rules.evidence.maxFiles, EVIDENCE_MAX_FILES);
    assert.match(rules.evidence.summary, /10 MB/);
  });
});
