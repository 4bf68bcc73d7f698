import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Early warnings (预警) and their follow-up: warnings,
 * countermeasures (对策建议), rectification steps (整改措施), and the instance's metadata (is_demo …).
 * State changes of a warning are written to the shared audit_log of 0003-monitoring (entity 'warning').
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db) ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('warnings')
    .addColumn(...idColumn(db))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volatility', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evaluation_status', 'text', (c) => c.notNull())
    .addColumn('target_text', 'text', (c) => c.notNull())
    .addColumn('latest_year', 'integer')
    .addColumn('latest_value', 'double precision')
    .addColumn('target_value', 'double precision')
    .addColumn('projected', 'double precision')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('previous_id', 'integer', (c) => c.references('warnings.id'))
    .addColumn('recurrence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('issued'))
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .addColumn('escalation_reason', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer')
    .addColumn('closed_by_name', 'text')
    .addColumn('close_note', 'text')
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'integer')
    .addColumn('generated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('warnings_year_indicator_region_unique', ['year', 'indicator_code', 'region_code'])
    .addCheckConstraint('warnings_level_check', sql`level in ('red', 'yellow')`)
    .addCheckConstraint('warnings_status_check', sql`status in ('issued', 'responded', 'escalated', 'closed', 'withdrawn')`)
    .addCheckConstraint('warnings_kind_check', sql`difficulty = 1 or volatility = 1`)
    .execute();
  await db.schema.createIndex('warnings_department_idx').on('warnings').column('department_id').execute();
  await db.schema.createIndex('warnings_region_idx').on('warnings').column('region_code').execute();
  await db.schema.createIndex('warnings_status_idx').on('warnings').column('status').execute();

  await db.schema
    .createTable('countermeasures')
    .addColumn(...idColumn(db))
    .addColumn('warning_id', 'integer', (c) => c.notNull().references('warnings.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('countermeasures_warning_idx').on('countermeasures').column('warning_id').execute();

  await db.schema
    .createTable('rectification_steps')
    .addColumn(...idColumn(db))
    .addColumn('warning_id', 'integer', (c) => c.notNull().references('warnings.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('done_by_name', 'text')
    .addColumn('done_note', 'text')
    .addColumn('evidence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('rectification_steps_warning_ord_unique', ['warning_id', 'ord'])
    .addCheckConstraint('rectification_steps_status_check', sql`status in ('pending', 'done')`)
    .execute();

  await db.schema
    .createTable('metadata')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['metadata', 'rectification_steps', 'countermeasures', 'warnings']) {
    await db.schema.dropTable(table).execute();
  }
}
