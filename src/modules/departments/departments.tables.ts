/** Tables of the departments module (migration 0001-foundation). */
export type DepartmentsTables = {
  departments: DepartmentTable;
  department_purposes: DepartmentPurposeTable;
};

export type DepartmentTable = {
  id: string;
  code: string;
  name: string;
  short_name: string;
  region_code: string;
  /** JSON array of 'provider' | 'user' | 'credit_center' | 'credit_office' | 'regional_node' */
  kinds: unknown;
  nature: string;
  parent_code: string | null;
  created_at: string;
  updated_at: string;
};

/** A purpose (事项) a department registered for its queries (migration 0015, decision 0025). */
export type DepartmentPurposeTable = {
  department_code: string;
  /** normalised: NFKC, spaces collapsed (departments/purposes.ts) */
  purpose: string;
  registered_by: string;
  registered_at: string;
  /** set when removed; a purpose registered again is cleared and re-dated */
  removed_by: string | null;
  removed_at: string | null;
};
