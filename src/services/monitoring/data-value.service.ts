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
import { appendAuditTuples, VALUE_BATCH_ACTION, VALUE_BATCH_ENTITY, valueBatchJson, valueBatchKey } from '../../storage/repositories/audit.repository.ts';
import type { ValueBatchChange } from '../../storage/repositories/audit.repository.ts';
import {
  findDataValues,
  insertDataValueTuples,
  keyOfValue,
  loadValidationRules,
  updateDataValue,
  valueKey,
  cellColumns,
} from '../../storage/repositories/data-value.repository.ts';
import type { StoredDataValue } from '../../storage/repositories/data-value.repository.ts';
import { findForms, formScopeKey } from '../../storage/repositories/form.repository.ts';
import { listRoundRows, loadReportingCatalogue, regionNames } from '../../storage/repositories/round.repository.ts';
import type { ReportingIndicator } from '../../storage/repositories/round.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { DataValueConflictError, DataValueRejectedError } from './data-value.contract.ts';
import type {
  DataValueInput,
  DataValueIssue,
  WriteDataValuesOptions,
  WriteDataValuesResult,
} from './data-value.contract.ts';
import { actorRef, beijingTime, locationText, nowIso, valueResource } from './monitoring-context.ts';

export { DataValueConflictError, DataValueRejectedError };
export type { DataValueInput, WriteDataValuesOptions, WriteDataValuesResult };

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;
/** Values written (and audited) per round trip of inserts. */
const WRITE_BATCH = 5000;

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
  /** Position in the caller's list: values are written in that order (ids follow the file). */
  index: number;
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

