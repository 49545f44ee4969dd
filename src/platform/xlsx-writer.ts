import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A streaming xlsx workbook whose bytes are collected in memory: inline strings (no shared-strings
 * table can keep a value the rows no longer show) and memory proportional to a row while writing.
 * Add sheets and commit their rows, then `bytes()` commits the workbook and returns the file.
 */
export function streamedWorkbook(options: { useStyles: boolean }) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: options.useStyles,
    useSharedStrings: false,
  });
  workbook.creator = 'xinyong';
  return {
    workbook,
    async bytes(): Promise<Buffer> {
      await workbook.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}
