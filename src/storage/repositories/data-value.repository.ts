import type { Kysely } from 'kysely';
import type { DataValue, DataValueStatus, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { parseValidationRuleSet } from '../../core/monitoring/validation-rules.ts';
import { capabilitiesOf, rowsPerInsert } from '../database.ts';
import type { DialectName } from '../database.ts';
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
  const out: StoredDataValue[] = [];
  for (const statement of compileFindDataValues(db, query)) {
    for (const row of (await db.executeQuery<DataValueRow>(statement)).rows) out.push(toStoredDataValue(row));
  }
  return out;
}

/** The statements findDataValues runs (for a caller that runs them elsewhere: SqliteBulkWriter reads its own writes). */
export function compileFindDataValues(db: Kysely<Database>, query: ValueQuery): CompiledQuery<DataValueRow>[] {
  const { years, regionCodes, indicatorCodes, statuses, formId } = query;
  if ([years, regionCodes, indicatorCodes, statuses].some((list) => list !== undefined && list.length === 0)) return [];
  const regionParts = regionCodes === undefined ? [undefined] : chunks(regionCodes, 2000);
  const indicatorParts = indicatorCodes === undefined ? [undefined] : chunks(indicatorCodes, 2000);
  const out: CompiledQuery<DataValueRow>[] = [];
  for (const regions of regionParts) {
    for (const indicators of indicatorParts) {
      let q = db.selectFrom('data_values').selectAll();
      if (years !== undefined) q = q.where('year', 'in', [...years]);
      if (regions !== undefined) q = q.where('region_code', 'in', regions);
      if (indicators !== undefined) q = q.where('indicator_code', 'in', indicators);
      if (statuses !== undefined) q = q.where('status', 'in', [...statuses]);
      if (formId !== undefined) q = q.where('form_id', '=', formId);
      out.push(q.orderBy('id').compile());
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
 * Inserts rows given as tuples in `columns` order with multi-row INSERTs built as text; table and column names
 * are the caller's constants, never user input. `shared` columns hold one value for every row and are bound once
 * per statement (imports stamp a million rows with the same status, time and author): PostgreSQL reuses their
 * `$n` in each tuple; SQLite, whose driver binds only anonymous `?`, joins the VALUES list with a one-row
 * select of them. The text of a full batch is built once and reused.
 */
export async function insertTuples(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  shared: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  for (const statement of compileTuples(db, table, columns, rows, shared)) await db.executeQuery(statement);
}

/** The statements insertTuples runs, for a caller that runs them elsewhere (SqliteBulkWriter). */
export function compileTuples(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  shared: Readonly<Record<string, unknown>> = {},
): CompiledQuery[] {
  if (rows.length === 0) return [];
  const { dialect } = capabilitiesOf(db);
  const sharedColumns = Object.keys(shared);
  const sharedValues = sharedColumns.map((c) => shared[c]);
  const perStatement = tuplesPerInsert(db, columns.length, sharedColumns.length);
  const statements: CompiledQuery[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const end = Math.min(rows.length, i + perStatement);
    const width = columns.length;
    const parameters = new Array<unknown>(sharedValues.length + (end - i) * width);
    let p = 0;
    for (const x of sharedValues) parameters[p++] = x;
    for (let r = i; r < end; r++) {
      const row = rows[r] as unknown[];
      if (row.length !== width) throw new Error(`${table} 的插入行应有${width}列，实际为${row.length}列`);
      for (let c = 0; c < width; c++) parameters[p++] = row[c];
    }
    statements.push(CompiledQuery.raw(tupleInsertText(dialect, table, columns, sharedColumns, end - i), parameters));
  }
  return statements;
}

/** Rows per multi-row INSERT of compileTuples: within the engine's parameter limit, at most 500. */
export function tuplesPerInsert(db: Kysely<Database>, width: number, shared: number): number {
  return Math.max(1, Math.min(500, Math.floor((capabilitiesOf(db).maxParameters - shared) / width)));
}

/**
 * The text of a multi-row INSERT of `n` tuples: the shared columns' values first (bound once), then the
 * tuples'. PostgreSQL reuses their `$n` in each tuple; SQLite, whose driver binds only anonymous `?`, joins the
 * VALUES list with a one-row select of them.
 */
export function tupleInsertText(dialect: DialectName, table: string, columns: readonly string[], sharedColumns: readonly string[], n: number): string {
  const postgres = dialect === 'postgres';
  const cacheKey = `${dialect}|${table}|${columns.join(',')}|${sharedColumns.join(',')}|${n}`;
  let text = statementTexts.get(cacheKey);
  if (text !== undefined) return text;
  const tuples: string[] = [];
  for (let r = 0, p = sharedColumns.length + 1; r < n; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns.length; c++, p++) marks.push(postgres ? `$${p}` : '?');
    if (postgres) for (let k = 1; k <= sharedColumns.length; k++) marks.push(`$${k}`);
    tuples.push(`(${marks.join(', ')})`);
  }
  if (sharedColumns.length === 0) text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`;
  else if (postgres) text = `insert into ${table} (${[...columns, ...sharedColumns].join(', ')}) values ${tuples.join(', ')}`;
  else {
    const one = sharedColumns.map(() => '?').join(', ');
    text = `insert into ${table} (${[...sharedColumns, ...columns].join(', ')}) select * from (select ${one}) as s, (values ${tuples.join(', ')}) as v`;
  }
  if (statementTexts.size > 64) statementTexts.clear();
  statementTexts.set(cacheKey, text);
  return text;
}

/** Texts of multi-row INSERTs by shape: a full batch's text is long and the same thousands of times. */
const statementTexts = new Map<string, string>();

/** The columns of a data value row in the order `insertDataValueTuples` takes them. */
export const DATA_VALUE_COLUMNS = [
  'indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area', 'value', 'numerator', 'denominator', 'source', 'note',
  'backfilled', 'form_id',
] as const;

/** What every row of one bulk insert shares: status, version, time and author. */
export interface DataValueStamp {
  status: DataValueStatus;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
  updated_by_name: string;
}

/**
 * Bulk insert for imports of many values: rows as plain tuples in DATA_VALUE_COLUMNS order with one stamp for
 * all, sent as multi-row INSERTs whose text is built once per batch size (the query builder's per-row work
 * dominates otherwise).
 */
export async function insertDataValueTuples(db: Kysely<Database>, rows: readonly unknown[][], stamp: DataValueStamp): Promise<void> {
  if (capabilitiesOf(db).dialect === 'postgres') await insertDataValuesUnnest(db, rows, stamp);
  else await insertTuples(db, 'data_values', DATA_VALUE_COLUMNS, rows, { ...stamp });
}

/** PostgreSQL types of DATA_VALUE_COLUMNS and of the stamp's columns (migration 0003). */
const DATA_VALUE_PG_TYPES = ['text', 'text', 'integer', 'text', 'text', 'text', 'double precision', 'double precision', 'double precision', 'text', 'text', 'integer', 'integer'];
const STAMP_PG_TYPES: Record<keyof DataValueStamp, string> = {
  status: 'text', version: 'integer', created_at: 'text', updated_at: 'text', updated_by: 'integer', updated_by_name: 'text',
};
const UNNEST_ROWS = 20_000;

/**
 * PostgreSQL: one column array per parameter, `insert … select from unnest($1::text[], …)` — a short statement
 * whatever the row count (a multi-row VALUES of thousands of parameters costs the server more to parse and plan
 * than to insert). Rows come out of unnest in array order, so ids follow the input as with VALUES.
 */
async function insertDataValuesUnnest(db: Kysely<Database>, rows: readonly unknown[][], stamp: DataValueStamp): Promise<void> {
  const n = DATA_VALUE_COLUMNS.length;
  const stampColumns = Object.keys(STAMP_PG_TYPES) as (keyof DataValueStamp)[];
  const text =
    `insert into data_values (${[...DATA_VALUE_COLUMNS, ...stampColumns].join(', ')}) ` +
    `select u.*, ${stampColumns.map((c, i) => `$${n + i + 1}::${STAMP_PG_TYPES[c]}`).join(', ')} ` +
    `from unnest(${DATA_VALUE_PG_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) as u`;
  for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
    const part = rows.slice(i, i + UNNEST_ROWS);
    const columns: unknown[][] = DATA_VALUE_COLUMNS.map(() => new Array<unknown>(part.length));
    for (const [r, row] of part.entries()) {
      if (row.length !== n) throw new Error(`data_values 的插入行应有${n}列，实际为${row.length}列`);
      for (let c = 0; c < n; c++) (columns[c] as unknown[])[r] = row[c];
    }
    await db.executeQuery(CompiledQuery.raw(text, [...columns, ...stampColumns.map((c) => stamp[c])]));
  }
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
  const result = await db.executeQuery(compileDataValueUpdate(db, id, expectedVersion, change));
  return Number(result.numAffectedRows) === 1;
}

/** The statement updateDataValue runs (one row changes, or none when the version moved on). */
export function compileDataValueUpdate(db: Kysely<Database>, id: number, expectedVersion: number, change: DataValueChange): CompiledQuery {
  return db.updateTable('data_values').set(change).where('id', '=', id).where('version', '=', expectedVersion).compile();
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
