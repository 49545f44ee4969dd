/** Tables of the departments module (migration 0001-foundation). */
export type DepartmentsTables = {
  departments: DepartmentTable;
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
