import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Annual monitoring: rounds, forms, data values, review
 * comments, the append-only audit log, reporting assignments, validation rules.
 * A total over a disaggregation dimension is '' (not NULL) in data_values.sex/age_group/area, so that the
 * UNIQUE key holds on both engines (NULLs are distinct in a UNIQUE constraint).
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db) ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

const STATUSES = sql`('draft', 'submitted', 'approved', 'returned')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn(...idColumn(db))
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('opened_by', 'integer')
    .addColumn('opened_by_name', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer')
    .addColumn('closed_at', 'text')
    .addCheckConstraint('rounds_status_check', sql`status in ('open', 'closed')`)
    .execute();

  await db.schema
    .createTable('indicator_reporters')
    .addColumn('indicator_code', 'text', (c) => c.primaryKey().references('indicators.code').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forms')
    .addColumn(...idColumn(db))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer')
    .addColumn('submitted_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer')
    .addColumn('approved_by_name', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('returned_by', 'integer')
    .addColumn('returned_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('forms_round_scope_unique', ['round_id', 'scope_key'])
    .addCheckConstraint('forms_kind_check', sql`kind in ('department', 'region')`)
    .addCheckConstraint('forms_status_check', sql`status in ${STATUSES}`)
    .addCheckConstraint(
      'forms_scope_check',
      sql`(kind = 'department' and department_id is not null) or (kind = 'region' and department_id is null)`,
    )
    .execute();
  await db.schema.createIndex('forms_department_idx').on('forms').column('department_id').execute();
  await db.schema.createIndex('forms_region_idx').on('forms').column('region_code').execute();

  await db.schema
    .createTable('data_values')
    .addColumn(...idColumn(db))
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('age_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('area', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('form_id', 'integer', (c) => c.references('forms.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('data_values_cell_unique', ['indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area'])
    .addCheckConstraint('data_values_status_check', sql`status in ${STATUSES}`)
    .addCheckConstraint('data_values_sex_check', sql`sex in ('', '女', '男')`)
    .addCheckConstraint('data_values_area_check', sql`area in ('', '城镇', '农村')`)
    .addCheckConstraint('data_values_version_check', sql`version >= 1`)
    .execute();
  // Lookups by indicator (roll-up, a form's indicators) use the unique key, whose first column is the indicator.
  await db.schema.createIndex('data_values_region_year_idx').on('data_values').columns(['region_code', 'year']).execute();
  await db.schema.createIndex('data_values_form_idx').on('data_values').column('form_id').execute();

  await db.schema
    .createTable('review_comments')
    .addColumn(...idColumn(db))
    .addColumn('form_id', 'integer', (c) => c.notNull().references('forms.id'))
    .addColumn('indicator_code', 'text')
    .addColumn('region_code', 'text')
    .addColumn('year', 'integer')
    .addColumn('cell_key', 'text')
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('review_comments_form_idx').on('review_comments').column('form_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn(...idColumn(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('form_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .addColumn('origin', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_key']).execute();
  await db.schema.createIndex('audit_log_form_idx').on('audit_log').column('form_id').execute();

  // The log is append-only for everyone, not just by the application's habits.
  if (isPostgres(db)) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception '审计日志只能追加，不能修改或删除'; end; $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, '审计日志只能追加，不能修改或删除'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, '审计日志只能追加，不能修改或删除'); end`.execute(db);
  }

  await db.schema
    .createTable('validation_rules')
    .addColumn('indicator_code', 'text', (c) => c.primaryKey().references('indicators.code').onDelete('cascade'))
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['validation_rules', 'audit_log', 'review_comments', 'data_values', 'forms', 'indicator_reporters', 'rounds']) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) await sql`drop function if exists audit_log_append_only()`.execute(db);
}
