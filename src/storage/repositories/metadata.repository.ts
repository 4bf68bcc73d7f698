import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Key–value facts about this instance (table metadata, migration 0004): is_demo, demo_seed … */

export const IS_DEMO_KEY = 'is_demo';

export async function getMetadata(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db.selectFrom('metadata').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function allMetadata(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('metadata').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value] as const));
}

export async function setMetadata(db: Kysely<Database>, key: string, value: string, at = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('metadata')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** Whether the database was filled by `fuer demo` (示例数据). */
export async function isDemoDatabase(db: Kysely<Database>): Promise<boolean> {
  return (await getMetadata(db, IS_DEMO_KEY)) === '1';
}
