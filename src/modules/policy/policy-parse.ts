/**
 * A policy's content checked and identified, without I/O: validation (shape, then the numbers'
 * relations), parsing with bilingual errors, and the fingerprint a decision records.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { type PolicyIssue, toPolicyIssues } from './policy.messages.ts';
import { type Policy, PolicySchema, semanticIssues } from './policy-file.ts';

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

export function parseWithStatus(json: unknown, source: string | undefined, status: number): Policy {
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
