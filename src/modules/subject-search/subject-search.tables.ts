/** Tables of the subject-search module (migration 0008-subject-search). */
export type SubjectSearchTables = {
  subject_search: SubjectSearchTable;
  subject_search_grams: SubjectSearchGramTable;
};

/**
 * One row per subject: its name as searched (simplified, lowercase, letters and digits only) and the
 * pinyin keys. Derived from `subjects.name`; rebuilt from it at any time (never a source of truth).
 */
export type SubjectSearchTable = {
  subject_id: string;
  kind: 'person' | 'organization';
  /** NFKC, lowercase, traditional → simplified, punctuation and spaces removed */
  name_norm: string;
  /** characters of `name_norm`, capped (NAME_LENGTH_CAP): the "shorter names first" ranking key */
  name_length: number;
  /** 1 when the registered name was written (partly) in traditional characters */
  traditional: number;
  /** full pinyin without tones or spaces, ü as v (zhangwei); persons read with surname readings */
  pinyin: string;
  /** first letter of each syllable (zw) */
  initials: string;
};

/**
 * Character bigrams of `name_norm` (a posting list per gram). `at_start` 1 is the gram at the start
 * of the name; a gram found further on has its own row with 0, so both may exist for one subject.
 * Kind and length sit in the key so one index range is already in ranking order.
 */
export type SubjectSearchGramTable = {
  gram: string;
  kind: 'person' | 'organization';
  at_start: number;
  name_length: number;
  subject_id: string;
};
