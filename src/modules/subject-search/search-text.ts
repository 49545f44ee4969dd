/**
 * Pure text rules of name search: how a name and a query are normalised, which keys a name is indexed
 * under (character bigrams, pinyin, initials), and what a valid query is. No database, no HTTP.
 */
import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { AppError } from '../../platform/errors.ts';

export type SearchKind = 'person' | 'organization';

/** A query longer than this (characters, after trimming) is refused: no name needs more. */
export const MAX_QUERY_LENGTH = 50;
/** Names longer than this rank as equally long; it bounds the length keys the pinyin search visits. */
export const NAME_LENGTH_CAP = 40;

// Taiwan and Hong Kong forms alike (張偉, 淮安市華信建設) to mainland simplified; simplified text
// passes through unchanged, so the same function serves names and queries.
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const NOT_TEXT = /[^\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

export type NormalizedText = { text: string; traditional: boolean };

/**
 * The searchable form of a name or a query term: NFKC (full-width letters and digits to ASCII),
 * lowercase, traditional characters to simplified, and everything that is not a letter or a digit
 * removed (spaces, ·, brackets), so 阿卜杜拉·买买提 and 阿卜杜拉买买提 are the same name.
 */
export function normalizeText(raw: string): NormalizedText {
  const plain = raw.normalize('NFKC').toLowerCase().replace(NOT_TEXT, '');
  if (!HAN.test(plain)) return { text: plain, traditional: false };
  const simplified = fromTaiwan(fromHongKong(plain));
  return { text: simplified, traditional: simplified !== plain };
}

export const codePoints = (text: string): string[] => Array.from(text);

export const nameLength = (text: string): number => Math.min(codePoints(text).length, NAME_LENGTH_CAP);

/**
 * The bigrams a normalised name is found by. The first one is marked `atStart` (prefix and exact
 * matches); a gram that also occurs further on gets a second entry without the mark, so a partial
 * match is always found among the unmarked entries.
 */
export function nameGrams(text: string): { gram: string; atStart: 0 | 1 }[] {
  const chars = codePoints(text);
  const grams: { gram: string; atStart: 0 | 1 }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    if (i === 0) grams.push({ gram, atStart: 1 });
    else if (!seen.has(gram)) {
      seen.add(gram);
      grams.push({ gram, atStart: 0 });
    }
  }
  return grams;
}

/** The bigrams of a query term (distinct, in order); a 1-character term has none. */
export function termGrams(term: string): string[] {
  const chars = codePoints(term);
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    if (!grams.includes(gram)) grams.push(gram);
  }
  return grams;
}

/**
 * Full pinyin (no tones, no spaces, ü as v) and initials of a normalised name. Persons are read
 * with surname readings (曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou), organizations as ordinary text.
 * Letters and digits already in the name are kept as they are.
 */
export function pinyinKeys(text: string, kind: SearchKind): { pinyin: string; initials: string } {
  if (!HAN.test(text)) return { pinyin: text, initials: text };
  const key = `${kind}:${text}`;
  let keys = pinyinMemo.get(key);
  if (!keys) {
    keys = readPinyin(text, kind);
    // Names repeat a lot (王芳, 张伟): a bounded memo saves most of the work of a bulk build.
    if (pinyinMemo.size >= PINYIN_MEMO_SIZE) pinyinMemo.clear();
    pinyinMemo.set(key, keys);
  }
  return keys;
}

const PINYIN_MEMO_SIZE = 100_000;
const pinyinMemo = new Map<string, { pinyin: string; initials: string }>();
const RUNS = /\p{Script=Han}|\P{Script=Han}+/gu;

function readPinyin(text: string, kind: SearchKind): { pinyin: string; initials: string } {
  const surname = kind === 'person' ? 'head' : 'off';
  const options = { toneType: 'none', type: 'array', v: true, surname, nonZh: 'consecutive' } as const;
  const syllables = pinyin(text, options);
  // One syllable per Han character and one element per run of other letters: initials follow.
  const runs = text.match(RUNS) ?? [];
  const initials =
    runs.length === syllables.length
      ? runs.map((run, i) => (HAN.test(run) ? (syllables[i]![0] ?? '') : run))
      : pinyin(text, { ...options, pattern: 'first' });
  return { pinyin: syllables.join('').toLowerCase(), initials: initials.join('').toLowerCase() };
}