async function loadFormIndex(db: Kysely<Database>, years: ReadonlySet<number>): Promise<FormIndex> {
  const rounds = await listRoundRows(db);
  const byYear = new Map(rounds.map((r) => [r.year, r] as const));
  const latestOpen = rounds.filter((r) => r.status === 'open').sort((a, b) => b.year - a.year)[0];
  const wanted = rounds.filter((r) => years.has(r.year) || r.id === latestOpen?.id).map((r) => r.id);
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
 * Large batches (imports) are planned region by region and written only once every region has passed.
 */
export async function writeDataValues(
  db: Kysely<Database>,
  actor: Actor,
  inputs: DataValueInput[],
  options: WriteDataValuesOptions,
): Promise<WriteDataValuesResult> {
  if (inputs.length === 0) return { inserted: 0, updated: 0, unchanged: 0, warnings: [] };
  return inTransaction(db, (trx) => write(trx, actor, inputs, options));
}

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

async function write(db: Kysely<Database>, actor: Actor, inputs: DataValueInput[], options: WriteDataValuesOptions): Promise<WriteDataValuesResult> {
  const catalogue = new Map((await loadReportingCatalogue(db)).map((i) => [i.definition.code, i] as const));
  const regionCodes = new Set<string>();
  const years = new Set<number>();
  for (const input of inputs) {
    regionCodes.add(String(input.regionCode ?? ''));
    if (Number.isInteger(input.year)) years.add(input.year);
  }
  const reason = cleanText(options.reason) ?? null;
  const ctx: WriteContext = {
    actor,
    options,
    catalogue,
    names: await regionNames(db, [...regionCodes]),
    index: await loadFormIndex(db, years),
    rules: await loadValidationRules(db),
    operator: isOperator(actor),
    reason,
    mayChangeApproved: canUnlock(actor) && reason !== null,
    issues: [],
    conflicts: [],
    warnings: [],
  };

  // 1. Each input on its own, then region by region against what is stored; nothing is written yet.
  const byRegion = acceptInputs(ctx, inputs);
  const ordered: (Planned | undefined)[] = new Array<Planned | undefined>(inputs.length);
  for (const [regionCode, accepted] of byRegion) {
    const chunkYears = new Set<number>();
    for (const a of accepted) {
      chunkYears.add(a.year);
      chunkYears.add(a.year - 1);
    }
    const stored = await findDataValues(db, {
      years: [...chunkYears],
      regionCodes: [regionCode],
      indicatorCodes: [...new Set(accepted.map((a) => a.indicator.definition.code))],
    });
    const planned = planChunk(ctx, accepted, stored);
    validateChunk(ctx, planned, stored);
    for (const p of planned) ordered[p.index] = p;
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

  // 2. Write, and log every change.
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const batch: Planned[] = [];
  for (const p of ordered) {
    if (p === undefined) continue;
    batch.push(p);
    if (batch.length >= WRITE_BATCH) await writeChunk(db, ctx, batch.splice(0), counts);
  }
  await writeChunk(db, ctx, batch, counts);
  return { ...counts, warnings: ctx.warnings };
}

/** The checks of each input on its own: indicator, region, year, cell, access, status, duplicates. */
function acceptInputs(ctx: WriteContext, inputs: readonly DataValueInput[]): Map<string, Accepted[]> {
  const { actor, options, catalogue, names } = ctx;
  const byRegion = new Map<string, Accepted[]>();
  const seen = new Map<string, DataValueInput>();
  // Cells repeat (a few dozen in a million values): each raw triple is parsed once and its cell object shared.
  type KnownCell = { parsed: ReturnType<typeof cellFromRaw>; cell: DisaggregationCell; cellKey: string; problems: Map<ReportingIndicator, string | null> };
  const cells = new Map<unknown, Map<unknown, Map<unknown, KnownCell>>>();
  // Access and status depend on the indicator and region only: checked once per pair (null: allowed).
  const gates = new Map<ReportingIndicator, Map<string, { code: DataValueIssue['code']; message: string } | null>>();
  const gate = (indicator: ReportingIndicator, regionCode: string): { code: DataValueIssue['code']; message: string } | null => {
    const resource = valueResource(indicator.definition.code, regionCode, indicator.reportingDepartmentId);
    const what = () => `${names.get(regionCode) ?? regionCode}“${indicator.definition.name}”的数据`;
    if (!canWrite(actor, resource)) return { code: 'access_denied', message: denialMessage(actor, 'write', what()) };
    if (options.status === 'approved' && !ctx.operator) return { code: 'status_denied', message: '无权直接录入已审核通过的数据：仅统计局或管理员可以操作' };
    if (options.status === 'submitted' && !canSubmit(actor, resource)) return { code: 'status_denied', message: denialMessage(actor, 'submit', what()) };
    return null;
  };
  const atOf = (input: DataValueInput, regionCode: string, cellKey: string): IssueAt => ({
    indicatorCode: String(input.indicatorCode ?? ''), regionCode, cellKey, year: input.year, location: input.location,
  });
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index] as DataValueInput;
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
    if (denied === undefined) byRegionGate.set(regionCode, (denied = gate(indicator, regionCode)));
    if (denied !== null) {
      addIssue(ctx, atOf(input, regionCode, cellKey), denied.code, denied.message);
      continue;
    }
    const key = valueKey(indicator.definition.code, regionCode, input.year, cellKey);
    const first = seen.get(key);
    if (first !== undefined) {
      const where = locationText(first.location);
      addIssue(ctx, atOf(input, regionCode, cellKey), 'duplicate_cell', `“${indicator.definition.name}”${input.year}年“${cellLabel(cell)}”重复填报${where ? `（与${where}重复）` : ''}`);
      continue;
    }
    seen.set(key, input);
    let list = byRegion.get(regionCode);
    if (list === undefined) byRegion.set(regionCode, (list = []));
    list.push({ index, input, indicator, regionCode, year: input.year, cell, cellKey, key });
  }
  return byRegion;
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
    const at: IssueAt = { indicatorCode: a.indicator.definition.code, regionCode: a.regionCode, cellKey: a.cellKey, year: a.year, location: input.location };
    // A string where a number belongs (a careless caller) is a type error; NaN and Infinity are validateForm's.
    for (const field of NUMBER_FIELDS) {
      const raw: unknown = input[field];
      if (raw !== null && raw !== undefined && typeof raw !== 'number') {
        addIssue(ctx, at, 'not_a_number', `${FIELD_LABELS[field]}“${String(raw)}”不是有效的数字`, field);
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
        ctx, at, 'locked',
        canUnlock(actor) ? '该数据已审核通过并锁定：修改须填写解锁原因' : '该数据已审核通过并锁定：如需修改，请联系统计局或管理员解锁并说明原因',
      );
      continue;
    }
    if (form !== null && !ctx.operator) {
      const round = index.rounds.get(form.round_id);
      if (round?.status === 'closed') {
        addIssue(ctx, at, 'round_closed', `${round.year}年度填报已结束，不能再修改；如需修改，请联系统计局`);
        continue;
      }
      if (form.status === 'submitted') {
        addIssue(ctx, at, 'form_locked', '报表已提交，正在审核，暂不能修改；如需修改，请联系审核员退回');
        continue;
      }
      if (form.status === 'approved') {
        addIssue(ctx, at, 'form_locked', '报表已审核通过并锁定；如需修改，请联系统计局或管理员解锁');
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
function validateChunk(ctx: WriteContext, planned: readonly Planned[], stored: readonly StoredDataValue[]): void {
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

async function writeChunk(db: Kysely<Database>, ctx: WriteContext, planned: readonly Planned[], counts: { inserted: number; updated: number; unchanged: number }): Promise<void> {
  const now = nowIso();
  const who = actorRef(ctx.actor);
  const { status, origin } = ctx.options;
  const inserts: unknown[][] = [];
  const audit: unknown[][] = [];
  const batchAudit = BATCH_AUDIT_ORIGINS.has(origin);
  const batches = new Map<string, { regionCode: string; year: number; formId: number | null; backfilled: boolean | null; changes: ValueBatchChange[] }>();
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
      const ok = await updateDataValue(db, existing.id, existing.version, {
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
      });
      if (!ok) throw concurrentChange(p, ctx.names);
      counts.updated++;
    }
    const action = p.change === 'insert' ? 'value.insert' : 'value.update';
    if (batchAudit) {
      const group = `${p.regionCode}|${p.year}|${p.formId ?? ''}`;
      let batch = batches.get(group);
      if (batch === undefined) batches.set(group, (batch = { regionCode: p.regionCode, year: p.year, formId: p.formId, backfilled: null, changes: [] }));
      if (p.change === 'insert') {
        batch.backfilled ??= n.backfilled;
        batch.changes.push({ key: p.key, action: 'value.insert', insertJson: insertDelta(n, batch.backfilled) });
      } else {
        const existing = p.existing as StoredDataValue;
        batch.changes.push({ key: p.key, action: 'value.update', beforeJson: snapshot(existing, existing.formId), afterJson: snapshot(n, p.formId) });
      }
    } else {
      const beforeJson = p.existing === undefined ? null : snapshot(p.existing, p.existing.formId);
      audit.push([now, who.id, who.name, action, 'data_value', p.key, p.formId, beforeJson, snapshot(n, p.formId), ctx.reason, origin]);
    }
  }
  for (const b of batches.values()) {
    audit.push([
      now, who.id, who.name, VALUE_BATCH_ACTION, VALUE_BATCH_ENTITY, valueBatchKey(b.regionCode, b.year), b.formId,
      null, valueBatchJson(b.changes, batchCommon(status, b.backfilled ?? false, b.formId)), ctx.reason, origin,
    ]);
  }
  try {
    await insertDataValueTuples(db, inserts, { status, version: 1, created_at: now, updated_at: now, updated_by: who.id, updated_by_name: who.name });
  } catch (err) {
    // Another writer inserted one of these cells after we looked (a unique violation): nothing is kept.
    if (err instanceof Error && /unique|duplicate key/i.test(err.message)) {
      throw new DataValueConflictError('保存时其他用户同时录入了相同单元格的数据；您的填写未被保存，也没有丢失：请刷新后核对再保存', []);
    }
    throw err;
  }
  counts.inserted += inserts.length;
  await appendAuditTuples(db, audit);
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
