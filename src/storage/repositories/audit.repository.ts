import type { CompiledQuery, Insertable, Kysely } from 'kysely';
import { rowsPerInsert } from '../database.ts';
import type { Database } from '../schema.ts';
import type { AuditEntity, AuditLogTable, AuditRow } from '../schema/monitoring.schema.ts';
import { chunks } from './row-mappers.ts';
import { compileTuples, insertTuples } from './data-value.repository.ts';

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

/** The statements appendAuditTuples runs (for SqliteBulkWriter). */
export function compileAuditTuples(db: Kysely<Database>, rows: readonly unknown[][]): CompiledQuery[] {
  return compileTuples(db, 'audit_log', AUDIT_COLUMNS, rows);
}

/**
 * Imports (CSV, command line) log one row per region, year and form instead of one per value: entity
 * 'data_value_batch', key `region|year`, action 'value.import', and in after_json each changed value's action,
 * before and after under its value key. Who, when, why and where from are the row's.
 * Two shapes are read:
 * - full: `{"inserted":n,"updated":m,"values":{"W2.01|370303|2024|_T":{"action":"value.insert","before":null,
 *   "after":{…}}}}`;
 * - compact (written since the import bench work): `"common"` holds the snapshot fields the batch's new values
 *   share (status, version 1, form, empty numerator, note…), and an entry without "action" is an insert whose
 *   after is `{…common, …entry.after}` — `{"inserted":n,"updated":m,"common":{…},"values":{"W2.01|…":{"after":
 *   {"value":80.5}}}}`. Updates keep their full before and after. A million-value import writes a fifth of the text.
 * findAudit reads a value's history from every shape, so a value's log is the same whichever way it was written.
 */
export const VALUE_BATCH_ENTITY = 'data_value_batch' as const;
export const VALUE_BATCH_ACTION = 'value.import';

export function valueBatchKey(regionCode: string, year: number | string): string {
  return `${regionCode}|${year}`;
}

/**
 * One value's change in a batch row, as JSON texts: an update's full before and after snapshots; an insert's
 * after as the fields that differ from the batch's common snapshot (`insertJson`, without braces).
 */
export type ValueBatchChange =
  | { key: string; action: 'value.update'; beforeJson: string | null; afterJson: string }
  | { key: string; action: 'value.insert'; insertJson: string };

/** The after_json of a batch row, built as text (imports write a million of these entries); `commonJson` is an object's JSON. */
export function valueBatchJson(changes: readonly ValueBatchChange[], commonJson: string): string {
  const text = new ValueBatchText();
  for (const c of changes) {
    if (c.action === 'value.insert') text.insert(c.key, c.insertJson);
    else text.update(c.key, c.beforeJson, c.afterJson);
  }
  return text.json(commonJson);
}

/**
 * A batch row's after_json built entry by entry (no object per value: an import appends a million entries;
 * V8 keeps the growing text as a rope and flattens it once).
 */
export class ValueBatchText {
  private values = '';
  private inserted = 0;
  private updated = 0;

  insert(key: string, insertJson: string): void {
    this.values += `${this.values === '' ? '' : ','}${JSON.stringify(key)}:{"after":{${insertJson}}}`;
    this.inserted++;
  }

  update(key: string, beforeJson: string | null, afterJson: string): void {
    this.values += `${this.values === '' ? '' : ','}${JSON.stringify(key)}:{"action":"value.update","before":${beforeJson ?? 'null'},"after":${afterJson}}`;
    this.updated++;
  }

  json(commonJson: string): string {
    return `{"inserted":${this.inserted},"updated":${this.updated},"common":${commonJson},"values":{${this.values}}}`;
  }
}

interface BatchEntry {
  action?: string;
  before?: unknown;
  after?: unknown;
}

function batchEntry(row: AuditRow, valueKey: string): Required<BatchEntry> | undefined {
  try {
    const parsed = JSON.parse(row.after_json ?? '{}') as { values?: Record<string, BatchEntry>; common?: Record<string, unknown> };
    const values = parsed.values;
    if (values === undefined || !Object.hasOwn(values, valueKey)) return undefined;
    const entry = values[valueKey] as BatchEntry;
    if (entry.action !== undefined) return { action: entry.action, before: entry.before ?? null, after: entry.after ?? null };
    // Compact insert: the batch's common snapshot overlaid with the value's own fields.
    return { action: 'value.insert', before: null, after: { ...parsed.common, ...(entry.after as Record<string, unknown>) } };
  } catch {
    return undefined;
  }
}

/** A value's changes inside import batch rows, as the per-value rows they stand for. */
async function valueRowsFromBatches(db: Kysely<Database>, valueKey: string, query: AuditQuery): Promise<AuditRow[]> {
  const [, regionCode, year] = valueKey.split('|');
  if (regionCode === undefined || year === undefined) return [];
  let q = db.selectFrom('audit_log').selectAll().where('entity', '=', VALUE_BATCH_ENTITY).where('entity_key', '=', valueBatchKey(regionCode, year));
  if (query.formId !== undefined) q = q.where('form_id', '=', query.formId);
  const out: AuditRow[] = [];
  for (const row of await q.orderBy('id').execute()) {
    const entry = batchEntry(row, valueKey);
    if (entry === undefined) continue;
    if (query.actions !== undefined && !query.actions.includes(entry.action)) continue;
    out.push({
      ...row,
      action: entry.action,
      entity: 'data_value',
      entity_key: valueKey,
      before_json: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    });
  }
  return out;
}

export interface AuditQuery {
  formId?: number;
  entity?: AuditEntity;
  entityKey?: string;
  /** Rows of these actions only. */
  actions?: readonly string[];
}

/**
 * Rows matching every filter, oldest first. One value's rows (entity 'data_value' and its key) include its
 * changes inside import batch rows, each as the per-value row it stands for (with the batch row's id).
 */
export async function findAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditRow[]> {
  if (query.actions !== undefined && query.actions.length === 0) return [];
  let q = db.selectFrom('audit_log').selectAll();
  if (query.formId !== undefined) q = q.where('form_id', '=', query.formId);
  if (query.entity !== undefined) q = q.where('entity', '=', query.entity);
  if (query.entityKey !== undefined) q = q.where('entity_key', '=', query.entityKey);
  if (query.actions !== undefined) q = q.where('action', 'in', [...query.actions]);
  const rows = await q.orderBy('id').execute();
  if (query.entity !== 'data_value' || query.entityKey === undefined) return rows;
  const fromBatches = await valueRowsFromBatches(db, query.entityKey, query);
  return fromBatches.length === 0 ? rows : [...rows, ...fromBatches].sort((a, b) => a.id - b.id);
}
