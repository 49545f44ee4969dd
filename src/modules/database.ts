/**
 * The database as the modules see it: every module's tables (its `*.tables.ts`), assembled into the one
 * type Kysely checks queries against. Repositories take a `Db` (the store's connection or a transaction
 * handed to them); services hold the `Store`. Platform code knows none of these tables: its `Store` is
 * generic, and the composition root (`src/app`) opens it as `Store<Database>`.
 *
 * It sits here, beside the modules, rather than in `src/app`: a transaction runs across modules (intake
 * writes records, list entries and audit entries in one), so every repository needs the whole type,
 * and nothing under `src/modules` may import the composition root.
 */
import type { Kysely } from 'kysely';
import type { Store as EngineStore } from '../platform/db/engine.ts';
import type { AccessTables } from './access/access.tables.ts';
import type { AuditTables } from './audit/audit.tables.ts';
import type { CalendarTables } from './calendar/calendar.tables.ts';
import type { CatalogTables } from './catalog/catalog.tables.ts';
import type { ChecksTables } from './checks/checks.tables.ts';
import type { DepartmentsTables } from './departments/departments.tables.ts';
import type { IdentityCodesTables } from './identity-codes/identity-codes.tables.ts';
import type { ListsTables } from './lists/lists.tables.ts';
import type { MeasuresTables } from './measures/measures.tables.ts';
import type { PolicyTables } from './policy/policy.tables.ts';
import type { ProceduresTables } from './procedures/procedures.tables.ts';
import type { RecordsTables } from './records/records.tables.ts';
import type { RegionsTables } from './regions/regions.tables.ts';
import type { SubjectSearchTables } from './subject-search/subject-search.tables.ts';
import type { SubjectsTables } from './subjects/subjects.tables.ts';

/**
 * One interface per table, column names as stored (snake_case). Instants are ISO 8601 strings, plain
 * dates YYYY-MM-DD, JSON columns go through toJson/fromJson, flags are integers 0/1 (better-sqlite3
 * cannot bind booleans).
 */
export type Database = RegionsTables &
  DepartmentsTables &
  SubjectsTables &
  IdentityCodesTables &
  CalendarTables &
  PolicyTables &
  AuditTables &
  AccessTables &
  CatalogTables &
  RecordsTables &
  ProceduresTables &
  ListsTables &
  MeasuresTables &
  SubjectSearchTables &
  ChecksTables;

/** The shapes of a table's rows: as inserted, as read, as updated (Kysely's, over the table types). */
export type { Insertable, Selectable, Updateable } from 'kysely';

/** A connection or a transaction: what a repository function runs its SQL on. */
export type Db = Kysely<Database>;

/** The open database: its connection, what the engine can do, and the engine's change signal. */
export type Store = EngineStore<Database>;
