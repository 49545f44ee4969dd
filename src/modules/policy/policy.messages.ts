/**
 * Bilingual messages for policy validation. Schemas carry a message KEY as their zod error message;
 * `toPolicyIssues` turns zod issues into `{ path, message, messageEn }` with a dotted path.
 */
import { z } from 'zod';

export type PolicyIssue = { path: string; message: string; messageEn: string };

export const MESSAGES = {
  required: ['缺少必填字段', 'required field is missing'],
  object: ['应为对象', 'must be an object'],
  array: ['应为数组', 'must be an array'],
  boolean: ['应为布尔值 true 或 false', 'must be a boolean, true or false'],
  text: ['应为非空字符串', 'must be a non-empty string'],
  positiveInt: ['应为正整数', 'must be a positive integer'],
  nonNegativeInt: ['应为非负整数', 'must be a non-negative integer'],
  keepStartName: ['应为非负整数或 "surname"', 'must be a non-negative integer or "surname"'],
  semver: ['应为语义化版本号,如 "1.0.0"', 'must be a semantic version such as "1.0.0"'],
  slug: [
    '应为小写字母、数字和连字符组成的标识,如 "huaian-2018"',
    'must be a lowercase slug of letters, digits and hyphens, such as "huaian-2018"',
  ],
  isoDate: ['应为有效日期,格式 YYYY-MM-DD', 'must be a valid date in the form YYYY-MM-DD'],
  maskChar: ['应为单个字符', 'must be exactly one character'],
  oneCalendarUnit: ['应恰好给出 years 或 months 其中之一', 'must give exactly one of "years" or "months"'],
  adoptionFrom: [
    '应为 "notice_end"(公示期满起算)或 "application"(申请之日起算)',
    'must be "notice_end" (counted from the end of the notice) or "application" (from the application)',
  ],
  publicationClass: [
    '应为 "minor"(轻微)、"ordinary"(一般)或 "severe"(严重)',
    'must be "minor" (轻微), "ordinary" (一般) or "severe" (严重)',
  ],
  decidedNeedsNote: [
    '标为 decided 的参数必须在 note 中写明决定及理由',
    'a value marked "decided" must explain the decision and its reason in "note"',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

export function dottedPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '$' : path.map(String).join('.');
}

/** Translates zod issues into bilingual policy issues, one per problem (one per unknown key). */
export function toPolicyIssues(issues: readonly z.core.$ZodIssue[], input: unknown, schema: z.ZodType) {
  const out: PolicyIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const near = known.find((k) => isNear(k, key));
        const hint = near === undefined ? ['', ''] : [`,是否应为 "${near}"?`, `; did you mean "${near}"?`];
        out.push({
          path: dottedPath([...issue.path, key]),
          message: `未知字段(可能拼写错误)${hint[0]}`,
          messageEn: `unknown key (a typo?)${hint[1]}`,
        });
      }
      continue;
    }
    const path = dottedPath(issue.path);
    const own = issue.message in MESSAGES ? (issue.message as MessageKey) : undefined;
    // A refinement may point at an absent key on purpose (e.g. "note" missing for a decided value).
    const key = issue.code !== 'custom' && isMissing(input, issue.path) ? 'required' : own;
    if (key !== undefined) {
      out.push({ path, message: MESSAGES[key][0], messageEn: MESSAGES[key][1] });
    } else {
      // A check without a message key: keep zod's English text so nothing is lost.
      out.push({ path, message: `无效值(${issue.message})`, messageEn: `invalid value (${issue.message})` });
    }
  }
  return out;
}

/** True when the raw input lacks the property at `path` (its parent exists and is an object). */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let node: unknown = input;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  const last = path[path.length - 1]!;
  return typeof node === 'object' && node !== null && !Array.isArray(node) && !Object.hasOwn(node, last);
}

/** The keys the schema allows at `path`, used to suggest a fix for a typo. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const segment of [...path, null]) {
    while (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    if (segment === null) break;
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(segment)];
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** Same key up to case, or a small edit distance away (1 for short keys, 2 from 6 characters on). */
function isNear(known: string, typed: string): boolean {
  if (known.toLowerCase() === typed.toLowerCase()) return true;
  const a = known;
  const b = typed;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]! <= (a.length >= 6 ? 2 : 1);
}
