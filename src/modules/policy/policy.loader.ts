/**
 * Loading and validating a policy file, and fingerprinting its content.
 *
 * Status codes: `parsePolicy` rejects content handed in by a caller (e.g. an uploaded policy) with 400;
 * `loadPolicyFile` reads the platform's own configuration, so every failure there is a 500 — the
 * platform cannot apply a policy it cannot read. Details always name the file and every problem.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../platform/errors.ts';
import { jsonErrorOffset, lineAndColumn } from './json-position.ts';
import { type PolicyIssue, toPolicyIssues } from './policy.messages.ts';
import { type Policy, PolicySchema, semanticIssues } from './policy-file.ts';

/** Huai'an's 2018 policy, shipped with the platform. */
export const DEFAULT_POLICY_PATH: string = fileURLToPath(
  new URL('../../../policies/huaian-2018.json', import.meta.url),
);

export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

/**
 * Validates without throwing: shape first (every shape problem at once), then, when the shape is
 * sound, the checks that relate numbers to each other.
 */
export function validatePolicy(json: unknown): PolicyValidation {
  const result = PolicySchema.safeParse(json);
  if (!result.success) return { ok: false, issues: toPolicyIssues(result.error.issues, json, PolicySchema) };
  const issues = semanticIssues(result.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, policy: deepFreeze(result.data) };
}

/** Parses a policy object (already JSON-decoded); throws POLICY_INVALID (400) listing every issue. */
export function parsePolicy(json: unknown, source?: string): Policy {
  return parseWithStatus(json, source, 400);
}

function parseWithStatus(json: unknown, source: string | undefined, status: number): Policy {
  const result = validatePolicy(json);
  if (result.ok) return result.policy;
  const file = source ?? '<inline>';
  const { issues } = result;
  throw new AppError(
    'POLICY_INVALID',
    status,
    `政策 ${file} 无效,共 ${issues.length} 处问题:${issues.map((i) => `${i.path}: ${i.message}`).join(';')}`,
    `Policy ${file} is invalid, ${issues.length} problem(s): ${issues.map((i) => `${i.path}: ${i.messageEn}`).join('; ')}`,
    { file, issues },
  );
}

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

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) of the policy's canonical JSON. Independent of formatting and key order, changed by
 * any value (including notes), so a stored decision can prove which exact content it applied.
 */
export function policyFingerprint(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policy), 'utf8').digest('hex');
}

/** What a stored decision records about the policy it applied. */
export function policyStamp(policy: Policy): { id: string; version: string; digest: string } {
  return { id: policy.id, version: policy.version, digest: policyFingerprint(policy) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
