import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Stored reports (annual monitoring report, compendium,
 * evaluation reports), their versions and the review comments.
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db) ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn(...idColumn(db))
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_mime', 'text', (c) => c.notNull())
    .addColumn('file_data', 'text', (c) => c.notNull())
    .addColumn('correction_note', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by_name', 'text')
    .addUniqueConstraint('reports_series_version_unique', ['series_key', 'version'])
    .addCheckConstraint('reports_kind_check', sql`kind in ('annual', 'compendium', 'midterm', 'final')`)
    .addCheckConstraint('reports_status_check', sql`status in ('draft', 'under_review', 'approved', 'published')`)
    .execute();
  await db.schema.createIndex('reports_status_idx').on('reports').column('status').execute();

  await db.schema
    .createTable('report_comments')
    .addColumn(...idColumn(db))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_comments_report_idx').on('report_comments').column('report_id').execute();

  // Immutability of a published version, enforced by the database as well as by the service.
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION fuer_reports_published_immutable() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '已发布的报告不可修改或删除（更正请发布新版本）'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER reports_published_no_update BEFORE UPDATE OR DELETE ON reports
      FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION fuer_reports_published_immutable()`.execute(db);
  } else {
    await sql`CREATE TRIGGER reports_published_no_update BEFORE UPDATE ON reports WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, '已发布的报告不可修改或删除（更正请发布新版本）'); END`.execute(db);
    await sql`CREATE TRIGGER reports_published_no_delete BEFORE DELETE ON reports WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, '已发布的报告不可修改或删除（更正请发布新版本）'); END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_comments').execute();
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS reports_published_no_update ON reports`.execute(db);
    await sql`DROP FUNCTION IF EXISTS fuer_reports_published_immutable()`.execute(db);
  }
  await db.schema.dropTable('reports').execute();
}
