import { sql, type Kysely } from 'kysely';
import { capabilitiesOf } from '../database.ts';
import { inTransaction } from '../transaction.ts';
import type { Database } from '../schema.ts';
import type { EvaluationCacheTable } from '../schema/evaluation-cache.schema.ts';

export type StoredEvaluationRow = EvaluationCacheTable;
export type StoredStatusRow = Pick<EvaluationCacheTable, 'indicator_code' | 'signature' | 'data_stamp' | 'statuses'>;

/**
 * Raises the epoch of every indicator × year the triggers marked as changed, and clears the marks. PostgreSQL:
 * one statement (the marks deleted are exactly those counted); SQLite: one write transaction (writers queue).
 */
export async function foldDataChanges(db: Kysely<Database>): Promise<number> {
  const any = await db.selectFrom('evaluation_data_changes').select('year').limit(1).executeTakeFirst();
  if (any === undefined) return 0;
  if (capabilitiesOf(db).dialect === 'postgres') {
    const result = await sql`
      with gone as (delete from evaluation_data_changes returning indicator_code, year)
      insert into evaluation_data_epochs (indicator_code, year, epoch)
      select indicator_code, year, 1 from gone
      on conflict (indicator_code, year) do update set epoch = evaluation_data_epochs.epoch + 1`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }
  return inTransaction(db, async (trx) => {
    const result = await sql`
      insert into evaluation_data_epochs (indicator_code, year, epoch)
      select indicator_code, year, 1 from evaluation_data_changes where true
      on conflict (indicator_code, year) do update set epoch = epoch + 1`.execute(trx);
    await trx.deleteFrom('evaluation_data_changes').execute();
    return Number(result.numAffectedRows ?? 0);
  });
}

/**
 * Per indicator, the sum of its data epochs of the years up to `year` (the pending changes folded in first): it
 * grows whenever an approved value the evaluation of `year` reads was written or removed.
 */
export async function dataStamps(db: Kysely<Database>, year: number): Promise<Map<string, number>> {
  await foldDataChanges(db);
  const rows = await db
    .selectFrom('evaluation_data_epochs')
    .select(['indicator_code', (eb) => eb.fn.sum<number>('epoch').as('stamp')])
    .where('year', '<=', year)
    .groupBy('indicator_code')
    .execute();
  return new Map(rows.map((r) => [r.indicator_code, Number(r.stamp)] as const));
}

export async function findStoredEvaluation(db: Kysely<Database>, key: { year: number; indicatorCode: string; scope: string }): Promise<StoredEvaluationRow | undefined> {
  return db
    .selectFrom('evaluation_cache')
    .selectAll()
    .where('year', '=', key.year)
    .where('indicator_code', '=', key.indicatorCode)
    .where('scope', '=', key.scope)
    .executeTakeFirst();
}

/** The statuses of every stored indicator of a year and scope (without the working: the dashboard's read). */
export async function findStoredStatuses(db: Kysely<Database>, key: { year: number; scope: string }): Promise<Map<string, StoredStatusRow>> {
  const rows = await db
    .selectFrom('evaluation_cache')
    .select(['indicator_code', 'signature', 'data_stamp', 'statuses'])
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .execute();
  return new Map(rows.map((r) => [r.indicator_code, { ...r, data_stamp: Number(r.data_stamp) }] as const));
}

export async function storeEvaluation(db: Kysely<Database>, row: StoredEvaluationRow): Promise<void> {
  const { year, indicator_code, scope, ...rest } = row;
  await db
    .insertInto('evaluation_cache')
    .values(row)
    .onConflict((oc) => oc.columns(['year', 'indicator_code', 'scope']).doUpdateSet(rest))
    .execute();
}

/** Forgets every stored evaluation (they are recomputed on the next read). Returns how many were stored. */
export async function clearStoredEvaluations(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('evaluation_cache').executeTakeFirst();
  return Number(result.numDeletedRows);
}
