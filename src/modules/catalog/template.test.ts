import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { SEED_CATALOG } from './catalog.seed.ts';
import { columnsOf, mapHeaders, rowInputOf } from './columns.ts';
import {
  buildTemplate,
  CHOICES_SHEET,
  EXAMPLE_PROVIDER_RECORD_ID,
  exampleRow,
  INSTRUCTIONS_SHEET,
  plainCellValue,
} from './template.ts';
import { OPTIONS, seedItem } from './test-support.ts';
import { validateRecordRow } from './validate-row.ts';

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const sheet = workbook.worksheets[0]!;
  const cells = (row: number) =>
    Array.from({ length: sheet.columnCount }, (_, i) =>
      plainCellValue(sheet.getRow(row).getCell(i + 1).value),
    );
  return { workbook, sheet, headers: cells(1), example: cells(2) };
}

describe('xlsx template per catalog item (B8, B16)', () => {
  for (const code of ['blacklist-person', 'blacklist-organization', 'admin-penalty', 'honor']) {
    it(`round-trips ${code}: headers map back to keys, the example row validates`, async () => {
      const item = seedItem(code);
      const { sheet, headers, example, workbook } = await readBack(await buildTemplate(item));
      const mapping = mapHeaders(item, headers);
      assert.deepEqual(mapping.missing, []);
      assert.deepEqual(mapping.unknown, []);
      assert.deepEqual(
        mapping.columns.map((c) => c?.target),
        columnsOf(item).map((c) => c.target),
      );
      const result = validateRecordRow(item, rowInputOf(item, mapping, example), OPTIONS);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.row.providerRecordId, EXAMPLE_PROVIDER_RECORD_ID);
      assert.equal(sheet.getColumn(1).numFmt, '@', 'codes are text: no 18-digit number rounding');
      assert.ok(workbook.getWorksheet(INSTRUCTIONS_SHEET), 'has the 填写说明 sheet');
    });
  }

  it('writes Chinese headers in order, with * on required columns and severity on negative items (B15)', async () => {
    const { headers } = await readBack(await buildTemplate(seedItem('blacklist-person')));
    assert.deepEqual(headers.slice(0, 5), [
      '公民身份号码*',
      '姓名*',
      '本单位记录编号*',
      '失信程度*',
      '认定日期*',
    ]);
    for (const label of [
      '性别',
      '年龄',
      '工作单位*', // W11: required, 无 where there is none
      '主要失信事实*',
      '失信类型*',
      '认定依据*',
      '处罚文书及文号*',
      '认定单位*',
      '有效期至（移出日期）*',
    ]) {
      assert.ok(headers.includes(label), `A8(1): ${label}`);
    }
    const honor = await readBack(await buildTemplate(seedItem('honor')));
    assert.ok(!honor.headers.includes('失信程度'), 'no severity on positive items');
    assert.equal(honor.headers[0], '信息主体代码*', 'persons and organizations: a neutral subject header');
  });

  it("explains every column, the usage scope (B18) and the item's basis on 填写说明", async () => {
    const names = new Map([['HA-TAX', '国家税务总局淮安市税务局']]);
    const { workbook } = await readBack(
      await buildTemplate(seedItem('tax-arrears'), { departmentName: (code) => names.get(code) }),
    );
    const text: string[] = [];
    workbook.getWorksheet(INSTRUCTIONS_SHEET)!.eachRow((row) => {
      row.eachCell((cell) => {
        text.push(String(plainCellValue(cell.value)));
      });
    });
    const all = text.join('\n');
    for (const expected of [
      '使用范围（B18）',
      '社会公开',
      'B12(3)',
      '欠税余额（元）*',
      'fields.arrearsAmount',
      '一般、较重、严重',
      'B14',
    ]) {
      assert.ok(all.includes(expected), expected);
    }
  });

  it('offers drop-down lists, even for values longer than an inline list allows (A6 grounds)', async () => {
    const { sheet, headers, workbook } = await readBack(await buildTemplate(seedItem('blacklist-person')));
    const column = headers.indexOf('失信类型*') + 1;
    const validation = sheet.getCell(3, column).dataValidation;
    assert.equal(validation.type, 'list');
    const choices = workbook.getWorksheet(CHOICES_SHEET)!;
    assert.equal(choices.state, 'hidden');
    const offered = Array.from({ length: 12 }, (_, i) => choices.getCell(i + 1, column).value);
    assert.deepEqual(
      offered,
      seedItem('blacklist-person').fields.find((f) => f.key === 'dishonestyType')?.values,
    );
  });

  it('maps headers typed without *, with a full-width ＊, as field keys, or the usual subject names', () => {
    const item = seedItem('tax-arrears');
    const mapping = mapHeaders(item, [
      '统一社会信用代码',
      '信息主体名称＊',
      'providerRecordId',
      '失信程度',
      '欠税认定日期 *',
      'taxType',
      '欠税余额（元）',
      '主管税务机关',
    ]);
    assert.deepEqual(mapping.unknown, []);
    assert.deepEqual(mapping.missing, []);
    assert.deepEqual(
      mapping.columns.map((c) => c?.target),
      [
        'subject.code',
        'subject.name',
        'providerRecordId',
        'severity',
        'identifiedOn',
        'fields.taxType',
        'fields.arrearsAmount',
        'fields.taxAuthority',
      ],
    );
  });

  it('flags a header that names forbidden data and refuses a row that fills it (B14)', () => {
    const item = seedItem('tax-arrears');
    const headers = [...columnsOf(item).map((c) => c.header), '血型'];
    const mapping = mapHeaders(item, headers);
    assert.deepEqual(mapping.unknown, [{ index: headers.length - 1, header: '血型', forbidden: true }]);
    const cells = columnsOf(item).map((c) => {
      const example = exampleRow(item) as {
        subject: Record<string, unknown>;
        fields: Record<string, unknown>;
      };
      if (c.target.startsWith('fields.')) return example.fields[c.target.slice(7)];
      if (c.target.startsWith('subject.')) return example.subject[c.target.slice(8)];
      return (example as Record<string, unknown>)[c.target];
    });
    const result = validateRecordRow(item, rowInputOf(item, mapping, [...cells, 'AB型']), OPTIONS);
    assert.deepEqual(!result.ok && result.errors.map((e) => e.code), ['FORBIDDEN_DATA']);
    assert.ok(!JSON.stringify(result).includes('AB型'));
  });

  it('W8, B2: items about persons have the 以自己劳动收入为主要生活来源 column; 是 there reaches subject.selfSupporting', () => {
    const item = seedItem('admin-penalty');
    const column = columnsOf(item).find((c) => c.target === 'subject.selfSupporting')!;
    assert.equal(column.header, '以自己劳动收入为主要生活来源', 'optional: no *');
    assert.match(column.note, /16或17周岁.*B2.*未满16周岁的，信息不予归集/);
    assert.equal(
      columnsOf(seedItem('blacklist-organization')).some((c) => c.target === 'subject.selfSupporting'),
      false,
      'not on items about organizations only',
    );
    const headers = ['公民身份号码', '姓名', '以自己劳动收入为主要生活来源'];
    const row = rowInputOf(item, mapHeaders(item, headers), ['320812200906011234', '李小红', '是']);
    assert.deepEqual(row.subject, { code: '320812200906011234', name: '李小红', selfSupporting: '是' });
  });

  it('W3, A20, B33: every template has the 变更依据编号 column; its value reaches changeBasis, lower-cased, and a malformed one is refused', () => {
    const item = seedItem('blacklist-organization');
    const column = columnsOf(item).find((c) => c.target === 'changeBasis')!;
    assert.equal(column.header, '变更依据编号', 'optional: no *');
    assert.match(column.note, /减轻失信信息的修改必须填写（A20、B33）/);
    const example = exampleRow(item) as Record<string, unknown>;
    const id = '0193A5C2-0000-7000-8000-000000000001';
    const headers = [...columnsOf(item).map((c) => c.header)];
    const cells = columnsOf(item).map((c) => {
      if (c.target === 'changeBasis') return id;
      const [top, key] = c.target.split('.');
      const value = key ? (example[top!] as Record<string, unknown>)[key] : example[c.target];
      return value === undefined ? null : value;
    });
    const row = rowInputOf(item, mapHeaders(item, headers), cells);
    assert.equal(row.changeBasis, id);
    const valid = validateRecordRow(item, row, OPTIONS);
    assert.ok(valid.ok, JSON.stringify(valid));
    assert.equal(valid.row.changeBasis, id.toLowerCase());
    const bad = validateRecordRow(item, { ...row, changeBasis: '淮政复决〔2026〕15号' }, OPTIONS);
    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => [e.code, e.field]), [
      ['CHANGE_BASIS_INVALID', 'changeBasis'],
    ]);
  });

  it("every seed item's example row is valid", () => {
    for (const draft of SEED_CATALOG) {
      const item = seedItem(draft.code);
      const result = validateRecordRow(item, exampleRow(item), OPTIONS);
      assert.ok(result.ok, `${draft.code}: ${JSON.stringify(result)}`);
      assert.deepEqual(result.row.warnings, [], draft.code);
    }
  });
});
