/**
 * B14, A15(2): data the platform never collects — religious belief, genes, blood type, illness and
 * medical history. Found by the name of a field and by the content of free text (lists and decisions in
 * `forbidden-data.ts`). The result names the field only: the value must appear nowhere, not in the
 * database, not in a log, not in an error report.
 */
import {
  CLAUSE_END,
  COUNTED_GROUPS,
  COUNTED_PEOPLE,
  FORBIDDEN_CONTENT_PATTERNS,
  FORBIDDEN_NAME_PARTS_ZH,
  FORBIDDEN_NAME_PHRASES,
  FORBIDDEN_NAME_WORDS,
} from './forbidden-data.ts';

export type ForbiddenHit = { field: string };

const CONTENT = new RegExp(FORBIDDEN_CONTENT_PATTERNS.map((p) => `(?:${p.pattern})`).join('|'), 'iu');
/** Every pattern on its own, with its topic, for the matches CONTENT finds (rare: clean text never gets here). */
const EACH = FORBIDDEN_CONTENT_PATTERNS.map((p) => ({
  medical: p.topic === 'medical',
  pattern: new RegExp(p.pattern, 'giu'),
}));
/** A count of people in the clause before a match (issue 15 W9). */
/**
 * The text right before a medical match is a count of unnamed people (W9): `导致23名消费者|被确诊为`,
 * `泄露12名|乙肝患者`. Not after 等 (张三等3人: named persons), and nothing else may come between.
 */
const COUNTED_BEFORE = new RegExp(
  `(?<!等\\s*)${COUNTED_PEOPLE}\\s*(?:${COUNTED_GROUPS})?\\s*[均都共先后陆续相继]*$`,
  'u',
);
const CLAUSE_ENDS = new RegExp(CLAUSE_END, 'gu');
const NAME_WORDS = new Set(FORBIDDEN_NAME_WORDS);
const PHRASES = new Set(FORBIDDEN_NAME_PHRASES.map(([a, b]) => `${a} ${b}`));
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const NON_LETTERS = /[^a-z]+/;
const MAX_DEPTH = 8;

// Keys repeat on every row of a batch; their verdicts are remembered (bounded, keys are few).
const nameVerdicts = new Map<string, boolean>();

/** Whether a field name (key, or a spreadsheet header) names forbidden data. */
export function isForbiddenFieldName(name: string): boolean {
  const known = nameVerdicts.get(name);
  if (known !== undefined) return known;
  const verdict = judgeName(name);
  if (nameVerdicts.size > 10_000) nameVerdicts.clear();
  nameVerdicts.set(name, verdict);
  return verdict;
}

function judgeName(name: string): boolean {
  for (const part of FORBIDDEN_NAME_PARTS_ZH) if (name.includes(part)) return true;
  const words = name.replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase().split(NON_LETTERS).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (NAME_WORDS.has(words[i]!)) return true;
    if (i > 0 && PHRASES.has(`${words[i - 1]} ${words[i]}`)) return true;
  }
  return false;
}

/** Whether free text states forbidden data in a personal context (信仰佛教, A型血, 患有…). */
export function containsForbiddenContent(text: string): boolean {
  if (text.length < 2 || !CONTENT.test(text)) return false;
  // A match stands unless it is medical and its clause counts the unnamed people it is about (W9).
  for (const { medical, pattern } of EACH) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (!medical || !COUNTED_BEFORE.test(clauseBefore(text, m.index))) return true;
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  return false;
}

/** The text of the clause a match at `at` is in, up to the match. */
function clauseBefore(text: string, at: number): string {
  let start = 0;
  CLAUSE_ENDS.lastIndex = 0;
  for (let m = CLAUSE_ENDS.exec(text); m !== null && m.index < at; m = CLAUSE_ENDS.exec(text)) {
    start = m.index + 1;
  }
  return text.slice(start, at);
}

/**
 * The first field of a submitted row (or any submitted object) that carries forbidden data, by its
 * name or by its content, as a dotted path (`fields.remark`, `subject.name`); undefined when none.
 */
export function detectForbidden(input: unknown): ForbiddenHit | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const keys = walk(input, 0);
  if (keys === undefined) return undefined;
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) path = path === '' ? keys[i]! : `${path}.${keys[i]}`;
  return { field: path || '(value)' };
}

/**
 * The keys leading to the first hit below `value`, deepest first (none: `value` itself), or undefined.
 * They are collected on the way back from a hit: a row scanned clean allocates nothing.
 */
function walk(value: unknown, depth: number): string[] | undefined {
  if (typeof value === 'string') return containsForbiddenContent(value) ? [] : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    // an element is reported under the array's own path
    for (const element of value) {
      const hit = walk(element, depth + 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  if (value instanceof Date) return undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (isForbiddenFieldName(key)) return [key];
    const hit = walk((value as Record<string, unknown>)[key], depth + 1);
    if (hit !== undefined) {
      hit.push(key);
      return hit;
    }
  }
  return undefined;
}
