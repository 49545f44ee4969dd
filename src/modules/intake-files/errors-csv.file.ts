import { closeSync, fsyncSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import { csvLine } from './csv.ts';
import type { UploadRowResult } from './upload-result.ts';

/**
 * `FILE.errors.csv` of a CLI import: one line per error of each row not written — row number, the
 * provider's record id, the column and what to fix. UTF-8 with BOM so Excel shows the Chinese.
 * B14: a forbidden-data error names the column only; no cell value is ever written here.
 */
const HEADER = [
  '行号 row',
  '本单位记录编号 provider record id',
  '列 column',
  '错误代码 code',
  '原因',
  'reason',
];

export type ErrorsFile = {
  /** cuts the file back to `bytes` (a resumed import) or starts it afresh (0) */
  reset(bytes: number): void;
  append(results: readonly UploadRowResult[]): void;
  size(): number;
  close(): void;
};

export function errorsFile(path: string, version: CatalogItemVersion): ErrorsFile {
  const labels = new Map(columnsOf(version).map((c) => [c.target, c.label]));
  let fd: number | undefined;
  const open = () => {
    fd ??= openSync(path, 'a');
    return fd;
  };
  return {
    reset(bytes) {
      if (bytes > 0) truncateSync(path, bytes);
      else {
        closeSync(openSync(path, 'w'));
        writeSync(open(), `\uFEFF${csvLine(HEADER)}`);
      }
    },
    append(results) {
      let text = '';
      for (const result of results) {
        if (result.outcome !== 'refused') continue;
        for (const error of result.errors ?? []) {
          const label = labels.get(error.field) ?? error.field;
          const [zh, en] =
            error.code === 'FORBIDDEN_DATA'
              ? [
                  `【${label}】含有禁止归集的个人信息（B14），整行未写入；请删除该内容后重新报送。`,
                  `${label} holds data the platform may not collect (B14); the row was not written.`,
                ]
              : [error.message, error.messageEn];
          text += csvLine([String(result.row), result.providerRecordId ?? '', label, error.code, zh, en]);
        }
      }
      if (text !== '') {
        const descriptor = open();
        writeSync(descriptor, text);
        // The checkpoint written next records this length: it must be on disk first.
        fsyncSync(descriptor);
      }
    },
    size() {
      try {
        return statSync(path).size;
      } catch {
        return 0;
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
