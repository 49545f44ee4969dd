/**
 * Loading the policy file the platform runs under. Every failure here is a 500 naming the file: the
 * platform cannot apply a policy it cannot read (content handed in by a caller is checked by
 * `parsePolicy` in policy-parse.ts, with 400s). Details always name the file and every problem.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../platform/errors.ts';
import { jsonErrorOffset, lineAndColumn } from './json-position.ts';
import type { Policy } from './policy-file.ts';
import { parseWithStatus } from './policy-parse.ts';

export const DEFAULT_POLICY_PATH: string = fileURLToPath(
  new URL('../../../policies/huaian-2018.json', import.meta.url),
);

/** Reads, JSON-decodes and validates a policy file. Every failure is a 500 naming the file. */
export async function loadPolicyFile(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError(
      'POLICY_FILE_UNREADABLE',
      500,
      `无法读取政策文件 ${path}(${reason}),请检查路径和权限`,
      `Cannot read policy file ${path} (${reason}); check the path and permissions`,
      { file: path, reason },
    );
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const found = jsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, found < 0 ? text.length : found);
    const reason = (error as Error).message;
    throw new AppError(
      'POLICY_JSON_SYNTAX',
      500,
      `政策文件 ${path} 第 ${line} 行第 ${column} 列 JSON 语法错误:${reason}`,
      `Policy file ${path} has a JSON syntax error at line ${line}, column ${column}: ${reason}`,
      { file: path, line, column, reason },
    );
  }
  return parseWithStatus(json, path, 500);
}
