/** Test support for the exchange's storage tests (imported by tests only). */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

/** Every data value and audit row, in a stable order: to show that a rejected file changed nothing. */
export async function dumpMonitoring(db: Kysely<Database>): Promise<{ values: string[]; audit: string[]; forms: string[] }> {
  const values = (await db.selectFrom('data_values').selectAll().orderBy('id').execute()).map((r) => JSON.stringify(r));
  const audit = (await db.selectFrom('audit_log').selectAll().orderBy('id').execute()).map((r) => JSON.stringify(r));
  const forms = (await db.selectFrom('forms').selectAll().orderBy('id').execute()).map((r) => JSON.stringify(r));
  return { values, audit, forms };
}

export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof type)) throw new Error(`应抛出 ${type.name}，实际为 ${String(error)}`);
  return error;
}
