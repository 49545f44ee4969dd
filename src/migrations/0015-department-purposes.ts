import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/**
 * Issue 14 §6: the purposes (事项) a department has registered for its queries (B33). Where a
 * department has registered some, the `X-Purpose` its callers state must be one of them; where it has
 * none, the purpose stays free text. Registered and removed with `xinyong department purposes`
 * (decision 0025); one row per department and purpose, normalised (NFKC, spaces collapsed). A removed
 * purpose keeps its row (removed_by, removed_at), so the rows are under row digests like every table
 * that decides an outcome (issue 14 §3) and a removal is as evident as a registration.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { timestampType } = caps;
  await db.schema
    .createTable('department_purposes')
    .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', timestampType, (c) => c.notNull())
    .addColumn('removed_by', 'text')
    .addColumn('removed_at', timestampType)
    .addPrimaryKeyConstraint('department_purposes_pk', ['department_code', 'purpose'])
    .execute();
}
