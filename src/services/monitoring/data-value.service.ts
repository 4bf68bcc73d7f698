import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { canSubmit, canUnlock, canWrite, denialMessage, isOperator } from '../../core/access/policies.ts';
import type { DataValue, DataValueStatus, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import { cellFromRaw, cellLabel, cellProblem, disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { withUnit } from '../../core/monitoring/format-number.ts';
import { TYPE_ERROR_CODES, validateForm } from '../../core/monitoring/validate-form.ts';
import type { ValidationIssue, ValidationIssueCode, ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormRow, RoundRow } from '../../storage/schema/monitoring.schema.ts';
import { VALUE_BATCH_ACTION, VALUE_BATCH_ENTITY, ValueBatchText, valueBatchKey } from '../../storage/repositories/audit.repository.ts';
import {
  findDataValues,
  keyOfValue,
  loadValidationRules,
  valueKey,
  cellColumns,
} from '../../storage/repositories/data-value.repository.ts';
import type { StoredDataValue } from '../../storage/repositories/data-value.repository.ts';
import { findForms, formScopeKey } from '../../storage/repositories/form.repository.ts';
import { listRoundRows, loadReportingCatalogue, regionNames } from '../../storage/repositories/round.repository.ts';
import type { ReportingIndicator } from '../../storage/repositories/round.repository.ts';
import { bulkWriteFile, capabilitiesOf } from '../../storage/database.ts';
import { SqliteBulkWriteError, SqliteBulkWriter } from '../../storage/sqlite-bulk-writer.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { DataValueConflictError, DataValueRejectedError } from './data-value.contract.ts';
import type {
  DataValueInput,
  DataValueIssue,
  WriteDataValuesOptions,
  WriteDataValuesResult,
} from './data-value.contract.ts';
import { actorRef, beijingTime, locationText, nowIso, valueResource } from './monitoring-context.ts';
import { bulkWriterSink, directSink, pipelinedSink } from './value-sink.ts';
import type { ValueSink } from './value-sink.ts';

export { DataValueConflictError, DataValueRejectedError };
export type { DataValueInput, WriteDataValuesOptions, WriteDataValuesResult };

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;
/** Values written (and audited) per round trip of inserts. */
const WRITE_BATCH = 5000;
/**
 * Sizes of a large write. From `bulkFromValues` values on, an SQLite file database is written by a worker
 * thread (SqliteBulkWriter: starting it costs ~0.2 s, which a write of this size wins back several times over)
 * and PostgreSQL inserts are pipelined; a region is written once `regionFlushValues` values wait (see
 * RegionalWrite). Tests lower them to run these paths on small files.
 */
export const LARGE_WRITE = { bulkFromValues: 20_000, regionFlushValues: 20_000 };

/**
 * Origins whose changes are logged one audit row per region, year and form (a batch row holding each value's
 * before and after, see audit.repository.ts) rather than one row per value: the bulk imports.
 */
const BATCH_AUDIT_ORIGINS: ReadonlySet<WriteDataValuesOptions['origin']> = new Set(['csv', 'cli']);

/**
 * What blocks a write besides type errors. The form grid saves drafts with whatever was typed (a 120% is kept,
 * flagged, and blocks only the submission); a file, the CLI or a program must not store such values at all.
 * A year-on-year change without a note, a missing numerator or denominator and missing cells do not block
 * imports (history is imported without notes; the CSV makes numerator and denominator optional).
 */
const IMPORT_BLOCKING: ReadonlySet<ValidationIssueCode> = new Set<ValidationIssueCode>([
  'out_of_range',
  'numerator_negative',
  'denominator_not_positive',
  'ratio_mismatch',
  'parts_sum_mismatch',
]);

function blocksWrite(issue: ValidationIssue, origin: WriteDataValuesOptions['origin']): boolean {
  if (issue.severity !== 'error') return false;
  return TYPE_ERROR_CODES.has(issue.code) || (origin !== 'form' && IMPORT_BLOCKING.has(issue.code));
}

interface Content {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
}

interface Accepted {
  input: DataValueInput;
  indicator: ReportingIndicator;
  regionCode: string;
  year: number;
  cell: DisaggregationCell;
  cellKey: string;
  key: string;
}

interface Planned extends Accepted {
  existing: StoredDataValue | undefined;
  /** The value as it will stand (status and version included): also what validation checks. */
  next: DataValue;
  formId: number | null;
  change: 'insert' | 'update' | 'unchanged';
}

interface Conflict {
  plan: Planned;
  actual: StoredDataValue | undefined;
  expected: number;
}

interface FormIndex {
  byYear: Map<number, RoundRow>;
  latestOpen: RoundRow | undefined;
  forms: Map<string, FormRow>;
  formsById: Map<number, FormRow>;
  rounds: Map<number, RoundRow>;
}

/** Every round and its forms (a few dozen per round): the years of a streamed write are not known up front. */
async function loadFormIndex(db: Kysely<Database>): Promise<FormIndex> {
  const rounds = await listRoundRows(db);
  const byYear = new Map(rounds.map((r) => [r.year, r] as const));
  const latestOpen = rounds.filter((r) => r.status === 'open').sort((a, b) => b.year - a.year)[0];
  const wanted = rounds.map((r) => r.id);
  const forms = new Map<string, FormRow>();
  const formsById = new Map<number, FormRow>();
  for (const f of await findForms(db, { roundIds: wanted })) {
    forms.set(`${f.round_id}|${f.scope_key}`, f);
    formsById.set(f.id, f);
  }
  return { byYear, latestOpen, forms, formsById, rounds: new Map(rounds.map((r) => [r.id, r] as const)) };
}

/**
 * The form a value belongs to: its year's round's form of the department (city values) or county; for a year
 * without a round, the latest open round's form, the value being back-filled (补录) — unless it is entered
 * approved (an operator's import of history), which needs no review and so no form.
 */
function resolveForm(
  index: FormIndex,
  indicator: ReportingIndicator,
  regionCode: string,
  year: number,
  status: DataValueStatus,
): { form: FormRow | null; backfilled: boolean } {
  const scope =
    regionCode === CITY_REGION_CODE
      ? indicator.reportingDepartmentId === null
        ? null
        : formScopeKey({ kind: 'department', departmentId: indicator.reportingDepartmentId })
      : formScopeKey({ kind: 'region', regionCode });
  const own = index.byYear.get(year);
  // Values an operator enters as approved need no review: outside their own round they belong to no form.
  const round = own ?? (status === 'approved' ? undefined : index.latestOpen);
  const form = round === undefined || scope === null ? null : (index.forms.get(`${round.id}|${scope}`) ?? null);
  return { form, backfilled: own === undefined };
}

function sameContent(a: Content, b: Content): boolean {
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.source === b.source && a.note === b.note;
}

/** JSON of a number or text field; null for null (values are finite: validated before). */
function jsonField(x: number | string | null): string {
  return typeof x === 'string' ? JSON.stringify(x) : x === null ? 'null' : String(x);
}

/** The audit snapshot of a value, as JSON text built directly (imports make a million of them). */
function snapshot(v: Content & { status: DataValueStatus; version: number; backfilled: boolean }, formId: number | null): string {
  return (
    `{"value":${jsonField(v.value)},"numerator":${jsonField(v.numerator)},"denominator":${jsonField(v.denominator)},` +
    `"source":${jsonField(v.source)},"note":${jsonField(v.note)},"status":"${v.status}","version":${v.version},` +
    `"backfilled":${v.backfilled},"formId":${jsonField(formId)}}`
  );
}

/**
 * An inserted value's audit snapshot as the fields that differ from its batch's common snapshot (batchCommon):
 * the value always, then what is not empty or not the batch's back-fill flag (text without braces).
 */
function insertDelta(v: Content & { backfilled: boolean }, backfilled: boolean): string {
  let text = `"value":${jsonField(v.value)}`;
  if (v.numerator !== null) text += `,"numerator":${v.numerator}`;
  if (v.denominator !== null) text += `,"denominator":${v.denominator}`;
  if (v.source !== null) text += `,"source":${JSON.stringify(v.source)}`;
  if (v.note !== null) text += `,"note":${JSON.stringify(v.note)}`;
  if (v.backfilled !== backfilled) text += `,"backfilled":${v.backfilled}`;
  return text;
}

/** What the new values of one import batch share: a snapshot (same fields and order) with the content empty. */
function batchCommon(status: DataValueStatus, backfilled: boolean, formId: number | null): string {
  return snapshot({ value: null, numerator: null, denominator: null, source: null, note: null, status, version: 1, backfilled }, formId);
}

function cleanText(text: string | null | undefined): string | null | undefined {
  if (text === undefined || text === null) return text;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function numberOrNull(x: unknown): number | null {
  return typeof x === 'number' ? x : null;
}

const FIELD_LABELS = { value: '数值', numerator: '分子', denominator: '分母' } as const;
const NUMBER_FIELDS = ['value', 'numerator', 'denominator'] as const;

/**
 * Writes monitoring values (the contract in data-value.contract.ts): in one transaction, checks each value's
 * access, its form's state and lock, validates the resulting values (rules from validation_rules, else the
 * defaults), checks optimistic versions, then inserts or updates and audits every changed value (one audit row
 * per value; imports one row per region, year and form holding each value's before and after).
 * Throws DataValueRejectedError listing every problem, or DataValueConflictError; then nothing is written.
 * Values are planned and checked region by region; each region is written as soon as it passes while nothing
 * has failed yet, and any later problem undoes the lot (the transaction rolls back).
 * Large writes to an SQLite file go through an SqliteBulkWriter: its worker thread inserts one region while
 * this thread checks the next (see sqlite-bulk-writer.ts for why that stays all-or-nothing and consistent).
 */
export async function writeDataValues(
  db: Kysely<Database>,
  actor: Actor,
  inputs: DataValueInput[],
  options: WriteDataValuesOptions,
): Promise<WriteDataValuesResult> {
  if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, warnings: [] };
  return writeDataValueStream(db, actor, [inputs], options);
}

/**
 * writeDataValues for inputs that arrive in batches (a file being read): checking and writing start before the
 * last batch is read. Same contract, all or nothing: an error thrown by the source (the file's own errors) rolls
 * back what was written and comes out unchanged.
 */
export async function writeDataValueStream(
  db: Kysely<Database>,
  actor: Actor,
  source: AsyncIterable<DataValueInput[]> | Iterable<DataValueInput[]>,
  options: WriteDataValuesOptions,
): Promise<WriteDataValuesResult> {
  // The first values decide the way of writing: a bulk writer must take its lock before anything is read.
  const batches = toAsyncIterator(source);
  const head: DataValueInput[][] = [];
  let headSize = 0;
  let exhausted = false;
  while (headSize < LARGE_WRITE.bulkFromValues) {
    const next = await batches.next();
    if (next.done === true) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.length;
  }
  async function* all(): AsyncGenerator<DataValueInput[]> {
    yield* head;
    if (!exhausted) for (let next = await batches.next(); next.done !== true; next = await batches.next()) yield next.value;
  }
  try {
    const large = !exhausted;
    const file = large ? bulkWriteFile(db) : null;
    if (file === null) {
      const sinkOf = (trx: Kysely<Database>) => (large && capabilitiesOf(trx).dialect === 'postgres' ? pipelinedSink(trx) : directSink(trx));
      return await inTransaction(db, (trx) => write(trx, actor, all(), options, sinkOf(trx))).catch((err: unknown) => {
        throw isUniqueViolation(err) ? new DataValueConflictError(UNIQUE_CONFLICT_MESSAGE, []) : err;
      });
    }
    const writer = await SqliteBulkWriter.open(file);
    try {
      // The reading transaction ends before the writer commits (no reader is left holding the file).
      const result = await inTransaction(db, (trx) => write(trx, actor, all(), options, bulkWriterSink(trx, writer)));
      await writer.commit();
      return result;
    } catch (err) {
      await writer.rollback();
      throw err instanceof SqliteBulkWriteError ? bulkWriteConflict(err) : err;
    }
  } finally {
    // Stopped early by an error: let the source release what it holds (a file being read).
    await batches.return?.();
  }
}

function toAsyncIterator<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}

/** A write the worker refused: a lost optimistic update or a cell inserted meanwhile is a conflict as on the main path. */
function bulkWriteConflict(err: SqliteBulkWriteError): Error {
  if (err.code === 'FUER_CHANGES_MISMATCH') return new DataValueConflictError(err.message, []);
  if (/unique/i.test(`${err.code ?? ''} ${err.message}`)) return new DataValueConflictError(UNIQUE_CONFLICT_MESSAGE, []);
  return err;
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && !(err instanceof DataValueConflictError) && /unique|duplicate key/i.test(err.message);
}

const UNIQUE_CONFLICT_MESSAGE = '保存时其他用户同时录入了相同单元格的数据；您的填写未被保存，也没有丢失：请刷新后核对再保存';

interface WriteContext {
  actor: Actor;
  options: WriteDataValuesOptions;
  catalogue: Map<string, ReportingIndicator>;
  names: Map<string, string>;
  index: FormIndex;
  rules: ValidationRuleSet[];
  operator: boolean;
  reason: string | null;
  mayChangeApproved: boolean;
  issues: DataValueIssue[];
  conflicts: Conflict[];
  warnings: ValidationIssue[];
}

type IssueAt = { indicatorCode: string; regionCode: string; cellKey: string; year?: number; location?: DataValueInput['location'] };

function addIssue(ctx: WriteContext, at: IssueAt, code: DataValueIssue['code'], message: string, field: DataValueIssue['field'] = 'value'): void {
  ctx.issues.push({
    indicatorCode: at.indicatorCode,
    regionCode: at.regionCode,
    cellKey: at.cellKey,
    field,
    severity: 'error',
    code,
    message,
    blocking: true,
    ...(at.year !== undefined ? { year: at.year } : {}),
    ...(at.location !== undefined ? { location: at.location } : {}),
  });
}

async function write(
  db: Kysely<Database>,
  actor: Actor,
  batches: AsyncIterable<DataValueInput[]>,
  options: WriteDataValuesOptions,
  sink: ValueSink,
): Promise<WriteDataValuesResult> {
  const catalogue = new Map((await loadReportingCatalogue(db)).map((i) => [i.definition.code, i] as const));
  const reason = cleanText(options.reason) ?? null;
  const ctx: WriteContext = {
    actor,
    options,
    catalogue,
    names: new Map(),
    index: await loadFormIndex(db),
    rules: await loadValidationRules(db),
    operator: isOperator(actor),
    reason,
    mayChangeApproved: canUnlock(actor) && reason !== null,
    issues: [],
    conflicts: [],
    warnings: [],
  };
  const regions = new RegionalWrite(db, ctx, sink);
  let counts: { inserted: number; updated: number; unchanged: number };
  try {
    for await (const inputs of batches) {
      await loadRegionNames(db, ctx.names, inputs);
      await regions.add(inputs);
    }
    counts = await regions.finish();
    await sink.finish();
  } catch (err) {
    // A failure of the source (the file's errors) or of a write: nothing still queued may outlive the rollback.
    await sink.settle();
    throw err;
  }

  if (ctx.issues.length > 0) throw new DataValueRejectedError(rejectionMessage(ctx.issues, catalogue, ctx.names), ctx.issues);
  if (ctx.conflicts.length > 0) {
    throw new DataValueConflictError(
      conflictMessage(ctx.conflicts, ctx.names),
      ctx.conflicts.map(({ plan, actual, expected }) => ({
        indicatorCode: plan.indicator.definition.code,
        regionCode: plan.regionCode,
        year: plan.year,
        cellKey: plan.cellKey,
        expectedVersion: expected,
        actualVersion: actual?.version ?? 0,
      })),
    );
  }
  return { ...counts, warnings: ctx.warnings };
}

/** Names of the regions of these inputs not looked up yet (a code without a name does not exist). */
async function loadRegionNames(db: Kysely<Database>, names: Map<string, string>, inputs: readonly DataValueInput[]): Promise<void> {
  const missing = new Set<string>();
  for (const input of inputs) {
    const code = String(input.regionCode ?? '');
    if (!names.has(code)) missing.add(code);
  }
  if (missing.size === 0) return;
  for (const [code, name] of await regionNames(db, [...missing])) names.set(code, name);
}

/**
 * Plans, checks and writes values region by region as they arrive. A region is taken up once the input has
 * moved on to other regions and enough values wait, and written at once while nothing has failed (any later
 * problem rolls the whole transaction back). A file sorted by region thus streams through; if a region already
 * written comes back (a file sorted otherwise), the rest waits for the end, and that region's new values are
 * checked together with the ones written before, read back through the write (sink.readBack).
 */
class RegionalWrite {
  private readonly waiting = new Map<string, Accepted[]>();
  private waitingCount = 0;
  /** Regions written already: one that comes back is read through the write itself (its own rows included). */
  private readonly written = new Set<string>();
  private streaming = true;
  private readonly counts = { inserted: 0, updated: 0, unchanged: 0 };
  private readonly acceptance: Acceptance;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ctx: WriteContext,
    private readonly sink: ValueSink,
  ) {
    this.acceptance = new Acceptance(ctx);
  }

  async add(inputs: readonly DataValueInput[]): Promise<void> {
    let last: string | null = null;
    for (const a of this.acceptance.accept(inputs)) {
      let list = this.waiting.get(a.regionCode);
      if (list === undefined) {
        this.waiting.set(a.regionCode, (list = []));
        if (this.written.has(a.regionCode)) this.streaming = false;
      }
      list.push(a);
      last = a.regionCode;
    }
    this.waitingCount = 0;
    for (const list of this.waiting.values()) this.waitingCount += list.length;
    // The region being read may go on in the next batch: it waits.
    if (this.streaming && this.waitingCount >= LARGE_WRITE.regionFlushValues) await this.flush(last);
  }

  async finish(): Promise<{ inserted: number; updated: number; unchanged: number }> {
    await this.flush(null);
    return this.counts;
  }

  private async flush(keep: string | null): Promise<void> {
    for (const [regionCode, accepted] of [...this.waiting]) {
      if (regionCode === keep) continue;
      this.waiting.delete(regionCode);
      await this.writeRegion(regionCode, accepted);
    }
  }

  private async writeRegion(regionCode: string, accepted: readonly Accepted[]): Promise<void> {
    const { ctx } = this;
    const chunkYears = new Set<number>();
    for (const a of accepted) {
      chunkYears.add(a.year);
      chunkYears.add(a.year - 1);
    }
    const query = { years: [...chunkYears], regionCodes: [regionCode], indicatorCodes: [...new Set(accepted.map((a) => a.indicator.definition.code))] };
    // A region met again is checked with what this write stored of it before (no key repeats across the write,
    // so those rows are never taken for the new values' stored versions).
    const stored = this.written.has(regionCode) ? await this.sink.readBack(query) : await findDataValues(this.db, query);
    const planned = planChunk(ctx, accepted, stored);
    validateChunk(ctx, planned, stored);
    if (ctx.issues.length > 0 || ctx.conflicts.length > 0) return;
    this.written.add(regionCode);
    for (let i = 0; i < planned.length; i += WRITE_BATCH) await writeChunk(this.sink, ctx, planned.slice(i, i + WRITE_BATCH), this.counts);
  }
}

