/**
 * What the portal's pages need beyond the first public API (issue 17), on both engines: the list
 * page's filter options come from the catalog and reference data (A5, A6 grounds by article; the
 * departments that provide the lists, B8), and a report's holder checks the PDF itself — the platform
 * hashes the upload (SM3) and compares it with the digest recorded at issue; the browser computes
 * nothing.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sm3Bytes } from '../../platform/crypto/sm3.ts';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import { publicDisclosureService, REPORT_FILE_MAX_BYTES } from './public-disclosure.service.ts';
import type { IssuedReport } from './report-registry.ts';

// biome-ignore lint/suspicious/noExplicitAny: response JSON read freely in assertions
type Json = Record<string, any>;

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`, 'latin1');

describeEachEngine('public disclosure API: what the portal’s pages need (issue 17)', (getStore) => {
  let t: TestApp;
  let company: DemoSubject;

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 10, organizations: 10 });
    [company] = (await demoSubjects(t, 'organization', (a) => a.organizationKind === 'enterprise')) as [
      DemoSubject,
    ];
    const pushed = await push(t, 'HA-GSJ', [blackOrg('F-1', company, { identifiedOn: '2026-11-20' })]);
    assert.equal(pushed.summary.created, 1, JSON.stringify(pushed.results));
  });
  after(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const upload = (query: string, body: Buffer, contentType = 'application/pdf') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/reports/verify-file?${query}`,
      headers: { 'content-type': contentType },
      payload: body,
    });

  it('A5, A6, B8: the black list’s filters offer its list types, the departments that provide it and the twelve A6 grounds by article, with the words the lists carry', async () => {
    const res = await get('/api/v1/public/lists/black/filters');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.list, 'black');
    assert.ok(
      body.listTypes.some((l: Json) => l.code === 'black'),
      JSON.stringify(body.listTypes),
    );
    assert.ok(!body.listTypes.some((l: Json) => l.code === 'red'));
    const departments = (body.departments as Json[]).map((d) => d.code);
    assert.ok(departments.includes('HA-FY') && departments.includes('HA-GSJ'), departments.join());
    assert.ok(!departments.includes('HA-XYZX'), 'the credit center provides no list');
    const a6 = (body.grounds as Json[]).filter((g) => g.code.startsWith('A6('));
    assert.deepEqual(
      a6.map((g) => g.code),
      Array.from({ length: 12 }, (_, i) => `A6(${i + 1})`),
    );
    assert.equal(
      a6.find((g) => g.code === 'A6(7)')!.label,
      'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
    );
    // each ground offered filters the list: the company's entry is found by the ground it carries
    const entry = (await get('/api/v1/public/lists/black')).json().entries[0] as Json;
    assert.ok(
      (body.grounds as Json[]).some((g) => g.code === entry.ground),
      entry.ground,
    );
    const filtered = await get(`/api/v1/public/lists/black?ground=${encodeURIComponent(entry.ground)}`);
    assert.equal(filtered.json().total, 1);
  });

  it('A5: the red list’s filters offer the four A5 grounds and no black list type', async () => {
    const body = (await get('/api/v1/public/lists/red/filters')).json() as Json;
    assert.deepEqual(
      (body.grounds as Json[]).map((g) => g.code),
      ['A5(1)', 'A5(2)', 'A5(3)', 'A5(4)'],
    );
    assert.deepEqual(
      (body.listTypes as Json[]).map((l) => l.code).filter((c) => c === 'black'),
      [],
    );
  });

  it('C §5(3): an uploaded report PDF is REPORT_NOT_FOUND while no report was issued; a file that is not a PDF, or too large, is refused as such', async () => {
    const query = `no=XYBG-2026-0001&code=${company.code}`;
    const none = await upload(query, pdf('report'));
    assert.deepEqual([none.statusCode, none.json().error.code], [404, 'REPORT_NOT_FOUND']);
    assert.equal(none.headers['cache-control'], 'no-store');
    const text = await upload(query, Buffer.from('not a report'), 'application/octet-stream');
    assert.deepEqual([text.statusCode, text.json().error.code], [400, 'REPORT_FILE_NOT_PDF']);
    assert.match(text.json().error.message, /PDF/);
    const huge = await upload(query, Buffer.concat([pdf(''), Buffer.alloc(REPORT_FILE_MAX_BYTES)]));
    assert.deepEqual([huge.statusCode, huge.json().error.code], [413, 'REPORT_FILE_TOO_LARGE']);
    const missing = await upload('no=XYBG-2026-0001', pdf('report'));
    assert.equal(missing.statusCode, 400);
  });

  it('C §5(3): with a registry, the platform hashes the uploaded PDF (SM3) and says whether it is the file issued; a wrong code answers as an unknown number', async () => {
    const issuedFile = pdf('公共信用信息报告 XYBG-2026-0002');
    const issued: IssuedReport = {
      reportNo: 'XYBG-2026-0002',
      reportType: { code: 'public', name: '公共信用信息报告' },
      issuer: { department: 'HA-XYZX', name: '淮安市公共信用信息中心' },
      subject: { kind: 'organization', name: company.name, code: company.code },
      period: { from: '2023-11-26', to: '2026-11-26' },
      issuedAt: '2026-11-26T02:00:00.000Z',
      pdfSm3: sm3Bytes(issuedFile),
      verificationCode: 'K7Q2M9A',
    };
    const service = publicDisclosureService({
      ...t.ctx,
      openObjections: (keys) => t.ctx.objections.openOnRecords(keys),
      repairs: (keys) => t.ctx.repairs.onRecords(keys),
      reports: {
        find: async (no, code) =>
          no === issued.reportNo && code === issued.verificationCode ? issued : undefined,
      },
    });
    const same = await service.verifyReportFile('XYBG-2026-0002', 'k7q2m9a', issuedFile);
    assert.deepEqual(same.file, { size: issuedFile.length, sm3: issued.pdfSm3, matches: true });
    assert.equal(same.report.subject.name, company.name);
    assert.match(same.message.zh, /^文件一致/);
    const altered = Buffer.from(issuedFile);
    altered[altered.length - 8] = 0x20;
    const changed = await service.verifyReportFile('XYBG-2026-0002', 'K7Q2M9A', altered);
    assert.deepEqual([changed.file.matches, changed.file.sm3 === issued.pdfSm3], [false, false]);
    assert.match(changed.message.zh, /^文件不一致/);
    const wrongCode = await service.verifyReportFile('XYBG-2026-0002', 'K7Q2M9X', issuedFile).catch((e) => e);
    assert.deepEqual([wrongCode.code, wrongCode.status], ['REPORT_NOT_FOUND', 404]);
  });
});
