/**
 * Consents to counterparties and the reads made under consents (issue 17 授权管理; B21, B24, A7;
 * decision 0040): a subject names a company or a person on the platform by its code; the counterparty
 * reads, through its own account and for the consent's purpose, only the 授权查询 items the consent
 * covers and the public ones; the subject sees every read under each consent, a department's too.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { signIn as signInAs } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { SEED_CATALOG } from '../catalog/index.ts';
import { citizenId, ORGANIZATION_CODE } from '../catalog/test-support.ts';
import { DEMO_PASSWORD } from '../demo/demo.loader.ts';
import { maskCitizenId, maskPersonName } from '../policy/index.ts';
import {
  clock,
  penalty,
  push,
  type RecordsTestApp,
  recordsTestApp,
  setClock,
} from '../records/test-support.ts';
import type { Subject } from '../subjects/subjects.repository.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;
const PURPOSE = '个人经营贷款审查';
const purpose = (text: string) => ({ 'x-purpose': encodeURIComponent(text) });

describeEachEngine(
  'consents to counterparties, and who read what under each consent (B21, B24)',
  (getStore) => {
    let t: RecordsTestApp;
    const start = clock.now;
    let person: Subject; // demo.person: the granter
    let bank: Subject; // demo.company's organization: the counterparty
    let other: Subject; // another organization with an account of its own, named by no consent
    let landlord: Subject; // a person with an account of their own
    const sessions = new Map<string, Record<string, string>>();
    const as = (login: string) => sessions.get(login)!;

    const grant = (payload: Json, login = 'demo.person') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/consents',
        headers: as(login),
        payload: {
          scope: ['test-authorized-penalty'],
          purpose: PURPOSE,
          expiresOn: '2026-12-31',
          ...payload,
        },
      });
    const readUnder = (login: string, code: string, headers: Record<string, string> = purpose(PURPOSE)) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/consented/${code}/records`,
        headers: { ...as(login), ...headers },
      });
    const myConsents = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: as('demo.person') })).json()
        .consents as Json[];
    const readsOf = async (id: string, query = '') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/consents/${id}/reads${query}`,
        headers: as('demo.person'),
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Json;
    };

    before(async () => {
      t = await recordsTestApp(getStore());
      const penaltyItem = SEED_CATALOG.find((d) => d.code === 'admin-penalty')!;
      for (const [code, usageScope] of [
        ['test-government-penalty', 'government'],
        ['test-authorized-penalty', 'authorized'],
        ['test-authorized-other', 'authorized'],
      ] as const) {
        await t.ctx.catalog.publish({ ...structuredClone(penaltyItem), code, usageScope }, t.ctx.now());
      }
      const subjectOf = async (login: string) =>
        (await t.ctx.subjects.findById((await t.ctx.auth.accounts.findByLogin(login))!.subjectId!))!;
      person = await subjectOf('demo.person');
      bank = await subjectOf('demo.company');
      const all = await t.ctx.subjects.list({ limit: 100, offset: 0 });
      other = all.find((s) => s.kind === 'organization' && s.id !== bank.id)!;
      landlord = all.find((s) => s.kind === 'person' && s.id !== person.id)!;
      for (const [login, subject] of [
        ['other.company', other],
        ['landlord', landlord],
      ] as const) {
        await t.ctx.accountsAdmin.createAccount({
          login,
          displayName: '交易对方（测试）',
          role: 'subject',
          subjectId: subject.id,
          password: DEMO_PASSWORD,
        });
      }
      const subject = { code: person.code, name: person.name };
      const result = await push(t, 'HA-GSJ', [
        penalty(1, { subject, identifiedOn: '2026-10-15' }), // 社会公开
        penalty(2, { subject, item: 'test-government-penalty', identifiedOn: '2026-10-15' }),
        penalty(3, { subject, item: 'test-authorized-penalty', identifiedOn: '2026-10-15' }),
        penalty(4, { subject, item: 'test-authorized-other', identifiedOn: '2026-10-15' }),
      ]);
      assert.equal(result.summary.created, 4, JSON.stringify(result.results));
      for (const login of ['demo.person', 'demo.company', 'demo.user', 'other.company', 'landlord'])
        sessions.set(login, await signInAs(t.app, login));
    });
    after(async () => {
      setClock(new Date(start).toISOString());
      await t.close();
    });

    it('B21, B24: the consent routes are in the API reference, each with its operationId (the first version’s as derived, decision 0037)', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const operationId = (path: string, method: string) => doc.paths[path]?.[method]?.operationId;
      assert.deepEqual(
        [
          operationId('/api/v1/me/consents', 'get'),
          operationId('/api/v1/me/consents', 'post'),
          operationId('/api/v1/me/consents/{id}/reads', 'get'),
          operationId('/api/v1/me/consents/received', 'get'),
          operationId('/api/v1/consented/{code}/records', 'get'),
        ],
        [
          'getMeConsents',
          'postMeConsents',
          'listMyConsentReads',
          'listReceivedConsents',
          'readConsentedRecords',
        ],
      );
      const purpose = doc.paths['/api/v1/consented/{code}/records'].get.parameters.find(
        (p: Json) => p.in === 'header' && p.name === 'x-purpose',
      );
      assert.ok(purpose, 'the purpose header is documented');
    });

    it('B24: a subject names a company by its code; the consent shows it, and the company sees the consent it received', async () => {
      const res = await grant({ granteeSubjectCode: bank.code });
      assert.equal(res.statusCode, 201, res.body);
      const view = res.json();
      assert.equal(view.granteeDepartment, null);
      assert.deepEqual(view.grantee, { kind: 'organization', code: bank.code, name: bank.name });
      assert.equal(view.status, 'active');
      const received = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/consents/received',
        headers: as('demo.company'),
      });
      assert.equal(received.statusCode, 200, received.body);
      const [got] = received.json().consents;
      // while it is live the counterparty sees who granted it in full: it reads the file by that code
      assert.deepEqual(
        [got.id, got.granter, got.purpose, got.status],
        [view.id, { kind: 'person', code: person.code, name: person.name }, PURPOSE, 'active'],
      );
      const none = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/consents/received',
        headers: as('other.company'),
      });
      assert.deepEqual(none.json().consents, []);
    });

    it('B24, A7: naming a person needs the name registered; the consent shows the person masked, to the granter too', async () => {
      const without = await grant({ granteeSubjectCode: landlord.code });
      assert.equal(without.json().error?.code, 'CONSENT_GRANTEE_NAME_REQUIRED', without.body);
      const wrong = await grant({ granteeSubjectCode: landlord.code, granteeName: `${landlord.name}甲` });
      assert.equal(wrong.json().error?.code, 'CONSENT_GRANTEE_UNKNOWN', wrong.body);
      const res = await grant({
        granteeSubjectCode: landlord.code,
        granteeName: landlord.name,
        purpose: '租房信用审查',
      });
      assert.equal(res.statusCode, 201, res.body);
      const masked = {
        kind: 'person',
        code: maskCitizenId(t.ctx.policy, landlord.code),
        name: maskPersonName(t.ctx.policy, landlord.name),
      };
      assert.notEqual(masked.code, landlord.code);
      assert.deepEqual(res.json().grantee, masked);
      assert.deepEqual((await myConsents()).find((c) => c.id === res.json().id)?.grantee, masked);
    });

    it('B24: an unknown code is refused as "not registered" and no more; a wrong check character says which; nothing is stored', async () => {
      const count = (await myConsents()).length;
      const unknownPerson = await grant({
        granteeSubjectCode: citizenId('19850101', '555'),
        granteeName: '王芳',
      });
      const misnamed = await grant({ granteeSubjectCode: landlord.code, granteeName: '王芳' });
      // an unregistered person and a registered one under another name get the one answer
      assert.equal(unknownPerson.statusCode, 400);
      assert.deepEqual(unknownPerson.json().error, misnamed.json().error);
      assert.equal(unknownPerson.json().error.code, 'CONSENT_GRANTEE_UNKNOWN');
      const unknownCompany = await grant({ granteeSubjectCode: ORGANIZATION_CODE });
      assert.equal(unknownCompany.json().error.code, 'CONSENT_GRANTEE_UNKNOWN', unknownCompany.body);
      const badCheck = await grant({
        granteeSubjectCode: `${bank.code.slice(0, 17)}${bank.code.endsWith('0') ? '1' : '0'}`,
      });
      assert.equal(badCheck.json().error.code, 'CONSENT_GRANTEE_CODE_INVALID', badCheck.body);
      assert.match(badCheck.json().error.message, /校验/);
      const both = await grant({ granteeSubjectCode: bank.code, granteeDepartment: 'HA-ZJJ' });
      assert.equal(both.json().error.code, 'CONSENT_GRANTEE_REQUIRED', both.body);
      const self = await grant({ granteeSubjectCode: person.code, granteeName: person.name });
      assert.equal(self.json().error.code, 'CONSENT_GRANTEE_SELF', self.body);
      assert.equal((await myConsents()).length, count, 'nothing stored');
    });

    it('A7, B21, B24: a counterparty reading a person gets only the items the consent names — not the person’s public items, never 政府共享 ones; the read is audited with the consent', async () => {
      const consent = (await myConsents()).find((c) => c.grantee.code === bank.code)!;
      const res = await readUnder('demo.company', person.code);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      // the person's admin-penalty (社会公开) is not published for a person (A7): the consent does not name it
      assert.deepEqual(
        body.records.map((r: Json) => r.item),
        ['test-authorized-penalty'],
      );
      const covered = body.records.find((r: Json) => r.item === 'test-authorized-penalty');
      assert.deepEqual([covered.readBasis, covered.consentId], ['consent', consent.id]);
      // it is told nothing of what else the subject's file holds (A7)
      assert.ok(
        Object.values(body.withheld).every((n) => n === 0),
        JSON.stringify(body.withheld),
      );
      const entries = await Array.fromAsync(t.ctx.audit.repository.entries({ action: 'records.read' }));
      const last = entries.at(-1)!;
      assert.deepEqual(
        [last.result, last.targetId, last.purpose, last.actorRole],
        ['ok', person.id, PURPOSE, 'subject'],
      );
      const [consentId, readId] = (last.detail.consents as [string, string][])[0]!;
      assert.equal(consentId, consent.id);
      assert.equal((await readsOf(consent.id)).reads[0].id, readId);
    });

    it('B21: the counterparty states the consent’s purpose; another purpose, or none, is refused', async () => {
      const none = await readUnder('demo.company', person.code, {});
      assert.deepEqual([none.statusCode, none.json().error.code], [403, 'PURPOSE_REQUIRED']);
      const elsewise = await readUnder('demo.company', person.code, purpose('催收欠款'));
      assert.deepEqual([elsewise.statusCode, elsewise.json().error.code], [403, 'CONSENT_PURPOSE_MISMATCH']);
      assert.deepEqual(elsewise.json().error.details.purposes, [PURPOSE]);
    });

    it('B21: a subject no consent names reads nothing, and an unknown code gets the same answer', async () => {
      const notNamed = await readUnder('other.company', person.code);
      assert.deepEqual([notNamed.statusCode, notNamed.json().error.code], [403, 'CONSENT_REQUIRED']);
      const unknown = await readUnder('other.company', citizenId('19850101', '555'));
      assert.deepEqual(unknown.json().error, notNamed.json().error);
      // a consent to a person is not one to the company, and the reverse (the landlord's is for 租房信用审查)
      const landlordRead = await readUnder('landlord', person.code, purpose('租房信用审查'));
      assert.equal(landlordRead.statusCode, 200, landlordRead.body);
      assert.deepEqual(
        landlordRead
          .json()
          .records.map((r: Json) => [r.item, r.readBasis])
          .sort(),
        [['test-authorized-penalty', 'consent']],
      );
      const staff = await readUnder('demo.user', person.code);
      assert.equal(staff.statusCode, 403);
    });

    it('B21, B33: the granter sees who read what under each consent — a counterparty by name, a department by department, with items and purpose', async () => {
      const toDepartment = await grant({
        granteeDepartment: 'HA-ZJJ',
        scope: ['test-authorized-other'],
        purpose: '公租房资格审查',
      });
      assert.equal(toDepartment.statusCode, 201, toDepartment.body);
      const departmentRead = await t.app.inject({
        method: 'GET',
        url: `/api/v1/subjects/${person.code}/records`,
        headers: { ...as('demo.user'), ...purpose('公租房资格审查') },
      });
      assert.equal(departmentRead.statusCode, 200, departmentRead.body);
      const department = (await t.ctx.departments.findByCode('HA-ZJJ'))!;
      const byDepartment = await readsOf(toDepartment.json().id);
      assert.equal(byDepartment.reads.length, 1);
      const [read] = byDepartment.reads;
      assert.deepEqual(read.reader, {
        kind: 'department',
        code: 'HA-ZJJ',
        name: department.name,
        via: 'staff',
      });
      assert.equal(read.purpose, '公租房资格审查');
      assert.deepEqual(
        read.records.map((r: Json) => [r.item, r.itemName]),
        [['test-authorized-other', SEED_CATALOG.find((d) => d.code === 'admin-penalty')!.name]],
      );
      assert.ok(!JSON.stringify(read).includes('demo.user'), 'the staff member is not named');

      const bankConsent = (await myConsents()).find((c) => c.grantee.code === bank.code)!;
      await readUnder('demo.company', person.code);
      assert.deepEqual(bankConsent.reads.count, 1);
      const first = await readsOf(bankConsent.id, '?limit=1');
      assert.equal(first.reads.length, 1);
      assert.deepEqual(first.reads[0].reader, {
        kind: 'organization',
        code: bank.code,
        name: bank.name,
        via: 'account',
      });
      assert.equal(first.reads[0].purpose, PURPOSE);
      assert.deepEqual(
        first.reads[0].records.map((r: Json) => r.item),
        ['test-authorized-penalty'],
      );
      assert.equal(first.consent.reads.count, 2);
      const second = await readsOf(bankConsent.id, `?limit=1&before=${first.next}`);
      assert.equal(second.reads.length, 1);
      assert.ok(second.reads[0].id < first.reads[0].id, 'newest first');
      assert.equal(second.next, null);

      // another subject's consent is not found, whoever asks
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/consents/${bankConsent.id}/reads`,
        headers: as('demo.company'),
      });
      assert.deepEqual([foreign.statusCode, foreign.json().error.code], [404, 'CONSENT_NOT_FOUND']);
    });

    it('B21, B24: a counterparty reading an organization gets its public items and the consent’s; the organization’s reads log lists every record returned, the public ones too', async () => {
      const subject = { code: bank.code, name: bank.name };
      const pushed = await push(t, 'HA-GSJ', [
        penalty(11, { subject, identifiedOn: '2026-10-16' }), // 社会公开
        penalty(12, { subject, item: 'test-authorized-other', identifiedOn: '2026-10-16' }),
        penalty(13, { subject, item: 'test-authorized-penalty', identifiedOn: '2026-10-16' }),
      ]);
      assert.equal(pushed.summary.created, 3, JSON.stringify(pushed.results));
      const granted = await grant(
        {
          granteeSubjectCode: landlord.code,
          granteeName: landlord.name,
          scope: ['test-authorized-other'],
          purpose: '租赁信用审查',
        },
        'demo.company',
      );
      assert.equal(granted.statusCode, 201, granted.body);
      const res = await readUnder('landlord', bank.code, purpose('租赁信用审查'));
      assert.equal(res.statusCode, 200, res.body);
      const read = (res.json().records as Json[]).map((r) => [r.item, r.readBasis]).sort();
      assert.deepEqual(read, [
        ['admin-penalty', 'public'],
        ['test-authorized-other', 'consent'],
      ]);
      const log = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/consents/${granted.json().id}/reads`,
        headers: as('demo.company'),
      });
      assert.equal(log.statusCode, 200, log.body);
      assert.deepEqual((log.json().reads[0].records as Json[]).map((r) => r.item).sort(), [
        'admin-penalty',
        'test-authorized-other',
      ]);
    });

    it('B21, A7: a revoked consent stops the counterparty’s reads at once; it is kept, and the person who gave it is masked again', async () => {
      const consent = (await myConsents()).find((c) => c.grantee.code === bank.code)!;
      const revoke = await t.app.inject({
        method: 'POST',
        url: `/api/v1/me/consents/${consent.id}/revoke`,
        headers: as('demo.person'),
      });
      assert.equal(revoke.statusCode, 200, revoke.body);
      const after = await readUnder('demo.company', person.code);
      assert.deepEqual([after.statusCode, after.json().error.code], [403, 'CONSENT_REQUIRED']);
      assert.equal((await myConsents()).find((c) => c.id === consent.id)?.status, 'revoked');
      const received = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me/consents/received',
          headers: as('demo.company'),
        })
      ).json().consents as Json[];
      assert.deepEqual(received.find((c) => c.id === consent.id)?.granter, {
        kind: 'person',
        code: maskCitizenId(t.ctx.policy, person.code),
        name: maskPersonName(t.ctx.policy, person.name),
      });
      assert.equal((await readsOf(consent.id)).reads.length, 2, 'the reads made under it stay listed');
    });

    it('B21: a consent ends with its last day (China time): the counterparty reads on that day and not after', async () => {
      const res = await grant({ granteeSubjectCode: bank.code, expiresOn: '2026-11-26' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await readUnder('demo.company', person.code)).statusCode, 200);
      // (signed in again after the clock moves: sessions end when idle)
      const at = async (instant: string) => {
        setClock(instant);
        for (const login of ['demo.person', 'demo.company'])
          sessions.set(login, await signInAs(t.app, login));
      };
      await at('2026-11-26T15:59:59.000Z'); // 23:59:59 in China
      assert.equal((await readUnder('demo.company', person.code)).statusCode, 200);
      await at('2026-11-26T16:00:00.000Z'); // midnight in China: the 27th
      const after = await readUnder('demo.company', person.code);
      assert.deepEqual([after.statusCode, after.json().error.code], [403, 'CONSENT_REQUIRED']);
      assert.equal((await myConsents()).find((c) => c.id === res.json().id)?.status, 'expired');
    });
  },
);