type Denial = { code: DataValueIssue['code']; message: string };
// Cells repeat (a few dozen in a million values): each raw triple is parsed once and its cell object shared.
type KnownCell = { parsed: ReturnType<typeof cellFromRaw>; cell: DisaggregationCell; cellKey: string; problems: Map<ReportingIndicator, string | null> };

/**
 * The checks of each input on its own: indicator, region, year, cell, access, status, duplicates (across every
 * batch of one write).
 */
class Acceptance {
  // Per region (a duplicate is always within one): small maps instead of one of a million keys.
  private readonly seen = new Map<string, Map<string, DataValueInput>>();
  private readonly cells = new Map<unknown, Map<unknown, Map<unknown, KnownCell>>>();
  // Access and status depend on the indicator and region only: checked once per pair (null: allowed).
  private readonly gates = new Map<ReportingIndicator, Map<string, Denial | null>>();

  constructor(private readonly ctx: WriteContext) {}

  private gate(indicator: ReportingIndicator, regionCode: string): Denial | null {
    const { actor, options, names } = this.ctx;
    const resource = valueResource(indicator.definition.code, regionCode, indicator.reportingDepartmentId);
    const what = () => `${names.get(regionCode) ?? regionCode}“${indicator.definition.name}”的数据`;
    if (!canWrite(actor, resource)) return { code: 'access_denied', message: denialMessage(actor, 'write', what()) };
    if (options.status === 'approved' && !this.ctx.operator) return { code: 'status_denied', message: '无权直接录入已审核通过的数据：仅统计局或管理员可以操作' };
    if (options.status === 'submitted' && !canSubmit(actor, resource)) return { code: 'status_denied', message: denialMessage(actor, 'submit', what()) };
    return null;
  }

