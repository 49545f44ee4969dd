/**
 * Evidence files of an objection through the HTTP API, on both engines (issue 16; A15, B28; decision
 * 0033): added by the subject and by the center at a window, judged by their bytes, limited in size
 * and number with nothing stored when refused, named safely, downloaded as attachments by the parties
 * only, superseded rather than replaced, and under row digests.
 */
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { fromJson } from '../../platform/db/engine.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { OBJECTION_EVIDENCE_AUDITED } from '../audit/index.ts';
import { blackOrg, type DemoSubject, listsTestApp, push, setClock } from '../lists/test-support.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from './evidence-files.ts';
import { OBJECTION_EVIDENCE } from './procedure-evidence.repository.ts';
import { JPEG, OFD, PDF, PNG, storedEvidence } from './test-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

const sm3 = (bytes: Uint8Array) => hash('sm3', bytes, 'hex');

describeEachEngine('procedures: evidence files of an objection (A15, B28)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;
  let subject: Record<string, string>;
  let person: Record<string, string>;
  let center: Record<string, string>;
  let office: Record<string, string>;
  let providerKey = '';
  let otherProviderKey = '';
  let n = 0;

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore());
    const account = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    const own = (await t.ctx.subjects.findById(account.subjectId!))!;
    company = { id: own.id, code: own.code, name: own.name, attributes: own.attributes };
    subject = await signIn(t.app, 'demo.company');
    person = await signIn(t.app, 'demo.person');
    center = await signIn(t.app, 'demo.center');
    office = await signIn(t.app, 'demo.office');
    const issue = async (department: string, permissions: string[]) =>
      (
        await t.ctx.accountsAdmin.issueApiKey({
          departmentCode: department,
          permissions: permissions as never,
          label: `${department} 系统`,
          createdBy: 'test',
        })
      ).key;
    providerKey = await issue('HA-GSJ', ['records.write', 'objections.read', 'objections.act']);
    otherProviderKey = await issue('HA-SWJ', ['objections.read', 'objections.act']);
  });
  after(() => t.close());

  const purpose = (headers: Record<string, string>, text = '窗口受理信用异议') => ({
    ...headers,
    'x-purpose': encodeURIComponent(text),
  });
  const bearer = (key: string) => purpose({ authorization: `Bearer ${key}` }, '核实信用异议');

  /** A fresh black listing of the company and the company's own objection to it. */
  async function objection(): Promise<string> {
    const result = await push(t, 'HA-GSJ', [blackOrg(`EV-${++n}`, company)]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/objections',
      headers: subject,
      payload: {
        recordId: result.results[0]!.recordId!,
        ground: 'wrong_or_incomplete',
        explanation: '已缴清欠税，附完税证明',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  }

  /** Uploads a file as the request body; the name and the rest in the query. */
  const upload = (
    id: string,
    bytes: Uint8Array,
    options: {
      as?: 'subject' | 'center';
      query?: Record<string, string>;
      contentType?: string;
    } = {},
  ) => {
    const query = new URLSearchParams(options.query ?? {}).toString();
    const base = options.as === 'center' ? '/api/v1/objections' : '/api/v1/me/objections';
    return t.app.inject({
      method: 'POST',
      url: `${base}/${id}/evidence${query ? `?${query}` : ''}`,
      headers: {
        ...(options.as === 'center' ? purpose(center) : subject),
        'content-type': options.contentType ?? 'application/octet-stream',
      },
      payload: Buffer.from(bytes),
    });
  };
  const stored = (id: string) => storedEvidence(t.ctx.store.db, OBJECTION_EVIDENCE, id);
  const view = async (id: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/v1/me/objections/${id}`, headers: subject })
    ).json() as Json;

  it('A15, B28: the subject adds a PDF and the center a PNG at a window — each judged by its bytes, listed in the objection with name, type, size and SM3, readable back byte for byte', async () => {
    const id = await objection();
    const pdf = await upload(id, PDF, { query: { name: '完税证明.pdf' } });
    assert.equal(pdf.statusCode, 201, pdf.body);
    // a PNG sent as application/pdf: the bytes decide, and the name gets the type's extension
    const png = await upload(id, PNG, {
      as: 'center',
      query: { name: '缴款回单.pdf' },
      contentType: 'application/pdf',
    });
    assert.equal(png.statusCode, 201, png.body);
    const jpeg = await upload(id, JPEG, { query: { name: 'IMG_0001.JPG' } });
    const ofd = await upload(id, OFD, { query: { name: '电子发票.ofd' } });
    assert.deepEqual([jpeg.statusCode, ofd.statusCode], [201, 201], `${jpeg.body} ${ofd.body}`);

    const { evidence } = await view(id);
    assert.deepEqual(
      evidence.map((e: Json) => [e.name, e.type, e.mediaType, e.size, e.sm3, e.addedVia]),
      [
        ['完税证明.pdf', 'pdf', 'application/pdf', PDF.length, sm3(PDF), 'subject'],
        ['缴款回单.pdf.png', 'png', 'image/png', PNG.length, sm3(PNG), 'center'],
        ['IMG_0001.jpg', 'jpeg', 'image/jpeg', JPEG.length, sm3(JPEG), 'subject'],
        ['电子发票.ofd', 'ofd', 'application/ofd', OFD.length, sm3(OFD), 'subject'],
      ],
    );
    // the provider sees the same list in its view of the objection
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/objections/${id}`,
      headers: bearer(providerKey),
    });
    assert.deepEqual(
      theirs.json().evidence.map((e: Json) => e.id),
      evidence.map((e: Json) => e.id),
    );
  });

  it('A15, B28: HTML renamed .pdf and declared application/pdf is refused by its bytes (EVIDENCE_TYPE_NOT_ALLOWED), as is a Word file; nothing is stored', async () => {
    const id = await objection();
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    const res = await upload(id, html, { query: { name: '完税证明.pdf' }, contentType: 'application/pdf' });
    assert.equal(res.statusCode, 415, res.body);
    assert.equal(res.json().error.code, 'EVIDENCE_TYPE_NOT_ALLOWED');
    assert.match(res.json().error.message, /只接受 PDF 文件、JPEG 图片、PNG 图片或 OFD 版式文件/);
    // a zip that is not an OFD package (a .docx is one): refused too
    const docx = Buffer.from(OFD.toString('latin1').replaceAll('OFD.xml', 'doc.xml'), 'latin1');
    const word = await upload(id, docx, { query: { name: '说明.docx' } });
    assert.equal(word.json().error?.code, 'EVIDENCE_TYPE_NOT_ALLOWED', word.body);
    // a form or JSON is not the file itself: said so
    const form = await upload(id, PDF, { contentType: 'multipart/form-data; boundary=x' });
    assert.deepEqual([form.statusCode, form.json().error.code], [415, 'EVIDENCE_BODY_NOT_A_FILE']);
    const empty = await upload(id, Buffer.alloc(0));
    assert.equal(empty.json().error.code, 'EVIDENCE_EMPTY', empty.body);
    assert.equal(await stored(id), 0);
  });

  it('A15, B28: a file over the size limit is EVIDENCE_TOO_LARGE (413), and one file too many EVIDENCE_TOO_MANY (409); nothing is stored', async () => {
    const id = await objection();
    const large = Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x20);
    PDF.copy(large);
    const res = await upload(id, large, { query: { name: 'scan.pdf' } });
    assert.deepEqual([res.statusCode, res.json().error.code], [413, 'EVIDENCE_TOO_LARGE'], res.body);
    assert.match(res.json().error.message, /10 MB/);
    assert.equal(await stored(id), 0);

    for (let i = 0; i < EVIDENCE_MAX_FILES; i++) {
      const ok = await upload(id, PDF, { query: { name: `第${i + 1}页.pdf` } });
      assert.equal(ok.statusCode, 201, ok.body);
    }
    const more = await upload(id, PNG, { as: 'center', query: { name: 'one-more.png' } });
    assert.deepEqual([more.statusCode, more.json().error.code], [409, 'EVIDENCE_TOO_MANY'], more.body);
    assert.equal(await stored(id), EVIDENCE_MAX_FILES);
  });

  it('A15, B28: a name with path parts, markup and invisible characters is kept as text — without the path, JSON-encoded in views, percent-encoded in filename* on download', async () => {
    const id = await objection();
    const given = '../../etc/<img src=x onerror=alert(1)>\u202E"说明"\u0007.pdf';
    const res = await upload(id, PDF, { query: { name: given } });
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    const name = '<img src=x onerror=alert(1)>"说明".pdf';
    assert.equal(res.json().name, name);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/objections/${id}/evidence/${res.json().id}`,
      headers: subject,
    });
    assert.equal(download.statusCode, 200, download.body);
    assert.equal(
      download.headers['content-disposition'],
      `attachment; filename="evidence.pdf"; filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%E8%AF%B4%E6%98%8E%22.pdf`,
    );
    // a name that is only a path becomes the default name
    const bare = await upload(id, JPEG, { query: { name: '../..' } });
    assert.equal(bare.json().name, '证据材料.jpg');
  });

  it('A15, B28, B33: a download is an attachment of the detected type with nosniff and a sandbox CSP, for the subject, the center and the provider (staff reads registered with their purpose); a stranger gets 404', async () => {
    const id = await objection();
    const added = (await upload(id, PNG, { query: { name: '回单.png' } })).json();
    const path = `/api/v1/objections/${id}/evidence/${added.id}`;
    for (const [url, headers] of [
      [`/api/v1/me/objections/${id}/evidence/${added.id}`, subject],
      [path, purpose(center, '审核信用异议')],
      [path, bearer(providerKey)],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        [
          res.headers['content-type'],
          res.headers['x-content-type-options'],
          res.headers['content-security-policy'],
          res.headers['cache-control'],
          res.rawPayload.equals(PNG),
        ],
        ['image/png', 'nosniff', 'sandbox', 'private, no-store', true],
      );
      assert.match(res.headers['content-disposition'] as string, /^attachment; /);
    }
    const reads = await t.ctx.store.db
      .selectFrom('audit_entries')
      .select(['purpose', 'actor_role'])
      .where('action', '=', 'procedures.read')
      .where('target_type', '=', 'objection_evidence')
      .where('target_id', '=', added.id)
      .execute();
    assert.deepEqual(reads.map((r) => r.purpose).sort(), ['审核信用异议', '核实信用异议']);

    // another subject, another provider: as if neither objection nor file existed
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/objections/${id}/evidence/${added.id}`,
      headers: person,
    });
    const elsewhere = await t.app.inject({ method: 'GET', url: path, headers: bearer(otherProviderKey) });
    assert.deepEqual(
      [stranger.statusCode, stranger.json().error.code, elsewhere.statusCode, elsewhere.json().error.code],
      [404, 'OBJECTION_NOT_FOUND', 404, 'OBJECTION_NOT_FOUND'],
    );
    // nor may another subject add to it
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/objections/${id}/evidence`,
      headers: { ...person, 'content-type': 'application/pdf' },
      payload: PDF,
    });
    assert.equal(theirs.statusCode, 404, theirs.body);
    // a file of another objection is not found through this one
    const other = await objection();
    const mixed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/objections/${other}/evidence/${added.id}`,
      headers: subject,
    });
    assert.deepEqual([mixed.statusCode, mixed.json().error.code], [404, 'EVIDENCE_NOT_FOUND']);
  });

  it('A17, B30: the credit office reads evidence once the objection is appealed to it, not before', async () => {
    const id = await objection();
    const added = (await upload(id, PDF, { query: { name: '判决书.pdf' } })).json();
    const url = `/api/v1/objections/${id}/evidence/${added.id}`;
    const headers = purpose(office, '审查信用申诉');
    const before = await t.app.inject({ method: 'GET', url, headers });
    assert.deepEqual([before.statusCode, before.json().error.code], [403, 'OBJECTION_EVIDENCE_FORBIDDEN']);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/objections/${id}/steps`,
      headers: center,
      payload: { kind: 'decided', outcome: 'rejected', reasons: '完税证明日期晚于认定日期' },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    // closed: no more evidence until it is appealed
    const closed = await upload(id, PNG, { query: { name: '补充.png' } });
    assert.deepEqual([closed.statusCode, closed.json().error.code], [409, 'OBJECTION_EVIDENCE_CLOSED']);
    const appealed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/objections/${id}/appeal`,
      headers: subject,
      payload: { reasons: '欠税已于认定前缴清，见补充材料' },
    });
    assert.equal(appealed.statusCode, 200, appealed.body);
    const more = await upload(id, PNG, { query: { name: '补充.png' } });
    assert.equal(more.statusCode, 201, more.body);
    // the provider is told of each file, and during the appeal the credit office too (A16, A17)
    const told = await t.ctx.store.db
      .selectFrom('notifications')
      .select(['recipient_department', 'body'])
      .where('kind', '=', 'objection.evidence_added')
      .execute();
    const forThis = told.filter((n) => fromJson<Json>(n.body).objectionId === id);
    assert.deepEqual(forThis.map((n) => n.recipient_department).sort(), ['HA-GSJ', 'HA-GSJ', 'HA-XYB']);
    const after = await t.app.inject({ method: 'GET', url, headers });
    assert.equal(after.statusCode, 200, after.body);
    assert.ok(after.rawPayload.equals(PDF));
  });

  it('A15, A20: a wrong file is superseded by another with a note, never replaced — both stay stored and readable; a note is required, and a file is superseded once', async () => {
    const id = await objection();
    const first = (await upload(id, JPEG, { query: { name: '拍糊了.jpg' } })).json();
    const noNote = await upload(id, PDF, { query: { name: '清晰版.pdf', supersedes: first.id } });
    assert.deepEqual([noNote.statusCode, noNote.json().error.code], [400, 'EVIDENCE_NOTE_MISSING']);
    const second = await upload(id, PDF, {
      as: 'center',
      query: { name: '清晰版.pdf', supersedes: first.id, note: '原照片模糊，窗口重新扫描' },
    });
    assert.equal(second.statusCode, 201, second.body);
    const again = await upload(id, PNG, {
      query: { name: '又一版.png', supersedes: first.id, note: '再换一次' },
    });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'EVIDENCE_ALREADY_SUPERSEDED']);
    const other = await objection();
    const foreign = await upload(other, PNG, { query: { supersedes: first.id, note: '换到别的异议' } });
    assert.deepEqual([foreign.statusCode, foreign.json().error.code], [404, 'EVIDENCE_NOT_FOUND']);

    const { evidence } = await view(id);
    assert.deepEqual(
      evidence.map((e: Json) => [e.name, e.supersedes, e.supersededBy, e.note]),
      [
        ['拍糊了.jpg', null, second.json().id, null],
        ['清晰版.pdf', first.id, null, '原照片模糊，窗口重新扫描'],
      ],
    );
    const old = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/objections/${id}/evidence/${first.id}`,
      headers: subject,
    });
    assert.ok(old.rawPayload.equals(JPEG));
  });

  it('A15, B28: the evidence routes are in the OpenAPI document, the upload with its query and the file-as-body rule', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/me/objections/{id}/evidence', '/api/v1/objections/{id}/evidence']) {
      const post = doc.paths[path]?.post;
      assert.ok(post, path);
      assert.deepEqual(
        post.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name),
        ['name', 'supersedes', 'note'],
      );
      assert.match(post.description, /request body is the file itself/);
    }
    for (const path of [
      '/api/v1/me/objections/{id}/evidence/{evidenceId}',
      '/api/v1/objections/{id}/evidence/{evidenceId}',
    ])
      assert.ok(doc.paths[path]?.get, path);
  });

  it('A20, B33: the evidence is stored sealed and under row digests — a file replaced in the database is named by audit verify and refused on download, and verifies again once restored', async () => {
    const id = await objection();
    const added = (await upload(id, PDF, { query: { name: '证明.pdf' } })).json();
    const before = await verifyAudit(getStore(), [OBJECTION_EVIDENCE_AUDITED]);
    assert.deepEqual([before.breaks, before.rowProblems], [[], []]);
    // stored sealed: the database holds no byte of the file in the clear
    const { content } = await t.ctx.store.db
      .selectFrom('objection_evidence')
      .select(['content'])
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    const sealed = Buffer.from(content);
    assert.deepEqual([sealed.indexOf('%PDF'), sealed.indexOf('/Catalog')], [-1, -1]);
    const edit = (bytes: Buffer) =>
      t.ctx.store.db
        .updateTable('objection_evidence')
        .set({ content: bytes })
        .where('id', '=', added.id)
        .execute();
    // a file swapped in (in the clear, or a flipped byte of the sealed one) is named by verify, and
    // a download refuses it rather than serve it
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    for (const forged of [Buffer.from(PDF.toString('latin1').replace('1.4', '1.7'), 'latin1'), flipped]) {
      await edit(forged);
      const after = await verifyAudit(getStore(), [OBJECTION_EVIDENCE_AUDITED]);
      assert.deepEqual(
        after.rowProblems.map((p) => [p.table, p.id, p.reason]),
        [['objection_evidence', added.id, 'row_digest_mismatch']],
      );
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/objections/${id}/evidence/${added.id}`,
        headers: subject,
      });
      assert.deepEqual([res.statusCode, res.json().error.code], [500, 'EVIDENCE_DAMAGED']);
    }
    await edit(sealed);
    const restored = await verifyAudit(getStore(), [OBJECTION_EVIDENCE_AUDITED]);
    assert.deepEqual(restored.rowProblems, []);
  });
});
