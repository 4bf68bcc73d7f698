import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { DeadlineExtensionRow, DeadlineExtensionsTable, DeadlineRoundType } from '../schema/deadlines.schema.ts';

/** Per-unit deadline extensions of rounds (report rounds and data rounds). */

export async function listDeadlineExtensions(db: Kysely<Database>, roundType: DeadlineRoundType, roundIds: readonly number[]): Promise<DeadlineExtensionRow[]> {
  if (roundIds.length === 0) return [];
  return db.selectFrom('deadline_extensions').selectAll().where('round_type', '=', roundType).where('round_id', 'in', [...roundIds]).orderBy('id').execute();
}

/** Sets a unit's extension, replacing the one it had. */
export async function saveDeadlineExtension(db: Kysely<Database>, row: Insertable<DeadlineExtensionsTable>): Promise<DeadlineExtensionRow> {
  await db.deleteFrom('deadline_extensions').where('round_type', '=', row.round_type).where('round_id', '=', row.round_id).where('unit_key', '=', row.unit_key).execute();
  return db.insertInto('deadline_extensions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteDeadlineExtensions(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('deadline_extensions').where('id', 'in', [...ids]).execute();
}

/** Extensions keyed by `${round_id}|${unit_key}`. */
export function extensionIndex(rows: readonly DeadlineExtensionRow[]): Map<string, DeadlineExtensionRow> {
  return new Map(rows.map((r) => [`${r.round_id}|${r.unit_key}`, r] as const));
}
