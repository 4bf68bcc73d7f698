import type { Insertable, Kysely } from 'kysely';
import { rowsPerInsert } from '../database.ts';
import type { Database } from '../schema.ts';
import type { AuditEntity, AuditLogTable, AuditRow } from '../schema/monitoring.schema.ts';
import { chunks } from './row-mappers.ts';
import { insertTuples } from './data-value.repository.ts';

/**
 * The audit log is append-only: this module only inserts and reads (the database refuses UPDATE and DELETE
 * with triggers, see migration 0003).
 */
export type NewAuditRow = Insertable<AuditLogTable>;

export async function appendAudit(db: Kysely<Database>, rows: readonly NewAuditRow[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(db, 11, 1000))) {
    await db.insertInto('audit_log').values(part).execute();
  }
}

/** The columns of an audit row in the order `appendAuditTuples` takes them. */
export const AUDIT_COLUMNS = ['at', 'user_id', 'user_name', 'action', 'entity', 'entity_key', 'form_id', 'before_json', 'after_json', 'reason', 'origin'] as const;

/** Bulk append for imports: rows as tuples in AUDIT_COLUMNS order. */
export async function appendAuditTuples(db: Kysely<Database>, rows: readonly unknown[][]): Promise<void> {
  await insertTuples(db, 'audit_log', AUDIT_COLUMNS, rows);
}

export interface AuditQuery {
  formId?: number;
  entity?: AuditEntity;
  entityKey?: string;
  /** Rows of these actions only. */
  actions?: readonly string[];
}

/** Rows matching every filter, oldest first. */
export async function findAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditRow[]> {
  if (query.actions !== undefined && query.actions.length === 0) return [];
  let q = db.selectFrom('audit_log').selectAll();
  if (query.formId !== undefined) q = q.where('form_id', '=', query.formId);
  if (query.entity !== undefined) q = q.where('entity', '=', query.entity);
  if (query.entityKey !== undefined) q = q.where('entity_key', '=', query.entityKey);
  if (query.actions !== undefined) q = q.where('action', 'in', [...query.actions]);
  return q.orderBy('id').execute();
}
