/** Tables of the subjects module (migration 0001-foundation). */
export type SubjectsTables = {
  subjects: SubjectTable;
};

/**
 * 信息主体. The identity code is personal data for persons, so it is never stored in plaintext:
 * `code_digest` is a keyed blind index (HMAC) for exact lookups, `code_sealed` the authenticated
 * ciphertext. Masked forms for display are derived on read under the active policy's masking rules.
 */
export type SubjectTable = {
  id: string;
  kind: 'person' | 'organization';
  code_kind: string;
  /**
   * The blind index of the code. The column keeps its first name: subject rows are under row digests,
   * whose bytes include column names (decision 0012), so a rename would break every recorded digest.
   */
  code_digest: string;
  code_sealed: string;
  name: string;
  region_code: string | null;
  /** JSON: kind-specific attributes (gender, birth date, registered address, legal representative, …) */
  attributes: unknown;
  created_at: string;
  updated_at: string;
};
