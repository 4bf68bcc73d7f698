import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Per-unit extensions of a round's deadline (a department or
 * a county given more time), for the units' report rounds and the monitoring data rounds alike. One extension per
 * unit and round; the round's own date stays in the round's row.
 */

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('deadline_extensions')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('round_type', 'text', (c) => c.notNull())
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('unit_key', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'integer')
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deadline_extensions_unit_unique', ['round_type', 'round_id', 'unit_key'])
    .addCheckConstraint('deadline_extensions_round_type_check', sql`round_type in ('unit_report', 'data')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadline_extensions').execute();
}