  /** The inputs that pass, in their order; the others become issues. */
  accept(inputs: readonly DataValueInput[]): Accepted[] {
    const { ctx, seen, cells, gates } = this;
    const { catalogue, names } = ctx;
    const out: Accepted[] = [];
    let seenRegion: string | null = null;
    let seenHere = new Map<string, DataValueInput>();
    const atOf = (input: DataValueInput, regionCode: string, cellKey: string): IssueAt => ({
      indicatorCode: String(input.indicatorCode ?? ''), regionCode, cellKey, year: input.year, location: input.location,
    });
    for (const input of inputs) {
      const regionCode = String(input.regionCode ?? '');
      let bySex = cells.get(input.sex);
      if (bySex === undefined) cells.set(input.sex, (bySex = new Map()));
      let byArea = bySex.get(input.area);
      if (byArea === undefined) bySex.set(input.area, (byArea = new Map()));
      let known = byArea.get(input.ageGroup);
      if (known === undefined) {
        const parsed = cellFromRaw({ sex: input.sex, ageGroup: input.ageGroup, area: input.area });
        const cell: DisaggregationCell = parsed.ok ? parsed.cell : { sex: null, ageGroup: null, area: null };
        byArea.set(input.ageGroup, (known = { parsed, cell, cellKey: disaggregationKey(cell), problems: new Map() }));
      }
      const { parsed: parsedCell, cell, cellKey } = known;
      const indicator = catalogue.get(String(input.indicatorCode ?? ''));
      if (indicator === undefined) {
        const at = atOf(input, regionCode, cellKey);
        addIssue(ctx, at, 'unknown_indicator', `指标代码“${at.indicatorCode}”不在指标目录中`);
        continue;
      }
      if (!names.has(regionCode)) {
        addIssue(ctx, atOf(input, regionCode, cellKey), 'unknown_region', `区划代码“${regionCode}”不存在`);
        continue;
      }
      if (!Number.isInteger(input.year) || input.year < YEAR_MIN || input.year > YEAR_MAX) {
        addIssue(ctx, atOf(input, regionCode, cellKey), 'invalid_year', `年度“${String(input.year)}”无效，应为${YEAR_MIN}—${YEAR_MAX}之间的整数`);
        continue;
      }
      if (!parsedCell.ok) {
        addIssue(ctx, atOf(input, regionCode, cellKey), 'invalid_cell', parsedCell.message);
        continue;
      }
      let problem = known.problems.get(indicator);
      if (problem === undefined) known.problems.set(indicator, (problem = cellProblem(indicator.definition, cell)));
      if (problem !== null) {
        addIssue(ctx, atOf(input, regionCode, cellKey), 'invalid_cell', `分组“${cellLabel(cell)}”无效：${problem}`);
        continue;
      }
      let byRegionGate = gates.get(indicator);
      if (byRegionGate === undefined) gates.set(indicator, (byRegionGate = new Map()));
      let denied = byRegionGate.get(regionCode);
      if (denied === undefined) byRegionGate.set(regionCode, (denied = this.gate(indicator, regionCode)));
      if (denied !== null) {
        addIssue(ctx, atOf(input, regionCode, cellKey), denied.code, denied.message);
        continue;
      }
      const key = valueKey(indicator.definition.code, regionCode, input.year, cellKey);
      if (regionCode !== seenRegion) {
        seenRegion = regionCode;
        let here = seen.get(regionCode);
        if (here === undefined) seen.set(regionCode, (here = new Map()));
        seenHere = here;
      }
      const first = seenHere.get(key);
      if (first !== undefined) {
        const where = locationText(first.location);
        addIssue(ctx, atOf(input, regionCode, cellKey), 'duplicate_cell', `“${indicator.definition.name}”${input.year}年“${cellLabel(cell)}”重复填报${where ? `（与${where}重复）` : ''}`);
        continue;
      }
      seenHere.set(key, input);
      out.push({ input, indicator, regionCode, year: input.year, cell, cellKey, key });
    }
    return out;
  }
}

