/** Tables of the identity-codes module (migration 0001-foundation). */
export type IdentityCodesTables = {
  code_exceptions: CodeExceptionTable;
};

/** Codes issued before the standards settled that fail their check character yet are real. */
export type CodeExceptionTable = {
  id: string;
  /** the blind index of the code (the column name is kept, as in `subjects`) */
  code_digest: string;
  code_sealed: string;
  kind: string;
  reason: string;
  registered_by: string;
  created_at: string;
};
