import type { Kysely } from 'kysely';
import type { DataValue, DataValueStatus, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { parseValidationRuleSet } from '../../core/monitoring/validation-rules.ts';
import { capabilitiesOf, rowsPerInsert } from '../database.ts';
import type { Database } from '../schema.ts';
import type { DataValueRow, DataValuesTable } from '../schema/monitoring.schema.ts';
import { chunks } from './row-mappers.ts';
import { CompiledQuery } from 'kysely';
import type { Insertable } from 'kysely';

/** A stored value: the domain's DataValue with its row id, form and last change. */
export interface StoredDataValue extends DataValue {
  id: number;
  formId: number | null;
  updatedAt: string;
  updatedBy: number | null;
  updatedByName: string;
}

/** The columns of a cell: '' stands for the total over a dimension (see monitoring.schema.ts). */
export function cellColumns(cell: DisaggregationCell): { sex: string; age_group: string; area: string } {
  return { sex: cell.sex ?? '', age_group: cell.ageGroup ?? '', area: cell.area ?? '' };
}

export function cellOfRow(row: Pick<DataValueRow, 'sex' | 'age_group' | 'area'>): DisaggregationCell {
  return {
    sex: row.sex === '' ? null : (row.sex as DisaggregationCell['sex']),
    ageGroup: row.age_group === '' ? null : row.age_group,
    area: row.area === '' ? null : (row.area as DisaggregationCell['area']),
  };
}

export function toStoredDataValue(row: DataValueRow): StoredDataValue {
  return {
    id: row.id,
    indicatorCode: row.indicator_code,
    regionCode: row.region_code,
    year: row.year,
    disaggregation: cellOfRow(row),
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    source: row.source,
    note: row.note,
    status: row.status,
    version: row.version,
    backfilled: Number(row.backfilled) === 1,
    formId: row.form_id,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
  };
}

/** The natural key of a value, also its audit entity key: indicator|region|year|cellKey. */
export function valueKey(indicatorCode: string, regionCode: string, year: number, cellKey: string): string {
  return `${indicatorCode}|${regionCode}|${year}|${cellKey}`;
}

export function keyOfValue(v: Pick<DataValue, 'indicatorCode' | 'regionCode' | 'year' | 'disaggregation'>): string {
  return valueKey(v.indicatorCode, v.regionCode, v.year, disaggregationKey(v.disaggregation));
}

export interface ValueQuery {
  years?: readonly number[];
  regionCodes?: readonly string[];
  indicatorCodes?: readonly string[];
  statuses?: readonly DataValueStatus[];
  formId?: number;
}

/**
 * Values matching every given filter. Long lists are split so that each statement stays within the engine's
 * parameter limit (the filter on region codes is the one split; the others are short).
 */
export async function findDataValues(db: Kysely<Database>, query: ValueQuery): Promise<StoredDataValue[]> {
  const { years, regionCodes, indicatorCodes, statuses, formId } = query;
  if ([years, regionCodes, indicatorCodes, statuses].some((list) => list !== undefined && list.length === 0)) return [];
  const regionParts = regionCodes === undefined ? [undefined] : chunks(regionCodes, 2000);
  const indicatorParts = indicatorCodes === undefined ? [undefined] : chunks(indicatorCodes, 2000);
  const out: StoredDataValue[] = [];
  for (const regions of regionParts) {
    for (const indicators of indicatorParts) {
      let q = db.selectFrom('data_values').selectAll();
      if (years !== undefined) q = q.where('year', 'in', [...years]);
      if (regions !== undefined) q = q.where('region_code', 'in', regions);
      if (indicators !== undefined) q = q.where('indicator_code', 'in', indicators);
      if (statuses !== undefined) q = q.where('status', 'in', [...statuses]);
      if (formId !== undefined) q = q.where('form_id', '=', formId);
      for (const row of await q.orderBy('id').execute()) out.push(toStoredDataValue(row));
    }
  }
  return out;
}

export async function findDataValueByKey(
  db: Kysely<Database>,
  ref: { indicatorCode: string; regionCode: string; year: number; disaggregation: DisaggregationCell },
): Promise<StoredDataValue | null> {
  const cols = cellColumns(ref.disaggregation);
  const row = await db
    .selectFrom('data_values')
    .selectAll()
    .where('indicator_code', '=', ref.indicatorCode)
    .where('region_code', '=', ref.regionCode)
    .where('year', '=', ref.year)
    .where('sex', '=', cols.sex)
    .where('age_group', '=', cols.age_group)
    .where('area', '=', cols.area)
    .executeTakeFirst();
  return row === undefined ? null : toStoredDataValue(row);
}

export type NewDataValueRow = Insertable<DataValuesTable>;

/** Multi-row inserts within the engine's parameter limit. */
export async function insertDataValues(db: Kysely<Database>, rows: readonly NewDataValueRow[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(db, 19, 1000))) {
    await db.insertInto('data_values').values(part).execute();
  }
}

/**
 * Inserts rows given as tuples in `columns` order with multi-row INSERTs built as text: placeholders `?` on
 * SQLite, `$n` on PostgreSQL; table and column names are the caller's constants, never user input. The text of
 * a full batch is built once and reused.
 */
export async function insertTuples(db: Kysely<Database>, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const postgres = capabilitiesOf(db).dialect === 'postgres';
  const perStatement = rowsPerInsert(db, columns.length, 500);
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  const texts = new Map<number, string>();
  const textFor = (n: number): string => {
    let text = texts.get(n);
    if (text === undefined) {
      const tuples: string[] = [];
      for (let r = 0, p = 1; r < n; r++) {
        const marks: string[] = [];
        for (let c = 0; c < columns.length; c++, p++) marks.push(postgres ? `$${p}` : '?');
        tuples.push(`(${marks.join(', ')})`);
      }
      text = head + tuples.join(', ');
      texts.set(n, text);
    }
    return text;
  };
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    for (const row of part) {
      if (row.length !== columns.length) throw new Error(`${table} 的插入行应有${columns.length}列，实际为${row.length}列`);
      for (const x of row) parameters.push(x);
    }
    await db.executeQuery(CompiledQuery.raw(textFor(part.length), parameters));
  }
}