/** The change each input makes, against what is stored; locks, form states and versions. */
function planChunk(ctx: WriteContext, accepted: readonly Accepted[], stored: readonly StoredDataValue[]): Planned[] {
  const { actor, options, index } = ctx;
  const existingByKey = new Map<string, StoredDataValue>();
  for (const v of stored) existingByKey.set(keyOfValue(v), v);
  const planned: Planned[] = [];
  // One region per chunk: its forms differ only by year (and, for the city, by the reporting department).
  const formsByYear = new Map<number, Map<number | null, ReturnType<typeof resolveForm>>>();
  for (const a of accepted) {
    const existing = existingByKey.get(a.key);
    const input = a.input;
    // Where an issue of this value is (built only when there is one).
    const at = (): IssueAt => ({ indicatorCode: a.indicator.definition.code, regionCode: a.regionCode, cellKey: a.cellKey, year: a.year, location: input.location });
    // A string where a number belongs (a careless caller) is a type error; NaN and Infinity are validateForm's.
    for (const field of NUMBER_FIELDS) {
      const raw: unknown = input[field];
      if (raw !== null && raw !== undefined && typeof raw !== 'number') {
        addIssue(ctx, at(), 'not_a_number', `${FIELD_LABELS[field]}“${String(raw)}”不是有效的数字`, field);
      }
    }
    let formId: number | null;
    let form: FormRow | null;
    let backfilled: boolean;
    if (existing !== undefined && existing.formId !== null) {
      formId = existing.formId;
      form = index.formsById.get(formId) ?? null;
      backfilled = options.backfilled ?? existing.backfilled;
    } else {
      let byDepartment = formsByYear.get(a.year);
      if (byDepartment === undefined) formsByYear.set(a.year, (byDepartment = new Map()));
      const department = a.regionCode === CITY_REGION_CODE ? a.indicator.reportingDepartmentId : null;
      let resolved = byDepartment.get(department);
      if (resolved === undefined) byDepartment.set(department, (resolved = resolveForm(index, a.indicator, a.regionCode, a.year, options.status)));
      form = resolved.form;
      formId = form?.id ?? null;
      backfilled = options.backfilled ?? (existing?.backfilled ?? resolved.backfilled);
    }
    const next: DataValue = {
      indicatorCode: a.indicator.definition.code,
      regionCode: a.regionCode,
      year: a.year,
      disaggregation: a.cell,
      value: numberOrNull(input.value),
      numerator: numberOrNull(input.numerator),
      denominator: numberOrNull(input.denominator),
      source: input.source === undefined ? (existing?.source ?? null) : (cleanText(input.source) ?? null),
      note: input.note === undefined ? (existing?.note ?? null) : (cleanText(input.note) ?? null),
      status: options.status,
      version: (existing?.version ?? 0) + 1,
      backfilled,
    };
    let change: Planned['change'];
    if (existing === undefined) change = 'insert';
    else {
      const contentSame = sameContent(existing, next);
      const statusSame = existing.status === options.status || existing.status === 'approved' || options.status === 'draft';
      change = contentSame && statusSame ? 'unchanged' : 'update';
    }
    // The accepted record becomes the plan (no copy: imports carry a million of them).
    const plan = a as Planned;
    plan.existing = existing;
    plan.next = next;
    plan.formId = formId;
    plan.change = change;
    planned.push(plan);
    if (change === 'unchanged') continue;

    if (existing?.status === 'approved' && !ctx.mayChangeApproved) {
      addIssue(
        ctx, at(), 'locked',
        canUnlock(actor) ? '该数据已审核通过并锁定：修改须填写解锁原因' : '该数据已审核通过并锁定：如需修改，请联系统计局或管理员解锁并说明原因',
      );
      continue;
    }
    if (form !== null && !ctx.operator) {
      const round = index.rounds.get(form.round_id);
      if (round?.status === 'closed') {
        addIssue(ctx, at(), 'round_closed', `${round.year}年度填报已结束，不能再修改；如需修改，请联系统计局`);
        continue;
      }
      if (form.status === 'submitted') {
        addIssue(ctx, at(), 'form_locked', '报表已提交，正在审核，暂不能修改；如需修改，请联系审核员退回');
        continue;
      }
      if (form.status === 'approved') {
        addIssue(ctx, at(), 'form_locked', '报表已审核通过并锁定；如需修改，请联系统计局或管理员解锁');
        continue;
      }
    }
    const expected = input.expectedVersion;
    if (expected !== undefined && expected !== (existing?.version ?? 0)) ctx.conflicts.push({ plan, actual: existing, expected });
  }
  return planned;
}

