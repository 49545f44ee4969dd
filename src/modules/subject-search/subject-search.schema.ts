/** Tables of the subject-search module (migration 0008-subject-search). */
export type SubjectSearchTables = {};
