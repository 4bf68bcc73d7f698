import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. The stored evaluation results (evaluation_cache: one row per
 * year × indicator × scope, see src/services/evaluation/evaluation-cache.service.ts) and the data epochs that
 * tell whether a stored result still matches the approved values (evaluation_data_epochs: a counter per
 * indicator × year, raised for every indicator × year that triggers on data_values marked in
 * evaluation_data_changes: any write that touches an approved value, whatever the path — form approval, unlock,
 * import, exchange, demo data or plain SQL).
 */

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evaluation_cache')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('data_stamp', 'bigint', (c) => c.notNull())
    .addColumn('statuses', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_cache_pk', ['year', 'indicator_code', 'scope'])
    .execute();

  await db.schema
    .createTable('evaluation_data_epochs')
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_data_epochs_pk', ['indicator_code', 'year'])
    .execute();

  // Written by the triggers: "this indicator × year changed", once (a key already there costs a lookup, not a
  // write); the readers fold it into the epochs.
  let changes = db.schema
    .createTable('evaluation_data_changes')
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_data_changes_pk', ['indicator_code', 'year']);
  if (!isPostgres(db)) changes = changes.modifyEnd(sql`without rowid`);
  await changes.execute();

  if (isPostgres(db)) {
    // Statement-level triggers with transition tables: one insert per statement, not per row (bulk imports).
    const mark = (rows: string) => `
      insert into evaluation_data_changes (indicator_code, year)
      select distinct indicator_code, year from ${rows} where status = 'approved'
      on conflict do nothing;`;
    const fn = (name: string, body: string) =>
      sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end; $$`).execute(db);
    await fn('evaluation_epoch_insert', mark('new_rows'));
    // Only rows whose read columns changed (an edit of the note or source alone does not count).
    const read = ['indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area', 'value', 'numerator', 'denominator', 'status'];
    const changed = `(${read.map((c) => `o.${c}`).join(', ')}) is distinct from (${read.map((c) => `n.${c}`).join(', ')})`;
    await fn(
      'evaluation_epoch_update',
      `insert into evaluation_data_changes (indicator_code, year)
       select o.indicator_code, o.year from old_rows o join new_rows n on n.id = o.id where o.status = 'approved' and ${changed}
       union
       select n.indicator_code, n.year from old_rows o join new_rows n on n.id = o.id where n.status = 'approved' and ${changed}
       on conflict do nothing;`,
    );
    await fn('evaluation_epoch_delete', mark('old_rows'));
    await sql.raw(`create trigger data_values_epoch_insert after insert on data_values referencing new table as new_rows for each statement execute function evaluation_epoch_insert()`).execute(db);
    await sql.raw(`create trigger data_values_epoch_update after update on data_values referencing old table as old_rows new table as new_rows for each statement execute function evaluation_epoch_update()`).execute(db);
    await sql.raw(`create trigger data_values_epoch_delete after delete on data_values referencing old table as old_rows for each statement execute function evaluation_epoch_delete()`).execute(db);
  } else {
    const mark = (row: 'new' | 'old') => `insert or ignore into evaluation_data_changes (indicator_code, year) values (${row}.indicator_code, ${row}.year);`;
    await sql.raw(`create trigger data_values_epoch_insert after insert on data_values when new.status = 'approved' begin ${mark('new')} end`).execute(db);
    // Updates of the source, note or audit columns alone do not touch what the evaluation reads.
    const read = 'indicator_code, region_code, year, sex, age_group, area, value, numerator, denominator, status';
    await sql.raw(`create trigger data_values_epoch_update_old after update of ${read} on data_values when old.status = 'approved' begin ${mark('old')} end`).execute(db);
    await sql.raw(`create trigger data_values_epoch_update_new after update of ${read} on data_values when new.status = 'approved' begin ${mark('new')} end`).execute(db);
    await sql.raw(`create trigger data_values_epoch_delete after delete on data_values when old.status = 'approved' begin ${mark('old')} end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['insert', 'update', 'delete']) {
      await sql.raw(`drop trigger if exists data_values_epoch_${t} on data_values`).execute(db);
      await sql.raw(`drop function if exists evaluation_epoch_${t}()`).execute(db);
    }
  } else {
    for (const t of ['insert', 'update_old', 'update_new', 'delete']) await sql.raw(`drop trigger if exists data_values_epoch_${t}`).execute(db);
  }
  await db.schema.dropTable('evaluation_data_changes').ifExists().execute();
  await db.schema.dropTable('evaluation_data_epochs').ifExists().execute();
  await db.schema.dropTable('evaluation_cache').ifExists().execute();
}
