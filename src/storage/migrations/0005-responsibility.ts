import { PostgresAdapter, sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Responsibility and supervision: tasks and their
 * reminders, county plans, department implementation plans, supervision visits, meetings, pilots, and the
 * history of these records. City goals are referred to by (plan_kind, domain_ord, goal_ord).
 */

function idColumn(db: Kysely<any>): [string, 'serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres ? ['id', 'serial', (c) => c.primaryKey()] : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

const FILING = sql`('draft', 'filed', 'reviewed', 'returned')`;
const ITEM = sql`('adopted', 'adjusted', 'not_applicable', 'added')`;
const KINDS = sql`('women', 'children')`;

function withFlow<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('filed_at', 'text')
    .addColumn('filed_by', 'integer')
    .addColumn('filed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('review_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

function withUnit<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>, parent: string, parentTable: string): CreateTableBuilder<T, any> {
  return table
    .addColumn(...idColumn(db))
    .addColumn(parent, 'integer', (c) => c.notNull().references(`${parentTable}.id`).onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn(...idColumn(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('owner_region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('reminder_days', 'text', (c) => c.notNull().defaultTo('[7,1,0]'))
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'integer')
    .addColumn('year', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'integer')
    .addColumn('completed_by_name', 'text')
    .addColumn('outcome_note', 'text')
    .addCheckConstraint(
      'tasks_kind_check',
      sql`kind in ('annual_report', 'data_round', 'plan_filing', 'implementation_plan', 'rectification', 'supervision_followup', 'meeting_decision', 'other')`,
    )
    .addCheckConstraint('tasks_status_check', sql`status in ('open', 'done', 'cancelled')`)
    .addCheckConstraint('tasks_owner_check', sql`owner_department_id is not null or owner_region_code is not null`)
    .addCheckConstraint('tasks_source_check', sql`(source_type is null) = (source_id is null)`)
    .execute();
  await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('tasks_department_idx').on('tasks').column('owner_department_id').execute();
  await db.schema.createIndex('tasks_region_idx').on('tasks').column('owner_region_code').execute();
  await db.schema.createIndex('tasks_source_idx').on('tasks').columns(['source_type', 'source_id']).execute();

  await db.schema
    .createTable('reminder_contacts')
    .addColumn(...idColumn(db))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('reminder_contacts_owner_check', sql`department_id is not null or region_code is not null`)
    .execute();

  await db.schema
    .createTable('task_notifications')
    .addColumn(...idColumn(db))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('remind_on', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('task_notifications_unique', ['task_id', 'remind_on', 'recipient'])
    .addCheckConstraint('task_notifications_status_check', sql`status in ('pending', 'sent', 'failed')`)
    .execute();

  await withFlow(
    db.schema
      .createTable('county_plans')
      .addColumn(...idColumn(db))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('plan_kind', 'text', (c) => c.notNull())
      .addColumn('period_start', 'integer', (c) => c.notNull())
      .addColumn('period_end', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('imported_plan_id', 'integer', (c) => c.references('plans.id').onDelete('set null'))
      .addColumn('source_file', 'text')
      .addColumn('promulgated_at', 'text')
      .addColumn('document_no', 'text')
      .addColumn('filed_recorded_at', 'text'),
  )
    .addUniqueConstraint('county_plans_unique', ['region_code', 'plan_kind', 'period_start'])
    .addCheckConstraint('county_plans_kind_check', sql`plan_kind in ${KINDS}`)
    .addCheckConstraint('county_plans_origin_check', sql`origin in ('derived', 'imported')`)
    .addCheckConstraint('county_plans_status_check', sql`status in ${FILING}`)
    .execute();

  await db.schema
    .createTable('county_plan_goals')
    .addColumn(...idColumn(db))
    .addColumn('county_plan_id', 'integer', (c) => c.notNull().references('county_plans.id').onDelete('cascade'))
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('units_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('city_domain_ord', 'integer')
    .addColumn('city_goal_ord', 'integer')
    .addCheckConstraint('county_plan_goals_status_check', sql`status in ${ITEM}`)
    .execute();
  await db.schema.createIndex('county_plan_goals_plan_idx').on('county_plan_goals').column('county_plan_id').execute();

  await db.schema
    .createTable('county_plan_targets')
    .addColumn(...idColumn(db))
    .addColumn('county_plan_id', 'integer', (c) => c.notNull().references('county_plans.id').onDelete('cascade'))
    .addColumn('county_goal_id', 'integer', (c) => c.references('county_plan_goals.id').onDelete('cascade'))
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('indicator_name', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text')
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
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('city_source', 'text')
    .addColumn('city_domain_ord', 'integer')
    .addColumn('city_item_ord', 'integer')
    .addColumn('city_target_ord', 'integer')
    .addCheckConstraint('county_plan_targets_status_check', sql`status in ${ITEM}`)
    .addCheckConstraint('county_plan_targets_source_check', sql`city_source is null or city_source in ('goal', 'measure')`)
    .execute();
  await db.schema.createIndex('county_plan_targets_plan_idx').on('county_plan_targets').column('county_plan_id').execute();

  await withFlow(
    db.schema
      .createTable('implementation_plans')
      .addColumn(...idColumn(db))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('period_start', 'integer', (c) => c.notNull())
      .addColumn('period_end', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('document_no', 'text'),
  )
    .addCheckConstraint('implementation_plans_status_check', sql`status in ${FILING}`)
    .execute();
  await db.schema.createIndex('implementation_plans_department_idx').on('implementation_plans').column('department_id').execute();

  await db.schema
    .createTable('implementation_plan_goals')
    .addColumn('implementation_plan_id', 'integer', (c) => c.notNull().references('implementation_plans.id').onDelete('cascade'))
    .addColumn('plan_kind', 'text', (c) => c.notNull())
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('goal_ord', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('implementation_plan_goals_pk', ['implementation_plan_id', 'plan_kind', 'domain_ord', 'goal_ord'])
    .addCheckConstraint('implementation_plan_goals_kind_check', sql`plan_kind in ${KINDS}`)
    .execute();

  await db.schema
    .createTable('supervisions')
    .addColumn(...idColumn(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await withUnit(db, db.schema.createTable('supervision_units'), 'supervision_id', 'supervisions').execute();

  await db.schema
    .createTable('supervision_findings')
    .addColumn(...idColumn(db))
    .addColumn('supervision_id', 'integer', (c) => c.notNull().references('supervisions.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('plan_kind', 'text')
    .addColumn('domain_ord', 'integer')
    .addColumn('goal_ord', 'integer')
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn(...idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('meetings_kind_check', sql`kind in ('plenary', 'liaison', 'work_conference', 'other')`)
    .execute();
  await withUnit(db, db.schema.createTable('meeting_attendees'), 'meeting_id', 'meetings').execute();

  await db.schema
    .createTable('meeting_decisions')
    .addColumn(...idColumn(db))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('region_code', 'text', (c) => c.references('regions.code'))
    .addColumn('due_date', 'text')
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('pilots')
    .addColumn(...idColumn(db))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('results', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('pilots_status_check', sql`status in ('planned', 'running', 'completed', 'cancelled')`)
    .addCheckConstraint('pilots_period_check', sql`period_end >= period_start`)
    .execute();
  await db.schema
    .createTable('pilot_goals')
    .addColumn('pilot_id', 'integer', (c) => c.notNull().references('pilots.id').onDelete('cascade'))
    .addColumn('plan_kind', 'text', (c) => c.notNull())
    .addColumn('domain_ord', 'integer', (c) => c.notNull())
    .addColumn('goal_ord', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pilot_goals_pk', ['pilot_id', 'plan_kind', 'domain_ord', 'goal_ord'])
    .execute();
  await withUnit(db, db.schema.createTable('pilot_units'), 'pilot_id', 'pilots').execute();
  await db.schema
    .createTable('pilot_milestones')
    .addColumn(...idColumn(db))
    .addColumn('pilot_id', 'integer', (c) => c.notNull().references('pilots.id').onDelete('cascade'))
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('responsibility_events')
    .addColumn(...idColumn(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('responsibility_events_entity_idx').on('responsibility_events').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'responsibility_events',
    'pilot_milestones',
    'pilot_units',
    'pilot_goals',
    'pilots',
    'meeting_decisions',
    'meeting_attendees',
    'meetings',
    'supervision_findings',
    'supervision_units',
    'supervisions',
    'implementation_plan_goals',
    'implementation_plans',
    'county_plan_targets',
    'county_plan_goals',
    'county_plans',
    'task_notifications',
    'reminder_contacts',
    'tasks',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
