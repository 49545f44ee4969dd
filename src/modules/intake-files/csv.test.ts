import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvParser, csvRows, detectCsvEncoding } from './csv.ts';
import type { SheetRow } from './sheet-row.ts';

const SAMPLE =
  '业务编号,名称,事实\r\n' +
  'R1,"淮安市某某有限公司","未按期申报,逾期 ""三个月"""\r\n' +
  '\r\n' +
  'R2,张三,"第一行\n第二行"\r\n' +
  'R3,李四,';

const EXPECTED: SheetRow[] = [
  { rowNumber: 1, cells: ['业务编号', '名称', '事实'] },
  { rowNumber: 2, cells: ['R1', '淮安市某某有限公司', '未按期申报,逾期 "三个月"'] },
  { rowNumber: 4, cells: ['R2', '张三', '第一行\n第二行'] },
  { rowNumber: 5, cells: ['R3', '李四', ''] },
];

function parseInPieces(text: string, cut: number[]): SheetRow[] {
  const parser = new CsvParser();
  const rows: SheetRow[] = [];
  let from = 0;
  for (const at of [...cut, text.length]) {
    rows.push(...parser.push(text.slice(from, at)));
    from = at;
  }
  return [...rows, ...parser.end()];
}

describe('CSV parsing (spreadsheet upload and CLI import)', () => {
  it('reads quoted commas, doubled quotes and quoted line breaks; row numbers count blank lines', () => {
    assert.deepEqual(parseInPieces(SAMPLE, []), EXPECTED);
  });

  it('gives the same rows wherever the input is cut into chunks', () => {
    for (let a = 0; a <= SAMPLE.length; a++) {
      assert.deepEqual(parseInPieces(SAMPLE, [a]), EXPECTED, `cut at ${a}`);
    }
    for (let a = 1; a < SAMPLE.length; a += 3) {
      assert.deepEqual(parseInPieces(SAMPLE, [a, Math.min(SAMPLE.length, a + 2)]), EXPECTED);
    }
  });

  it('accepts LF and lone CR line ends and a missing final line end', () => {
    assert.deepEqual(
      parseInPieces('a,b\nc,d\re,f', []).map((r) => r.cells),
      [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ],
    );
  });

  it('decodes UTF-8 with a BOM (the BOM is not part of the first header)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称,代码\n甲,乙\n')]);
    const rows = await Array.fromAsync(csvRows([bytes]));
    assert.deepEqual(rows[0]?.cells, ['名称', '代码']);
    assert.equal(detectCsvEncoding(bytes), 'utf-8');
  });

  it('decodes GB18030 (what Excel writes on Chinese Windows) when the bytes are not UTF-8', async () => {
    // "名称,代码\n淮安,清江浦\n" in GB18030.
    const gb = Buffer.from('C3FBB3C62CB4FAC2EB0ABBB4B0B22CC7E5BDADC6D60A', 'hex');
    assert.equal(detectCsvEncoding(gb), 'gb18030');
    const rows = await Array.fromAsync(csvRows([gb.subarray(0, 5), gb.subarray(5)]));
    assert.deepEqual(
      rows.map((r) => r.cells),
      [
        ['名称', '代码'],
        ['淮安', '清江浦'],
      ],
    );
  });

  it('keeps a multi-byte character cut between chunks whole', async () => {
    const bytes = Buffer.from('名称\n清江浦区\n');
    const pieces = [...bytes].map((b) => Uint8Array.of(b));
    const rows = await Array.fromAsync(csvRows(pieces));
    assert.deepEqual(
      rows.map((r) => r.cells[0]),
      ['名称', '清江浦区'],
    );
  });
});