/**
 * Validates the values of one region as they would stand (stored values overlaid with the planned ones), with
 * the year before for the year-on-year check. Only issues at the written cells count (and parts that no longer
 * add up); missing cells are the submission's concern.
 */
function validateChunk(ctx: WriteContext, planned: readonly Planned[], stored: readonly DataValue[]): void {
  const { options } = ctx;
  const state = new Map<string, DataValue>();
  for (const v of stored) state.set(keyOfValue(v), v);
  const byKey = new Map<string, Planned>();
  const groupsByYear = new Map<number, Set<string>>();
  for (const p of planned) {
    byKey.set(p.key, p);
    state.set(p.key, p.next);
    let groups = groupsByYear.get(p.year);
    if (groups === undefined) groupsByYear.set(p.year, (groups = new Set()));
    groups.add(p.indicator.definition.code);
  }
  const byYear = new Map<number, DataValue[]>();
  for (const v of state.values()) {
    let list = byYear.get(v.year);
    if (list === undefined) byYear.set(v.year, (list = []));
    list.push(v);
  }
  for (const [year, codes] of groupsByYear) {
    const values = (byYear.get(year) ?? []).filter((v) => codes.has(v.indicatorCode));
    const previous = (byYear.get(year - 1) ?? []).filter((v) => codes.has(v.indicatorCode));
    const indicators = [...codes].map((c) => (ctx.catalogue.get(c) as ReportingIndicator).definition);
    for (const issue of validateForm({ indicators, rules: ctx.rules, values, previousYearValues: previous, phase: 'save' })) {
      if (issue.code === 'required_missing' || issue.regionCode === null) continue;
      const plan = byKey.get(valueKey(issue.indicatorCode, issue.regionCode, year, issue.cellKey));
      if (plan === undefined && issue.code !== 'parts_sum_mismatch') continue;
      const blocking = blocksWrite(issue, options.origin);
      const placed: DataValueIssue = { ...issue, blocking, year, ...(plan?.input.location !== undefined ? { location: plan.input.location } : {}) };
      if (blocking) ctx.issues.push(placed);
      else ctx.warnings.push(placed as ValidationIssue);
    }
  }
}

