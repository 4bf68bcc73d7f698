import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Department and county reports to the city office (annual
 * implementation reports, mid-term / final self-evaluation reports): rounds, reports (versions), their goal items,
 * review comments and attachments.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db) ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

const KINDS = sql`('annual', 'midterm', 'final')`;
const IMMUTABLE = '已发布的报告不可修改或删除（更正请创建新版本）';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_report_rounds')
    .addColumn(...idColumn(db))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_report_rounds_year_kind_unique', ['year', 'kind'])
    .addCheckConstraint('unit_report_rounds_kind_check', sql`kind in ${KINDS}`)
    .execute();

  await db.schema
    .createTable('unit_reports')
    .addColumn(...idColumn(db))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('unit_report_rounds.id'))
    .addColumn('unit_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit_kind', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('overview', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_plan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('correction_note', 'text')
    .addColumn('task_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('last_submitted_at', 'text')
    .addColumn('submitted_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by_name', 'text')
    .addUniqueConstraint('unit_reports_series_version_unique', ['round_id', 'unit_key', 'version'])
    .addCheckConstraint('unit_reports_unit_kind_check', sql`unit_kind in ('department', 'county')`)
    .addCheckConstraint('unit_reports_status_check', sql`status in ('draft', 'submitted', 'returned', 'resubmitted', 'approved', 'published')`)
    .addCheckConstraint('unit_reports_unit_check', sql`(unit_kind = 'department' and department_id is not null) or (unit_kind = 'county' and region_code is not null)`)
    .execute();
  await db.schema.createIndex('unit_reports_round_idx').on('unit_reports').column('round_id').execute();
  await db.schema.createIndex('unit_reports_status_idx').on('unit_reports').column('status').execute();

  await db.schema
    .createTable('unit_report_items')
    .addColumn(...idColumn(db))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('unit_reports.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('plan_kind', 'text', (c) => c.notNull())
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('goal_ord', 'integer', (c) => c.notNull())
    .addColumn('goal_text', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('progress', 'text')
    .addColumn('done', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_plan', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('unit_report_items_goal_unique', ['report_id', 'plan_kind', 'domain_ord', 'goal_ord'])
    .addCheckConstraint('unit_report_items_plan_check', sql`plan_kind in ('women', 'children')`)
    .addCheckConstraint('unit_report_items_role_check', sql`role in ('lead', 'responsible', 'county')`)
    .addCheckConstraint('unit_report_items_progress_check', sql`progress is null or progress in ('achieved', 'mostly_achieved', 'in_progress', 'lagging')`)
    .execute();
  await db.schema.createIndex('unit_report_items_report_idx').on('unit_report_items').column('report_id').execute();

  await db.schema
    .createTable('unit_report_comments')
    .addColumn(...idColumn(db))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('unit_reports.id').onDelete('cascade'))
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_report_comments_report_idx').on('unit_report_comments').column('report_id').execute();

  await db.schema
    .createTable('unit_report_attachments')
    .addColumn(...idColumn(db))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('unit_reports.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_report_attachments_report_idx').on('unit_report_attachments').column('report_id').execute();

  // A published version is immutable, its items and attachments too: enforced by the database as well.
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION fuer_unit_reports_published_immutable() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '${sql.raw(IMMUTABLE)}'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER unit_reports_published_no_change BEFORE UPDATE OR DELETE ON unit_reports
      FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION fuer_unit_reports_published_immutable()`.execute(db);
    await sql`CREATE FUNCTION fuer_unit_report_parts_immutable() RETURNS trigger AS $$
      DECLARE rid integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN rid := NEW.report_id; ELSE rid := OLD.report_id; END IF;
        IF EXISTS (SELECT 1 FROM unit_reports WHERE id = rid AND status = 'published') THEN
          RAISE EXCEPTION '${sql.raw(IMMUTABLE)}';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`.execute(db);
    for (const table of ['unit_report_items', 'unit_report_attachments']) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_published_no_change`)} BEFORE INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION fuer_unit_report_parts_immutable()`.execute(db);
    }
  } else {
    const abort = sql.raw(`SELECT RAISE(ABORT, '${IMMUTABLE}')`);
    await sql`CREATE TRIGGER unit_reports_published_no_update BEFORE UPDATE ON unit_reports WHEN OLD.status = 'published' BEGIN ${abort}; END`.execute(db);
    await sql`CREATE TRIGGER unit_reports_published_no_delete BEFORE DELETE ON unit_reports WHEN OLD.status = 'published' BEGIN ${abort}; END`.execute(db);
    for (const table of ['unit_report_items', 'unit_report_attachments']) {
      const published = (ref: string) => sql.raw(`(SELECT status FROM unit_reports WHERE id = ${ref}.report_id) = 'published'`);
      await sql`CREATE TRIGGER ${sql.raw(`${table}_published_no_insert`)} BEFORE INSERT ON ${sql.table(table)} WHEN ${published('NEW')} BEGIN ${abort}; END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${table}_published_no_update`)} BEFORE UPDATE ON ${sql.table(table)} WHEN ${published('OLD')} BEGIN ${abort}; END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${table}_published_no_delete`)} BEFORE DELETE ON ${sql.table(table)} WHEN ${published('OLD')} BEGIN ${abort}; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['unit_report_attachments', 'unit_report_comments', 'unit_report_items', 'unit_reports', 'unit_report_rounds']) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) {
    await sql`DROP FUNCTION IF EXISTS fuer_unit_report_parts_immutable()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS fuer_unit_reports_published_immutable()`.execute(db);
  }
}
