/** Tables of the policy module (migration 0001-foundation). */
export type PolicyTables = {
  policy_versions: PolicyVersionTable;
};

/** Every policy content the platform has run under; decisions reference (policy_id, version). */
export type PolicyVersionTable = {
  id: string;
  policy_id: string;
  version: string;
  digest: string;
  content: unknown;
  first_loaded_at: string;
};