async function writeChunk(sink: ValueSink, ctx: WriteContext, planned: readonly Planned[], counts: { inserted: number; updated: number; unchanged: number }): Promise<void> {
  const now = nowIso();
  const who = actorRef(ctx.actor);
  const { status, origin } = ctx.options;
  const inserts: unknown[][] = [];
  const audit: unknown[][] = [];
  const batchAudit = BATCH_AUDIT_ORIGINS.has(origin);
  // Batch audit rows by year and form (one region per chunk).
  type Batch = { regionCode: string; year: number; formId: number | null; backfilled: boolean | null; text: ValueBatchText };
  const batches = new Map<number, Map<number | null, Batch>>();
  const all: Batch[] = [];
  for (const p of planned) {
    if (p.change === 'unchanged') {
      counts.unchanged++;
      continue;
    }
    const n = p.next;
    if (p.change === 'insert') {
      const cols = cellColumns(p.cell);
      inserts.push([
        n.indicatorCode, p.regionCode, p.year, cols.sex, cols.age_group, cols.area, n.value, n.numerator, n.denominator,
        n.source, n.note, n.backfilled ? 1 : 0, p.formId,
      ]);
    } else {
      const existing = p.existing as StoredDataValue;
      const ok = await sink.updateValue(existing.id, existing.version, {
        value: n.value,
        numerator: n.numerator,
        denominator: n.denominator,
        source: n.source,
        note: n.note,
        status,
        version: n.version,
        backfilled: n.backfilled ? 1 : 0,
        form_id: p.formId,
        updated_at: now,
        updated_by: who.id,
        updated_by_name: who.name,
      }, () => concurrentChange(p, ctx.names).message);
      if (!ok) throw concurrentChange(p, ctx.names);
      counts.updated++;
    }
    const action = p.change === 'insert' ? 'value.insert' : 'value.update';
    if (batchAudit) {
      let byForm = batches.get(p.year);
      if (byForm === undefined) batches.set(p.year, (byForm = new Map()));
      let batch = byForm.get(p.formId);
      if (batch === undefined) {
        byForm.set(p.formId, (batch = { regionCode: p.regionCode, year: p.year, formId: p.formId, backfilled: null, text: new ValueBatchText() }));
        all.push(batch);
      }
      if (p.change === 'insert') {
        batch.backfilled ??= n.backfilled;
        batch.text.insert(p.key, insertDelta(n, batch.backfilled));
      } else {
        const existing = p.existing as StoredDataValue;
        batch.text.update(p.key, snapshot(existing, existing.formId), snapshot(n, p.formId));
      }
    } else {
      const beforeJson = p.existing === undefined ? null : snapshot(p.existing, p.existing.formId);
      audit.push([now, who.id, who.name, action, 'data_value', p.key, p.formId, beforeJson, snapshot(n, p.formId), ctx.reason, origin]);
    }
  }
  for (const b of all) {
    audit.push([
      now, who.id, who.name, VALUE_BATCH_ACTION, VALUE_BATCH_ENTITY, valueBatchKey(b.regionCode, b.year), b.formId,
      null, b.text.json(batchCommon(status, b.backfilled ?? false, b.formId)), ctx.reason, origin,
    ]);
  }
  try {
    await sink.insertValues(inserts, { status, version: 1, created_at: now, updated_at: now, updated_by: who.id, updated_by_name: who.name });
  } catch (err) {
    // Another writer inserted one of these cells after we looked (a unique violation): nothing is kept.
    throw isUniqueViolation(err) ? new DataValueConflictError(UNIQUE_CONFLICT_MESSAGE, []) : err;
  }
  counts.inserted += inserts.length;
  await sink.appendAudit(audit);
}

