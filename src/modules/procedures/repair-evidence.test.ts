/**
 * A repair application's proof of performance as files, through the HTTP API on both engines (issue
 * 16: "written application with a 信用承诺书 ... and proof of performance"; A19, B32; 国办发〔2025〕22号:
 * "documents are only proof of performance and the commitment"; decision 0033): added by the
 * applicant or by the center at a window while the repair is open, judged by their bytes, listed in
 * the repair, told to the provider while its opinion is pending, read by the repair's parties only,
 * refused once the repair is closed, and under row digests.
 */
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { REPAIR_EVIDENCE_AUDITED } from '../audit/index.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import { EVIDENCE_MAX_BYTES } from './evidence-files.ts';
import { REPAIR_EVIDENCE } from './procedure-evidence.repository.ts';
import { PDF, PNG, storedEvidence } from './test-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

const sm3 = (bytes: Uint8Array) => hash('sm3', bytes, 'hex');

describeEachEngine('procedures: proof of performance as files of a repair (A19, B32)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let others: DemoSubject[];
  let subject: Record<string, string>;
  let person: Record<string, string>;
  let center: Record<string, string>;
  let office: Record<string, string>;
  let gsjKey = '';
  let zjjKey = '';
  let swjKey = '';
  /** the company's own application on its black listing (A18(1)), open, the opinion pending */
  let own: Json;
  const records: string[] = [];

  const bearer = (key: string, purpose = '办理信用修复') => ({
    authorization: `Bearer ${key}`,
    'x-purpose': encodeURIComponent(purpose),
  });
  const window = (headers: Record<string, string>, purpose = '窗口受理信用修复') => ({
    ...headers,
    'x-purpose': encodeURIComponent(purpose),
  });
  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  before(async () => {
    setClock('2026-01-06T02:00:00.000Z');
    t = await listsTestApp(getStore());
    const account = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    const mine = (await t.ctx.subjects.findById(account.subjectId!))!;
    company = { id: mine.id, code: mine.code, name: mine.name, attributes: mine.attributes };
    others = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')).filter(
      (c) => c.id !== company.id,
    );
    const issue = async (department: string, permissions: string[]) =>
      (
        await t.ctx.accountsAdmin.issueApiKey({
          departmentCode: department,
          permissions: permissions as never,
          label: `${department} 系统`,
          createdBy: 'test',
        })
      ).key;
    gsjKey = await issue('HA-GSJ', ['records.write', 'repairs.read', 'repairs.act', 'inbox.read']);
    zjjKey = await issue('HA-ZJJ', ['records.write', 'repairs.read', 'repairs.act', 'inbox.read']);
    swjKey = await issue('HA-SWJ', ['repairs.read', 'repairs.act', 'inbox.read']);
    // the company black-listed (identified 2026-01-05); three other companies' bidding records (B31)
    const listed = await push(t, 'HA-GSJ', [
      blackOrg('RE-1', company, { identifiedOn: '2026-01-05' }, { validUntil: '2029-01-04' }),
    ]);
    records.push(listed.results[0]!.recordId!);
    for (const [i, c] of others.slice(0, 3).entries()) {
      const res = await push(t, 'HA-ZJJ', [
        {
          item: 'bidding-fraud',
          providerRecordId: `RE-ZJJ-${i}`,
          subject: { code: c.code, name: c.name },
          severity: '一般',
          identifiedOn: '2026-01-05',
          fields: {
            projectName: '淮安市示例道路改造工程',
            conduct: '围标串标',
            facts: '与其他投标人相互串通投标报价',
            handling: '取消中标资格，罚款',
            documentNumber: `淮住建罚〔2026〕${i + 1}号`,
            authority: '淮安市住房和城乡建设局',
          },
        },
      ]);
      assert.equal(res.results[0]!.outcome, 'created', JSON.stringify(res.results[0]));
      records.push(res.results[0]!.recordId!);
    }
    // Monday 2026-09-21: more than six months since the obligations were met (A18(1))
    setClock('2026-09-21T02:00:00.000Z');
    subject = await signIn(t.app, 'demo.company');
    person = await signIn(t.app, 'demo.person');
    center = await signIn(t.app, 'demo.center');
    office = await signIn(t.app, 'demo.office');
    const commitment = (
      await api('GET', `/api/v1/me/repairs/commitment?recordId=${records[0]}`, subject)
    ).json();
    const applied = await api('POST', '/api/v1/me/repairs', subject, {
      recordId: records[0],
      stated: { obligationsMetOn: '2026-03-20' },
      proof: '已缴清罚款，缴款凭证附后',
      commitmentDigest: commitment.digest,
    });
    assert.equal(applied.statusCode, 201, applied.body);
    own = applied.json();
    assert.deepEqual([own.state, own.evidence], ['opinion', []]);
  });
  after(() => t.close());

  /** The center files at a window for another company's B31 record; the repair awaits the opinion. */
  async function atWindow(c: DemoSubject, recordId: string): Promise<Json> {
    const commitment = await api(
      'GET',
      `/api/v1/repairs/commitment?subjectCode=${c.code}&recordId=${recordId}`,
      window(center),
    );
    const res = await api('POST', '/api/v1/repairs', window(center), {
      subjectCode: c.code,
      recordId,
      stated: { correctedOn: '2026-01-20', creditManagementSystemOn: '2026-01-20' },
      proof: '已缴清罚款，整改报告附后',
      commitmentDigest: commitment.json().digest,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }

  const upload = (
    id: string,
    bytes: Uint8Array,
    options: { as?: 'subject' | 'center'; name?: string; contentType?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `${options.as === 'center' ? '/api/v1/repairs' : '/api/v1/me/repairs'}/${id}/evidence${
        options.name ? `?name=${encodeURIComponent(options.name)}` : ''
      }`,
      headers: {
        ...(options.as === 'center' ? window(center) : subject),
        'content-type': options.contentType ?? 'application/octet-stream',
      },
      payload: Buffer.from(bytes),
    });
  const stored = (id: string) => storedEvidence(t.ctx.store.db, REPAIR_EVIDENCE, id);
  const told = async (key: string, repairId: string) =>
    ((await api('GET', '/api/v1/inbox', bearer(key))).json().notifications as Json[]).filter(
      (x) => x.kind === 'repair.evidence_added' && x.body.repairId === repairId,
    );

  it('A19, 国办发〔2025〕22号: the applicant adds its proof as a PDF — listed in the repair with name, type, size and SM3; the provider, its opinion pending, is told once per file and downloads it byte for byte; the center and the credit office read it too', async () => {
    const first = await upload(own.id, PDF, { name: '缴款凭证.pdf' });
    assert.equal(first.statusCode, 201, first.body);
    const second = await upload(own.id, PNG, { name: '整改报告.png' });
    assert.equal(second.statusCode, 201, second.body);
    const view = (await api('GET', `/api/v1/me/repairs/${own.id}`, subject)).json();
    assert.deepEqual(
      view.evidence.map((e: Json) => [e.name, e.type, e.mediaType, e.size, e.sm3, e.addedVia]),
      [
        ['缴款凭证.pdf', 'pdf', 'application/pdf', PDF.length, sm3(PDF), 'subject'],
        ['整改报告.png', 'png', 'image/png', PNG.length, sm3(PNG), 'subject'],
      ],
    );
    // the provider sees the same list, and was told of each file with where to read it
    const theirs = (await api('GET', `/api/v1/repairs/${own.id}`, bearer(gsjKey))).json();
    assert.deepEqual(
      theirs.evidence.map((e: Json) => e.id),
      view.evidence.map((e: Json) => e.id),
    );
    const notices = await told(gsjKey, own.id);
    assert.deepEqual(
      notices.map((x) => [x.body.evidenceId, x.body.opinionDue, x.article]).sort(),
      [
        [first.json().id, '2026-10-12', 'A19'],
        [second.json().id, '2026-10-12', 'A19'],
      ].sort(),
    );
    assert.match(notices[0]!.title, /补充了证明材料.*2026-10-12 前出具修复意见/);
    const url = `/api/v1/repairs/${own.id}/evidence/${first.json().id}`;
    assert.equal(notices.find((x) => x.body.evidenceId === first.json().id)!.body.download, url);
    for (const headers of [
      bearer(gsjKey, '出具信用修复意见'),
      window(center, '审核信用修复'),
      window(office),
    ]) {
      const res = await api('GET', url, headers);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        [res.headers['content-type'], res.headers['x-content-type-options'], res.rawPayload.equals(PDF)],
        ['application/pdf', 'nosniff', true],
      );
      assert.match(res.headers['content-disposition'] as string, /^attachment; /);
    }
    const mine = await api('GET', `/api/v1/me/repairs/${own.id}/evidence/${second.json().id}`, subject);
    assert.ok(mine.rawPayload.equals(PNG));
    // a wrong file is superseded with a note, never replaced: both stay listed (A20)
    const clearer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/repairs/${own.id}/evidence?supersedes=${second.json().id}&note=${encodeURIComponent('原图不清晰')}`,
      headers: { ...subject, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    assert.equal(clearer.statusCode, 201, clearer.body);
    const after = (await api('GET', `/api/v1/me/repairs/${own.id}`, subject)).json();
    assert.deepEqual(
      after.evidence.map((e: Json) => [e.supersedes, e.supersededBy]),
      [
        [null, null],
        [null, clearer.json().id],
        [second.json().id, null],
      ],
    );
    // staff reads registered with their purpose (B33)
    const reads = await t.ctx.store.db
      .selectFrom('audit_entries')
      .select(['purpose'])
      .where('action', '=', 'procedures.read')
      .where('target_type', '=', 'repair_evidence')
      .where('target_id', '=', first.json().id)
      .execute();
    assert.deepEqual(reads.map((r) => r.purpose).sort(), [
      '出具信用修复意见',
      '审核信用修复',
      '窗口受理信用修复',
    ]);
  });

  it('A19, B32: HTML renamed .pdf and declared application/pdf is refused by its bytes, a file over 10 MB as too large; nothing is stored and the provider is told nothing', async () => {
    const before = await stored(own.id);
    const toldBefore = (await told(gsjKey, own.id)).length;
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const typed = await upload(own.id, html, { name: '缴款凭证.pdf', contentType: 'application/pdf' });
    assert.deepEqual([typed.statusCode, typed.json().error.code], [415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    const large = Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x20);
    PDF.copy(large);
    const big = await upload(own.id, large, { name: 'scan.pdf' });
    assert.deepEqual([big.statusCode, big.json().error.code], [413, 'EVIDENCE_TOO_LARGE'], big.body);
    assert.equal(await stored(own.id), before);
    assert.equal((await told(gsjKey, own.id)).length, toldBefore);
  });

  it('A19, B32: another subject, another provider and the record’s provider adding a file are refused — a stranger as if the repair did not exist (404)', async () => {
    const file = (await upload(own.id, PDF, { name: '补充.pdf' })).json();
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/repairs/${own.id}/evidence`,
      headers: { ...person, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    const read = await api('GET', `/api/v1/me/repairs/${own.id}/evidence/${file.id}`, person);
    const elsewhere = await api('GET', `/api/v1/repairs/${own.id}/evidence/${file.id}`, bearer(swjKey));
    assert.deepEqual(
      [theirs.statusCode, read.statusCode, read.json().error.code, elsewhere.json().error.code],
      [404, 404, 'REPAIR_NOT_FOUND', 'REPAIR_NOT_FOUND'],
    );
    // a file of another repair is not found through this one
    const other = await atWindow(others[1]!, records[2]!);
    const mixed = await api('GET', `/api/v1/repairs/${other.id}/evidence/${file.id}`, window(center));
    assert.deepEqual([mixed.statusCode, mixed.json().error.code], [404, 'EVIDENCE_NOT_FOUND']);
  });

  it('B32: the center adds a file at a window with its purpose; once the opinion is given the provider is not told again, and the repair, refused, takes no more files (REPAIR_EVIDENCE_CLOSED)', async () => {
    const repair = await atWindow(others[0]!, records[1]!);
    const added = await upload(repair.id, PDF, { as: 'center', name: '整改报告.pdf' });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().addedVia, 'center');
    const row = await t.ctx.store.db
      .selectFrom('repair_evidence')
      .select(['purpose', 'added_role'])
      .where('id', '=', added.json().id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.purpose, row.added_role], ['窗口受理信用修复', 'center_staff']);
    assert.deepEqual(
      (await told(zjjKey, repair.id)).map((x) => [x.body.evidenceId, x.article]),
      [[added.json().id, 'B32']],
    );
    const against = await api('POST', `/api/v1/repairs/${repair.id}/steps`, bearer(zjjKey), {
      kind: 'opinion',
      agrees: false,
      reasons: '整改报告未载明整改完成日期，不予修复（B31(1)）',
    });
    assert.deepEqual([against.json().state, against.json().evidence.length], ['refused', 1], against.body);
    const late = await upload(repair.id, PNG, { as: 'center', name: '补充.png' });
    assert.deepEqual([late.statusCode, late.json().error.code], [409, 'REPAIR_EVIDENCE_CLOSED'], late.body);
    assert.equal(await stored(repair.id), 1);
    assert.equal((await told(zjjKey, repair.id)).length, 1);
  });

  it('B32: a file added after the provider’s opinion (under public notice) is kept, and the provider is not told — its opinion is no longer pending', async () => {
    const { id } = await atWindow(others[2]!, records[3]!);
    const opinion = await api('POST', `/api/v1/repairs/${id}/steps`, bearer(zjjKey), {
      kind: 'opinion',
      agrees: true,
      reasons: '已纠正失信行为，同意修复',
      judged: { impactRemoved: true },
    });
    assert.equal(opinion.json().state, 'notice', opinion.body);
    const added = await upload(id, PDF, { as: 'center', name: '补充说明.pdf' });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(await told(zjjKey, id), []);
  });

  it('A19, B32: the repair evidence routes are in the OpenAPI document, the upload with its query and the file-as-body rule', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/me/repairs/{id}/evidence', '/api/v1/repairs/{id}/evidence']) {
      const post = doc.paths[path]?.post;
      assert.ok(post, path);
      assert.deepEqual(
        post.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name),
        ['name', 'supersedes', 'note'],
      );
      assert.match(post.description, /20 per repair application/);
    }
    for (const path of [
      '/api/v1/me/repairs/{id}/evidence/{evidenceId}',
      '/api/v1/repairs/{id}/evidence/{evidenceId}',
    ])
      assert.ok(doc.paths[path]?.get, path);
  });

  it('A19, A20: a repair’s file replaced in the database is named by audit verify and refused on download, and verifies again once restored', async () => {
    const added = (await upload(own.id, PDF, { name: '证明.pdf' })).json();
    const before = await verifyAudit(getStore(), [REPAIR_EVIDENCE_AUDITED]);
    assert.deepEqual([before.breaks, before.rowProblems], [[], []]);
    const { content } = await t.ctx.store.db
      .selectFrom('repair_evidence')
      .select(['content'])
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    const sealed = Buffer.from(content);
    // stored sealed: no byte of the file in the clear
    assert.equal(sealed.indexOf('%PDF'), -1);
    const edit = (bytes: Buffer) =>
      t.ctx.store.db
        .updateTable('repair_evidence')
        .set({ content: bytes })
        .where('id', '=', added.id)
        .execute();
    await edit(Buffer.from(PDF.toString('latin1').replace('1.4', '1.7'), 'latin1'));
    const after = await verifyAudit(getStore(), [REPAIR_EVIDENCE_AUDITED]);
    assert.deepEqual(
      after.rowProblems.map((p) => [p.table, p.id, p.reason]),
      [['repair_evidence', added.id, 'row_digest_mismatch']],
    );
    const res = await api('GET', `/api/v1/me/repairs/${own.id}/evidence/${added.id}`, subject);
    assert.deepEqual([res.statusCode, res.json().error.code], [500, 'EVIDENCE_DAMAGED']);
    await edit(sealed);
    assert.deepEqual((await verifyAudit(getStore(), [REPAIR_EVIDENCE_AUDITED])).rowProblems, []);
  });
});
