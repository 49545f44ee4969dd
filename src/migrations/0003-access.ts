import type { Kysely } from 'kysely';
import type { Capabilities } from '../platform/db/engine.ts';

/** Accounts, login attempts, sessions, API keys and consents (access issue: A7, B18–B21, B33, C §4). */
export async function up(db: Kysely<unknown>, caps: Capabilities): Promise<void> {
  const { uuidType, timestampType, jsonType } = caps;

  await db.schema
    .createTable('accounts')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.references('departments.code'))
    .addColumn('region_code', 'text')
    .addColumn('subject_id', uuidType, (c) => c.references('subjects.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret_sealed', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('updated_at', timestampType, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('at', timestampType, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_login_at_idx')
    .on('login_attempts')
    .columns(['login', 'at'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', uuidType, (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('expires_at', timestampType, (c) => c.notNull())
    .addColumn('revoked_at', timestampType)
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('permissions', jsonType, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType, (c) => c.notNull())
    .addColumn('expires_at', timestampType)
    .addColumn('revoked_at', timestampType)
    .addColumn('replaces_id', 'text')
    .addColumn('last_used_at', timestampType)
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', uuidType, (c) => c.primaryKey())
    .addColumn('subject_id', uuidType, (c) => c.notNull().references('subjects.id'))
    .addColumn('grantee_department', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('scope', jsonType, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted_at', timestampType, (c) => c.notNull())
    .addColumn('expires_at', timestampType, (c) => c.notNull())
    .addColumn('revoked_at', timestampType)
    .addColumn('evidence', jsonType, (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consents_subject_idx')
    .on('consents')
    .columns(['subject_id', 'grantee_department'])
    .execute();
}
