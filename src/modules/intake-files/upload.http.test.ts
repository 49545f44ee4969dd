import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { toCount } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildTemplate, type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import { citizenId, penaltyRow } from '../catalog/test-support.ts';
import { recordsRepository } from '../records/records.repository.ts';
import { XLSX_CONTENT } from './error-report.ts';
import {
  bombXlsx,
  cellsOf,
  csvText,
  gb18030,
  heapGrowth,
  UPLOAD_URL,
  uploadTestApp,
  zipEntryTexts,
} from './test-support.ts';

const clock = Date.parse('2026-11-26T02:00:00.000Z');
const FORBIDDEN_FACT = '当事人罹患肺结核仍从事食品经营';
const BAD_CODE = `${citizenId('19800101', '555').slice(0, 17)}0`;

describeEachEngine('spreadsheet and CSV upload (B16; B14 in the error report)', (getStore) => {
  let t: TestApp;
  let item: CatalogItemVersion;
  let auth: Record<string, string>;

  const upload = (body: Buffer, type: string, query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `${UPLOAD_URL}?${query}`,
      headers: { ...auth, 'content-type': type, ...headers },
      payload: body,
    });

  const row = (id: string, overrides: Record<string, unknown> = {}) =>
    penaltyRow({
      providerRecordId: id,
      subject: { code: citizenId('19850607', '231'), name: '王芳' },
      ...overrides,
    });

  before(async () => {
    t = await uploadTestApp(getStore(), () => new Date(clock).toISOString());
    item = (await t.ctx.catalog.current('admin-penalty'))!;
    const key = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-TAX',
      permissions: ['records.write'],
      label: '税务归集系统',
      createdBy: 'test',
    });
    auth = { authorization: `Bearer ${key.key}` };
  });
  after(async () => t.close());

  it('round trip: template → 3 rows filled → upload → per-row results → xlsx error report (B14 value absent)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildTemplate(item)) as never);
    const sheet = workbook.worksheets[0]!;
    const rows = [
      row('XLSX-1'),
      row('XLSX-2', { subject: { code: BAD_CODE, name: '李强' } }),
      row('XLSX-3', { fields: { ...(penaltyRow().fields as object), facts: FORBIDDEN_FACT } }),
    ];
    rows.forEach((r, i) => {
      sheet.getRow(i + 2).values = cellsOf(item, r);
    });
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await upload(file, XLSX_CONTENT, 'item=admin-penalty&mode=accept_valid');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.format, 'xlsx');
    assert.deepEqual(body.summary, {
      total: 3,
      created: 1,
      unchanged: 0,
      newVersion: 0,
      refused: 2,
      aborted: 0,
    });
    const [ok, bad, forbidden] = body.results;
    assert.deepEqual([ok.row, ok.outcome, ok.providerRecordId], [2, 'created', 'XLSX-1']);
    assert.equal(bad.row, 3);
    assert.equal(bad.outcome, 'refused');
    assert.equal(bad.errors[0].field, 'subject.code');
    assert.deepEqual([forbidden.row, forbidden.outcome], [4, 'refused']);
    assert.deepEqual(
      forbidden.errors.map((e: { code: string; field: string }) => [e.code, e.field]),
      [['FORBIDDEN_DATA', 'fields.facts']],
    );
    assert.ok(!res.body.includes(FORBIDDEN_FACT), 'the JSON answer does not echo the value');

    // The same file again, asking for the report: the accepted row is now unchanged (idempotent).
    const again = await upload(file, XLSX_CONTENT, 'item=admin-penalty', { accept: XLSX_CONTENT });
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['content-type'], XLSX_CONTENT);
    const report = again.rawPayload;
    for (const [name, text] of zipEntryTexts(report)) {
      assert.ok(!text.includes(FORBIDDEN_FACT), `forbidden value found in ${name}`);
      assert.ok(!text.includes('罹患'), `forbidden fragment found in ${name}`);
    }
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(report as never);
    const out = read.worksheets[0]!;
    const header = (out.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(-2), ['结果', '原因']);
    const outcome = (r: number) => String(out.getRow(r).getCell(header.length - 1).value);
    const reason = (r: number) => String(out.getRow(r).getCell(header.length).value ?? '');
    assert.equal(outcome(2), '未变化（已报送过）');
    assert.equal(outcome(3), '拒收');
    assert.match(reason(3), /信息主体代码/);
    assert.equal(outcome(4), '拒收');
    assert.match(reason(4), /【违法事实】含有禁止归集/);
    const factsColumn = header.indexOf('违法事实*') + 1;
    assert.ok(factsColumn > 0);
    assert.equal(out.getRow(4).getCell(factsColumn).value ?? '', '', 'the forbidden cell is blank');
    assert.equal(out.getRow(3).getCell(factsColumn).value, '销售经抽检不合格的电线电缆', 'other cells stay');
    const fill = out.getRow(3).getCell(1).fill as { fgColor?: { argb?: string } };
    assert.equal(fill.fgColor?.argb, 'FFFFC7CE', 'refused rows are highlighted');
    assert.equal(JSON.parse(String(again.headers['x-intake-summary'])).unchanged, 1);
    const stored = await recordsRepository(t.ctx.store).versions('HA-TAX', 'XLSX-1');
    assert.equal(stored.length, 1, 'uploaded twice, stored once');
  });

  it('reads CSV in UTF-8 with BOM and in GB18030; headers with *, spaces and full-width forms', async () => {
    const labels = columnsOf(item).map((c) => c.header);
    // Retyped headers: no `*`, spaces and a full-width `＊`, half-width brackets for （万元）.
    const headers = labels.map((h) => h.replace('（万元）', '(万元)'));
    headers[0] = '信息主体代码';
    headers[1] = ' 信息主体名称 ＊';
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(csvText([headers, cellsOf(item, row('CSV-U8-1')), cellsOf(item, row('CSV-U8-2'))])),
    ]);
    const r1 = await upload(utf8, 'text/csv', 'item=admin-penalty');
    assert.equal(r1.statusCode, 200, r1.body);
    assert.equal(r1.json().format, 'csv');
    assert.equal(r1.json().summary.created, 2);

    const gb = gb18030(csvText([labels, cellsOf(item, row('CSV-GB-1')), cellsOf(item, row('CSV-GB-2'))]));
    const r2 = await upload(gb, 'text/csv; charset=gb18030', 'item=admin-penalty');
    assert.equal(r2.statusCode, 200, r2.body);
    assert.equal(r2.json().summary.created, 2);
    const [stored] = await recordsRepository(t.ctx.store).versions('HA-TAX', 'CSV-GB-1');
    assert.equal(stored!.subject_name, '王芳', 'Chinese text decoded from GB18030');
  });

  it('refuses header problems with a code naming the column, before any row is read', async () => {
    const all = columnsOf(item).map((c) => c.header);
    const send = (header: string[]) =>
      upload(Buffer.from(csvText([header, header.map(() => 'x')])), 'text/csv', 'item=admin-penalty');

    const missing = await send(all.filter((h) => h !== '本单位记录编号*'));
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'UPLOAD_COLUMN_MISSING');
    assert.deepEqual(missing.json().error.details.columns, ['本单位记录编号']);

    const unknown = await send([...all, '备注栏']);
    assert.equal(unknown.json().error.code, 'UPLOAD_COLUMN_UNKNOWN');
    assert.deepEqual(unknown.json().error.details.columns, ['备注栏']);

    const forbidden = await send([...all, '血型']);
    assert.equal(forbidden.json().error.code, 'UPLOAD_COLUMN_FORBIDDEN', 'B14 by column name');

    const tax = (await t.ctx.catalog.current('tax-arrears'))!;
    const wrong = await send(columnsOf(tax).map((c) => c.header));
    assert.equal(wrong.json().error.code, 'UPLOAD_WRONG_TEMPLATE');
    assert.equal(wrong.json().error.details.fileItem, 'tax-arrears');
  });

  it('all-or-nothing: one refused row withholds the others; the template example row is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildTemplate(item)) as never);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(3).values = cellsOf(item, row('AON-1'));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(file, XLSX_CONTENT, 'item=admin-penalty&mode=all_or_nothing');
    assert.equal(res.statusCode, 200, res.body);
    const [example, valid] = res.json().results;
    assert.deepEqual([example.row, example.errors[0].code], [2, 'UPLOAD_EXAMPLE_ROW']);
    assert.deepEqual(
      [valid.row, valid.outcome, valid.errors[0].code],
      [3, 'refused', 'RECORD_BATCH_ABORTED'],
    );
    assert.equal((await recordsRepository(t.ctx.store).versions('HA-TAX', 'AON-1')).length, 0);
  });

  it('a file that is not a readable workbook is refused with the reason the reader gave', async () => {
    const refused = async (body: Buffer, label: string) => {
      const res = await upload(body, XLSX_CONTENT, 'item=admin-penalty');
      assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
      const { error } = res.json();
      assert.equal(error.code, 'UPLOAD_FILE_INVALID', `${label}: ${res.body}`);
      return String(error.details.reason);
    };
    assert.match(await refused(Buffer.from('not a zip at all'), 'text'), /does not begin as a zip/);
    // The template cut short: a zip whose central directory is missing.
    const template = Buffer.from(await buildTemplate(item));
    assert.match(await refused(template.subarray(0, 600), 'cut short'), /xlsx reader stopped/);
    // Only the notes sheet left: the data sheet was deleted.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as never);
    workbook.removeWorksheet(workbook.worksheets[0]!.id);
    const notesOnly = Buffer.from(await workbook.xlsx.writeBuffer());
    assert.match(await refused(notesOnly, 'notes only'), /no data sheet: only "填写说明", "选项"/);
  });

  it('refuses an old .xls and a caller without a provider department', async () => {
    const xls = Buffer.from('d0cf11e0a1b11ae1000000', 'hex');
    const res = await upload(xls, 'application/vnd.ms-excel', 'item=admin-penalty');
    assert.equal(res.json().error.code, 'UPLOAD_FORMAT_UNSUPPORTED');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `${UPLOAD_URL}?item=admin-penalty`,
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b\n',
    });
    assert.equal(anonymous.statusCode, 401);
  });

  it('issue 14 §6: a 2 MB xlsx bomb and a 20 MB one-cell CSV are refused (413, the limit named), heap < 64 MB', async () => {
    const count = async () =>
      toCount(
        (
          await t.ctx.store.db
            .selectFrom('records')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bomb = bombXlsx({
      prefix: '<row r="1"><c r="A1" t="inlineStr"><is><t>',
      unit: 'A',
      unpackedBytes: 2 ** 31,
    });
    const liar = bombXlsx({ unit: '<row/>', unpackedBytes: 2 ** 31, declaredSize: 4096 });
    const csv = Buffer.alloc(20 * 1024 * 1024, 'A');
    for (const [label, body, type, code] of [
      ['xlsx bomb', bomb, XLSX_CONTENT, 'UPLOAD_INFLATE_RATIO_EXCEEDED'],
      ['xlsx bomb with lying sizes', liar, XLSX_CONTENT, 'UPLOAD_INFLATE_RATIO_EXCEEDED'],
      ['one-cell CSV', csv, 'text/csv', 'UPLOAD_CELL_TOO_LONG'],
    ] as const) {
      let res: Awaited<ReturnType<typeof upload>> | undefined;
      const { growth } = await heapGrowth(async () => {
        res = await upload(body, type, 'item=admin-penalty&mode=accept_valid');
      });
      assert.equal(res!.statusCode, 413, `${label}: ${res!.body}`);
      const { error } = res!.json();
      assert.equal(error.code, code, label);
      assert.ok(typeof error.details.limit === 'string' && typeof error.details.max === 'number', label);
      assert.ok(growth < 64 * 1024 * 1024, `${label}: heap grew ${growth} bytes`);
    }
    assert.equal(await count(), before, 'nothing written');
  });
});
