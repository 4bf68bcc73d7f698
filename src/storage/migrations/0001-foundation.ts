import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/*
 * Frozen: a migration never changes once released and imports no application code.
 * Types are the ones both engines accept alike: integer, text, double precision; dates as ISO text,
 * booleans as integer 0/1, lists as JSON text.
 */

// Auto-increment key: SQLite's AUTOINCREMENT never reuses an id (a replaced plan gets new ids);
// PostgreSQL's serial is the same promise.
function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
    .addColumn('functional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addCheckConstraint('regions_level_check', sql`level in ('province', 'city', 'county', 'town', 'village')`)
    .addCheckConstraint('regions_validity_check', sql`valid_to is null or valid_to >= valid_from`)
    .execute();
  await db.schema.createIndex('regions_parent_idx').on('regions').column('parent_code').execute();
  await db.schema.createIndex('regions_level_idx').on('regions').column('level').execute();

  await db.schema
    .createTable('region_links')
    .addColumn(...idColumn(db))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code').onDelete('cascade'))
    .addColumn('parent_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('region_links_region_from_unique', ['region_code', 'valid_from'])
    .addCheckConstraint('region_links_validity_check', sql`valid_to is null or valid_to >= valid_from`)
    .execute();
  await db.schema.createIndex('region_links_parent_idx').on('region_links').column('parent_code').execute();

  await db.schema
    .createTable('departments')
    .addColumn(...idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('department_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('department_aliases_department_idx').on('department_aliases').column('department_id').execute();

  await db.schema
    .createTable('plans')
    .addColumn(...idColumn(db))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('area_name', 'text', (c) => c.notNull())
    .addColumn('period_start', 'integer', (c) => c.notNull())
    .addColumn('period_end', 'integer', (c) => c.notNull())
    .addColumn('preamble', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_file', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plans_region_code_unique', ['region_code', 'code'])
    .addCheckConstraint('plans_kind_check', sql`kind in ('women', 'children')`)
    .execute();

  await db.schema
    .createTable('plan_sections')
    .addColumn(...idColumn(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('plan_sections_plan_ord_unique', ['plan_id', 'ord'])
    .execute();

  await db.schema
    .createTable('domains')
    .addColumn(...idColumn(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('domains_plan_ord_unique', ['plan_id', 'ord'])
    .execute();

  await db.schema
    .createTable('goals')
    .addColumn(...idColumn(db))
    .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('units_text', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('goals_domain_ord_unique', ['domain_id', 'ord'])
    .execute();

  await db.schema
    .createTable('measures')
    .addColumn(...idColumn(db))
    .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('measures_domain_ord_unique', ['domain_id', 'ord'])
    .execute();

  await db.schema
    .createTable('goal_units')
    .addColumn(...idColumn(db))
    .addColumn('goal_id', 'integer', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('group_name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addCheckConstraint('goal_units_role_check', sql`role in ('lead', 'responsible')`)
    .addCheckConstraint(
      'goal_units_one_unit_check',
      sql`(department_id is null and group_name is not null) or (department_id is not null and group_name is null)`,
    )
    .execute();
  await db.schema.createIndex('goal_units_goal_idx').on('goal_units').column('goal_id').execute();
  await db.schema.createIndex('goal_units_department_idx').on('goal_units').column('department_id').execute();

  await db.schema
    .createTable('indicators')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('scale', 'double precision')
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) => c.notNull())
    .addColumn('disaggregations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('age_groups', 'text')
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('plan_kind', 'text', (c) => c.notNull())
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scopes', 'text')
    .execute();
  await db.schema.createIndex('indicators_department_idx').on('indicators').column('department_id').execute();

  await db.schema
    .createTable('targets')
    .addColumn(...idColumn(db))
    .addColumn('goal_id', 'integer', (c) => c.references('goals.id').onDelete('cascade'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('indicator_name', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.references('indicators.code').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('op', 'text')
    .addColumn('value', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('base_year', 'integer')
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('direction', 'text')
    .addColumn('ratio_left', 'double precision')
    .addColumn('ratio_right', 'double precision')
    .addColumn('scope', 'text')
    .addColumn('reference', 'text')
    .addCheckConstraint('targets_source_check', sql`(goal_id is null) <> (measure_id is null)`)
    .execute();
  await db.schema.createIndex('targets_goal_idx').on('targets').column('goal_id').execute();
  await db.schema.createIndex('targets_measure_idx').on('targets').column('measure_id').execute();
  await db.schema.createIndex('targets_indicator_idx').on('targets').column('indicator_code').execute();

  await db.schema
    .createTable('unplaced_phrases')
    .addColumn(...idColumn(db))
    .addColumn('goal_id', 'integer', (c) => c.references('goals.id').onDelete('cascade'))
    .addColumn('measure_id', 'integer', (c) => c.references('measures.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sentence', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addCheckConstraint('unplaced_source_check', sql`(goal_id is null) <> (measure_id is null)`)
    .execute();
  await db.schema.createIndex('unplaced_goal_idx').on('unplaced_phrases').column('goal_id').execute();
  await db.schema.createIndex('unplaced_measure_idx').on('unplaced_phrases').column('measure_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'unplaced_phrases',
    'targets',
    'indicators',
    'goal_units',
    'measures',
    'goals',
    'domains',
    'plan_sections',
    'plans',
    'department_aliases',
    'departments',
    'region_links',
    'regions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
