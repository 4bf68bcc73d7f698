import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen: a migration never changes once released and imports no application code.
 * Accounts: users, their login sessions, and failed logins for throttling.
 */

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn(...idColumn(db))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('users_active_check', sql`active in (0, 1)`)
    .addCheckConstraint('users_must_change_password_check', sql`must_change_password in (0, 1)`)
    .execute();
  await db.schema.createIndex('users_department_idx').on('users').column('department_id').execute();
  await db.schema.createIndex('users_region_idx').on('users').column('region_code').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn(...idColumn(db))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_key_idx').on('login_attempts').columns(['username', 'ip', 'at']).execute();
  await db.schema.createIndex('login_attempts_at_idx').on('login_attempts').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['login_attempts', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