export type SearchEntry = {
  subjectId: string;
  kind: SearchKind;
  nameNorm: string;
  nameLength: number;
  traditional: boolean;
  pinyin: string;
  initials: string;
  grams: { gram: string; atStart: 0 | 1 }[];
};

/** Everything a subject is indexed under, from its registered name. */
export function searchEntry(subject: { id: string; kind: SearchKind; name: string }): SearchEntry {
  const { text, traditional } = normalizeText(subject.name);
  return {
    subjectId: subject.id,
    kind: subject.kind,
    nameNorm: text,
    nameLength: nameLength(text),
    traditional,
    ...pinyinKeys(text, subject.kind),
    grams: nameGrams(text),
  };
}

export type SearchQuery = {
  /** normalised terms (whitespace separates them); every one must be in the name */
  terms: string[];
  /** some term was written in traditional characters */
  traditional: boolean;
  /** the terms joined, when they are all Latin letters: also searched as pinyin and initials */
  pinyin: string | undefined;
};

const queryError = (code: string, zh: string, en: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, zh, en, details);

/**
 * Reads a search query, or says what is wrong with it. A query needs at least one term of two
 * characters or more: a single character (王) or letter (w) would match a large share of all
 * subjects and names no one, so it is refused rather than answered with an arbitrary page.
 */
export function parseSearchQuery(raw: string | undefined): SearchQuery {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') {
    throw queryError(
      'SUBJECT_SEARCH_QUERY_EMPTY',
      '请输入要查找的名称或姓名（参数 q）',
      'Enter a name to search for (parameter q)',
    );
  }
  const length = codePoints(trimmed).length;
  if (length > MAX_QUERY_LENGTH) {
    throw queryError(
      'SUBJECT_SEARCH_QUERY_TOO_LONG',
      `查询内容过长：最多 ${MAX_QUERY_LENGTH} 个字，当前 ${length} 个字`,
      `The query is too long: at most ${MAX_QUERY_LENGTH} characters, got ${length}`,
      { max: MAX_QUERY_LENGTH, length },
    );
  }
  const normalized = trimmed
    .normalize('NFKC')
    .split(/\s+/)
    .map(normalizeText)
    .filter((t) => t.text !== '');
  const terms = [...new Set(normalized.map((t) => t.text))];
  if (terms.length === 0) {
    throw queryError(
      'SUBJECT_SEARCH_QUERY_NO_TEXT',
      '查询内容只有标点或符号，请输入名称或姓名中的文字、拼音或首字母',
      'The query has only punctuation or symbols: enter characters, pinyin or initials of the name',
    );
  }
  if (!terms.some((t) => codePoints(t).length >= 2)) {
    throw queryError(
      'SUBJECT_SEARCH_QUERY_TOO_SHORT',
      '请至少输入两个字（如“王芳”），或两个拼音字母（如“wf”）',
      'Enter at least two characters (e.g. 王芳) or two pinyin letters (e.g. wf)',
      { minLength: 2 },
    );
  }
  const joined = terms.join('');
  return {
    terms,
    traditional: normalized.some((t) => t.traditional),
    pinyin: /^[a-z]+$/.test(joined) ? joined : undefined,
  };
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The smallest string above every string that starts with `prefix` (letters and digits only), for an
 * index range `>= prefix AND < bound`. Stepping a letter rather than appending U+FFFF keeps the range
 * right under any collation that orders letters alphabetically. Undefined when there is none (zzz).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(prefix[i]!);
    if (at >= 0 && at < ALPHABET.length - 1) return prefix.slice(0, i) + ALPHABET[at + 1];
  }
  return undefined;
}
