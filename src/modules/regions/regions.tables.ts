/** Tables of the regions module (migration 0001-foundation). */
export type RegionsTables = {
  regions: RegionTable;
};

export type RegionTable = {
  code: string;
  name: string;
  full_name: string;
  level: string;
  parent_code: string | null;
  abolished: number;
};