function describeCell(
  catalogue: ReadonlyMap<string, ReportingIndicator>,
  names: ReadonlyMap<string, string>,
  issue: { indicatorCode: string; regionCode: string | null; cellKey: string; year?: number },
): string {
  const name = catalogue.get(issue.indicatorCode)?.definition.name ?? issue.indicatorCode;
  const parts = [names.get(issue.regionCode ?? '') ?? issue.regionCode, issue.year === undefined ? null : `${issue.year}年`, cellKeyLabel(issue.cellKey)]
    .filter((p): p is string => p !== null && p !== '');
  return `“${name}”（${parts.join('，')}）`;
}

function cellKeyLabel(cellKey: string): string {
  if (cellKey === '_T') return '合计';
  return cellKey
    .split('|')
    .map((part) => part.slice(part.indexOf('=') + 1))
    .join('·');
}

function rejectionMessage(
  issues: readonly DataValueIssue[],
  catalogue: ReadonlyMap<string, ReportingIndicator>,
  names: ReadonlyMap<string, string>,
): string {
  const shown = issues.slice(0, 3).map((i) => {
    const where = locationText(i.location);
    return `${where ? `${where}：` : ''}${describeCell(catalogue, names, i)}${i.message}`;
  });
  const more = issues.length > 3 ? `等${issues.length}处` : '';
  return `数据未保存，发现${issues.length}处问题：${shown.join('；')}${more ? `；${more}` : ''}`;
}

