import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';
import { inTransaction } from '../platform/db/transaction.ts';

/**
 * Issue 17 (授权管理; B21, B24; decision 0040): a consent names a department **or a subject** — a
 * counterparty on the platform (a bank, an employer, a landlord, a business partner) that reads the
 * granter's 授权查询 items through its own subject account — and every read made under a consent is
 * kept where the granter can list it.
 *
 * `consents`: `grantee_department` becomes nullable and `grantee_subject` (the counterparty's subject
 * id) is added, with a check that exactly one of them is set. Neither engine can drop a NOT NULL in
 * the same way (SQLite cannot at all), so the table is rebuilt on both: a new table with the new
 * shape, every row copied as it is (same ids, same values: the row digests recorded for them hold, over
 * the columns of their time), the old one dropped and the new one renamed. Constraints are named, so
 * no name recalls the rebuild. Rows stored before carry `grantee_subject` null; their digests do not
 * cover it, but the check does: setting it on such a row needs `grantee_department` emptied, which
 * they do cover.
 *
 * `consent_reads`: one row per read of a subject's records and per consent it read under, written in
 * the transaction of the read's audit entry (which names the row): when, the consent and its granter,
 * who read (a department or the counterparty subject; the account or key and its role), the purpose
 * stated, and the records and items read under that consent. Indexed by consent, newest first by
 * time-ordered id. Under row digests.
 */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;
  // PostgreSQL runs a migration in a transaction already; SQLite's runner does not: the rebuild is one.
  const rebuild = async (trx: Kysely<unknown>) => {
    await trx.schema
      .createTable('consents_0028')
      .addColumn('id', uuidType, (c) => c.notNull())
      .addColumn('subject_id', uuidType, (c) => c.notNull())
      .addColumn('grantee_department', 'text')
      .addColumn('grantee_subject', uuidType)
      .addColumn('scope', jsonType, (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('granted_at', timestampType, (c) => c.notNull())
      .addColumn('expires_at', timestampType, (c) => c.notNull())
      .addColumn('revoked_at', timestampType)
      .addColumn('evidence', jsonType, (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('consents_id_pk', ['id'])
      .addForeignKeyConstraint('consents_subject_fk', ['subject_id'], 'subjects', ['id'])
      .addForeignKeyConstraint('consents_grantee_department_fk', ['grantee_department'], 'departments', [
        'code',
      ])
      .addForeignKeyConstraint('consents_grantee_subject_fk', ['grantee_subject'], 'subjects', ['id'])
      .addCheckConstraint(
        'consents_one_grantee',
        sql`(grantee_department is null and grantee_subject is not null) or (grantee_department is not null and grantee_subject is null)`,
      )
      .execute();
    const columns = sql.raw(
      'id, subject_id, grantee_department, scope, purpose, granted_at, expires_at, revoked_at, evidence, granted_by',
    );
    await sql`insert into consents_0028 (${columns}) select ${columns} from consents`.execute(trx);
    await trx.schema.dropTable('consents').execute();
    await trx.schema.alterTable('consents_0028').renameTo('consents').execute();
    await trx.schema
      .createIndex('consents_subject_idx')
      .on('consents')
      .columns(['subject_id', 'grantee_department'])
      .execute();
    // the consents a counterparty received, and a subject's consents to it
    await trx.schema
      .createIndex('consents_grantee_subject_idx')
      .on('consents')
      .columns(['grantee_subject', 'subject_id'])
      .execute();

    await trx.schema
      .createTable('consent_reads')
      .addColumn('id', uuidType, (c) => c.primaryKey())
      .addColumn('consent_id', uuidType, (c) => c.notNull().references('consents.id'))
      .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
      .addColumn('at', timestampType, (c) => c.notNull())
      .addColumn('reader_department', 'text', (c) => c.references('departments.code'))
      .addColumn('reader_subject', uuidType, (c) => c.references('subjects.id'))
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text')
      .addColumn('records', jsonType, (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addCheckConstraint(
        'consent_reads_one_reader',
        sql`(reader_department is null and reader_subject is not null) or (reader_department is not null and reader_subject is null)`,
      )
      .execute();
    await trx.schema
      .createIndex('consent_reads_consent_idx')
      .on('consent_reads')
      .columns(['consent_id', 'id'])
      .execute();
  };
  await inTransaction(db, rebuild);
}