/** The columns of a data value row in the order `insertDataValueTuples` takes them. */
export const DATA_VALUE_COLUMNS = [
  'indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area', 'value', 'numerator', 'denominator', 'source', 'note',
  'status', 'version', 'backfilled', 'form_id', 'created_at', 'updated_at', 'updated_by', 'updated_by_name',
] as const;

/**
 * Bulk insert for imports of many values: rows as plain tuples in DATA_VALUE_COLUMNS order, sent as multi-row
 * INSERTs whose text is built once per batch size (the query builder's per-row work dominates otherwise).
 */
export async function insertDataValueTuples(db: Kysely<Database>, rows: readonly unknown[][]): Promise<void> {
  await insertTuples(db, 'data_values', DATA_VALUE_COLUMNS, rows);
}

export interface DataValueChange {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
  status: DataValueStatus;
  version: number;
  backfilled: number;
  form_id: number | null;
  updated_at: string;
  updated_by: number | null;
  updated_by_name: string;
}

/** Updates one value if it still has `expectedVersion`; false when someone else changed it meanwhile. */
export async function updateDataValue(db: Kysely<Database>, id: number, expectedVersion: number, change: DataValueChange): Promise<boolean> {
  const result = await db.updateTable('data_values').set(change).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets the status of a form's values (those in `from`); returns how many changed. */
export async function setFormValuesStatus(
  db: Kysely<Database>,
  formId: number,
  from: readonly DataValueStatus[],
  to: DataValueStatus,
): Promise<number> {
  const result = await db
    .updateTable('data_values')
    .set({ status: to })
    .where('form_id', '=', formId)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setValueStatus(db: Kysely<Database>, ids: readonly number[], to: DataValueStatus): Promise<void> {
  for (const part of chunks(ids, 5000)) {
    await db.updateTable('data_values').set({ status: to }).where('id', 'in', part).execute();
  }
}

/** Moves the city's values of an indicator from some forms to another (when its reporting department changes). */
export async function moveValuesToForm(db: Kysely<Database>, indicatorCode: string, fromFormIds: readonly number[], toFormId: number): Promise<void> {
  if (fromFormIds.length === 0) return;
  await db
    .updateTable('data_values')
    .set({ form_id: toFormId })
    .where('indicator_code', '=', indicatorCode)
    .where('form_id', 'in', [...fromFormIds])
    .execute();
}

/** Stored validation rule sets, each checked again (a row that no longer parses is skipped: defaults apply). */
export async function loadValidationRules(db: Kysely<Database>, indicatorCodes?: readonly string[]): Promise<ValidationRuleSet[]> {
  if (indicatorCodes !== undefined && indicatorCodes.length === 0) return [];
  let q = db.selectFrom('validation_rules').select(['indicator_code', 'rules_json']);
  if (indicatorCodes !== undefined) q = q.where('indicator_code', 'in', [...indicatorCodes]);
  const out: ValidationRuleSet[] = [];
  for (const row of await q.execute()) {
    let raw: unknown;
    try {
      raw = JSON.parse(row.rules_json);
    } catch {
      continue;
    }
    const parsed = parseValidationRuleSet(raw);
    if (parsed.ok && parsed.rules.indicatorCode === row.indicator_code) out.push(parsed.rules);
  }
  return out;
}

export interface StoredRuleMeta {
  indicatorCode: string;
  updatedAt: string;
  updatedBy: number | null;
  updatedByName: string;
}

export async function findValidationRuleMeta(db: Kysely<Database>, indicatorCode: string): Promise<StoredRuleMeta | null> {
  const row = await db
    .selectFrom('validation_rules')
    .select(['indicator_code', 'updated_at', 'updated_by', 'updated_by_name'])
    .where('indicator_code', '=', indicatorCode)
    .executeTakeFirst();
  return row === undefined
    ? null
    : { indicatorCode: row.indicator_code, updatedAt: row.updated_at, updatedBy: row.updated_by, updatedByName: row.updated_by_name };
}

export async function saveValidationRules(
  db: Kysely<Database>,
  rules: ValidationRuleSet,
  by: { id: number | null; name: string },
  at: string,
): Promise<void> {
  const row = { rules_json: JSON.stringify(rules), updated_by: by.id, updated_by_name: by.name, updated_at: at };
  await db
    .insertInto('validation_rules')
    .values({ indicator_code: rules.indicatorCode, ...row })
    .onConflict((oc) => oc.column('indicator_code').doUpdateSet(row))
    .execute();
}

export async function deleteValidationRules(db: Kysely<Database>, indicatorCode: string): Promise<boolean> {
  const result = await db.deleteFrom('validation_rules').where('indicator_code', '=', indicatorCode).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Attaches the stored values of a year and region (and indicators) to a form: when its round opens after them. */
export async function attachValuesToForm(
  db: Kysely<Database>,
  formId: number,
  scope: { year: number; regionCode: string; indicatorCodes?: readonly string[] },
): Promise<number> {
  if (scope.indicatorCodes !== undefined && scope.indicatorCodes.length === 0) return 0;
  let q = db.updateTable('data_values').set({ form_id: formId }).where('year', '=', scope.year).where('region_code', '=', scope.regionCode);
  if (scope.indicatorCodes !== undefined) q = q.where('indicator_code', 'in', [...scope.indicatorCodes]);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
