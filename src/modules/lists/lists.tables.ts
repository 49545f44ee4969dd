/** Tables of the lists module (migration 0006-lists). */
export type ListsTables = {
  list_types: ListTypeTable;
  list_entries: ListEntryTable;
  list_entry_events: ListEntryEventTable;
  subject_relations: SubjectRelationTable;
  notifications: NotificationTable;
};

export const LIST_POLARITIES = ['red', 'black', 'watch'] as const;
export type ListPolarity = (typeof LIST_POLARITIES)[number];

export type ListTypeTable = {
  code: string;
  name: string;
  name_en: string;
  polarity: ListPolarity;
  description: string;
  created_at: string;
  updated_at: string;
};

export const ENTRY_STATUSES = ['active', 'removed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * The platform's current reading of one listed record. Mutable only by the lists service, each change
 * with an event in `list_entry_events`; the record itself is never touched.
 */
export type ListEntryTable = {
  id: string;
  list_type: string;
  record_key: string;
  record_id: string;
  item_code: string;
  provider_department: string;
  subject_id: string;
  origin: 'listed' | 'associated';
  source_entry_id: string | null;
  relation_role: string | null;
  ground: string | null;
  severity: string | null;
  identified_on: string;
  valid_until: string | null;
  /**
   * The last day of use: the record's B27 validity, or the item's usage period where it ends sooner
   * (B8; issue 15 W10, list-rules.ts `entryLastDay`). The name is kept: entries are under row digests.
   */
  validity_ends_on: string | null;
  status: EntryStatus;
  status_reason: string | null;
  removed_at: string | null;
  removed_by_entry: string | null;
  procedure: 'objection' | 'repair_notice' | null;
  created_at: string;
  updated_at: string;
};

export type ListEntryEventTable = {
  id: string;
  entry_id: string;
  at: string;
  kind: string;
  article: string | null;
  /** JSON */
  detail: unknown;
  record_id: string | null;
  batch_id: string | null;
  actor_id: string | null;
};

export const RELATION_ROLES = ['legal_representative', 'principal', 'responsible'] as const;
export type RelationRole = (typeof RELATION_ROLES)[number];

export type SubjectRelationTable = {
  id: string;
  organization_id: string;
  person_id: string;
  role: RelationRole;
  source: string;
  created_at: string;
  created_by: string | null;
  ended_at: string | null;
};

export type NotificationTable = {
  id: string;
  kind: string;
  article: string;
  recipient_department: string;
  subject_id: string | null;
  entry_id: string | null;
  title: string;
  /** JSON */
  body: unknown;
  created_at: string;
  status: 'pending' | 'delivered';
  attempts: number;
  delivered_at: string | null;
  read_at: string | null;
  read_by: string | null;
};