function valueText(v: number | null, unit: string): string {
  return v === null ? '空' : withUnit(v, unit);
}

function conflictMessage(
  conflicts: readonly { plan: Planned; actual: StoredDataValue | undefined; expected: number }[],
  names: ReadonlyMap<string, string>,
): string {
  const lines = conflicts.slice(0, 3).map(({ plan, actual, expected }) => {
    const ind = plan.indicator.definition;
    const where = `“${ind.name}”（${names.get(plan.regionCode) ?? plan.regionCode}，${plan.year}年，${cellLabel(plan.cell)}）`;
    if (actual === undefined) return `${where}的数据已不存在（您看到的是第${expected}版）`;
    return (
      `${where}已被${actual.updatedByName || '其他用户'}于${beijingTime(actual.updatedAt)}修改为${valueText(actual.value, ind.unit)}` +
      `（第${actual.version}版，您修改的是第${expected}版），您填写的是${valueText(plan.next.value, ind.unit)}`
    );
  });
  const more = conflicts.length > 3 ? `等${conflicts.length}处` : '';
  return `保存冲突：${lines.join('；')}${more ? `；${more}` : ''}。您的填写未被保存，也没有丢失：请核对对方的修改后再保存。`;
}

function concurrentChange(plan: Planned, names: ReadonlyMap<string, string>): DataValueConflictError {
  const ind = plan.indicator.definition;
  const existing = plan.existing as StoredDataValue;
  return new DataValueConflictError(
    `保存冲突：“${ind.name}”（${names.get(plan.regionCode) ?? plan.regionCode}，${plan.year}年，${cellLabel(plan.cell)}）在您保存的同时被其他用户修改；您的填写未被保存，也没有丢失：请刷新后核对再保存。`,
    [{ indicatorCode: ind.code, regionCode: plan.regionCode, year: plan.year, cellKey: plan.cellKey, expectedVersion: existing.version, actualVersion: existing.version + 1 }],
  );
}
