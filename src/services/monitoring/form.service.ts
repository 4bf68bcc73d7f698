import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canRead, denialMessage, permissionsOn } from '../../core/access/policies.ts';
import type { AccessAction } from '../../core/access/policies.ts';
import type { Aggregation, Disaggregation } from '../../core/indicator/indicator.types.ts';
import { STATUS_LABELS } from '../../core/monitoring/approval-order.ts';
import type { DataValueStatus, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import { cellLabel, cellProblem, disaggregationKey, gridCells } from '../../core/monitoring/disaggregation.ts';
import { validateForm } from '../../core/monitoring/validate-form.ts';
import type { ValidationIssue, ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { rulesFor } from '../../core/monitoring/validation-rules.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormKind, FormRow, FormStatus, ReviewCommentRow, RoundRow, RoundStatus } from '../../storage/schema/monitoring.schema.ts';
import { findDataValues, loadValidationRules } from '../../storage/repositories/data-value.repository.ts';
import type { StoredDataValue } from '../../storage/repositories/data-value.repository.ts';
import { findForm, findForms, findReviewComments } from '../../storage/repositories/form.repository.ts';
import type { FormQuery } from '../../storage/repositories/form.repository.ts';
import { departmentNames, findRound, listRoundRows, loadReportingCatalogue, regionNames } from '../../storage/repositories/round.repository.ts';
import type { ReportingIndicator } from '../../storage/repositories/round.repository.ts';
import { effectiveDue } from '../../core/deadlines/round-deadline.ts';
import { extensionIndex, listDeadlineExtensions } from '../../storage/repositories/deadline-extension.repository.ts';
import { accessDenied, notFound } from './monitoring.errors.ts';
import { formIndicators, formResource } from './monitoring-context.ts';

export interface FormSummary {
  id: number;
  round: { id: number; year: number; title: string; dueDate: string; status: RoundStatus };
  /** The deadline in force for this form: the round's, or the unit's extension when later. */
  dueDate: string;
  kind: FormKind;
  departmentId: number | null;
  regionCode: string;
  /** The department's name for a department form, the region's for a county form. */
  name: string;
  regionName: string;
  status: FormStatus;
  statusLabel: string;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
}

export interface ReviewCommentView {
  id: number;
  /** null for a comment on the whole form. */
  indicatorCode: string | null;
  year: number | null;
  cellKey: string | null;
  author: string;
  text: string;
  at: string;
  resolved: boolean;
}

export interface GridCell {
  cellKey: string;
  label: string;
  sex: DisaggregationCell['sex'];
  ageGroup: string | null;
  area: DisaggregationCell['area'];
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
  /** null while nothing is stored. */
  status: DataValueStatus | null;
  /** 0 while nothing is stored: send it back as expectedVersion. */
  version: number;
  backfilled: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  lastYear: { value: number | null; numerator: number | null; denominator: number | null; status: DataValueStatus } | null;
  /** What stands against submitting this cell (phase 'submit'), in Chinese. */
  issues: ValidationIssue[];
  /** Open review comments on the cell. */
  comments: ReviewCommentView[];
}

export interface GridIndicator {
  code: string;
  name: string;
  unit: string;
  definition: string;
  scale: number | null;
  aggregation: Aggregation;
  disaggregations: Disaggregation[];
  ageGroups: string[];
  rules: ValidationRuleSet;
  cells: GridCell[];
}

export interface BackfilledValue {
  indicatorCode: string;
  indicatorName: string;
  year: number;
  cellKey: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
  status: DataValueStatus;
  version: number;
}

export interface FormGrid {
  form: FormSummary;
  permissions: Record<AccessAction, boolean>;
  indicators: GridIndicator[];
  /** Values of other years entered through this form (补录). */
  backfilled: BackfilledValue[];
  /** Every issue that would block submission now. */
  issues: ValidationIssue[];
  /** Every review comment of the form, open and resolved, oldest first. */
  comments: ReviewCommentView[];
}

export function commentView(row: ReviewCommentRow): ReviewCommentView {
  return {
    id: row.id,
    indicatorCode: row.indicator_code,
    year: row.year,
    cellKey: row.cell_key,
    author: row.author_name,
    text: row.text,
    at: row.at,
    resolved: Number(row.resolved) === 1,
  };
}

/** Summaries of forms with their round's and their department's or region's names. */
export async function summariseForms(db: Kysely<Database>, forms: readonly FormRow[], roundRows?: readonly RoundRow[]): Promise<FormSummary[]> {
  const rounds = new Map((roundRows ?? (await listRoundRows(db))).map((r) => [r.id, r] as const));
  const extensions = extensionIndex(await listDeadlineExtensions(db, 'data', [...new Set(forms.map((f) => f.round_id))]));
  const departments = await departmentNames(db, forms.map((f) => f.department_id).filter((d): d is number => d !== null));
  const regions = await regionNames(db, forms.map((f) => f.region_code));
  return forms.map((f) => {
    const round = rounds.get(f.round_id) as RoundRow;
    const regionName = regions.get(f.region_code) ?? f.region_code;
    return {
      id: f.id,
      round: { id: round.id, year: round.year, title: round.title, dueDate: round.due_date, status: round.status },
      dueDate: effectiveDue(round.due_date, extensions.get(`${f.round_id}|${f.scope_key}`)?.due_date),
      kind: f.kind,
      departmentId: f.department_id,
      regionCode: f.region_code,
      name: f.kind === 'department' && f.department_id !== null ? (departments.get(f.department_id) ?? String(f.department_id)) : regionName,
      regionName,
      status: f.status,
      statusLabel: STATUS_LABELS[f.status],
      version: f.version,
      submittedAt: f.submitted_at,
      submittedBy: f.submitted_by_name,
      approvedAt: f.approved_at,
      approvedBy: f.approved_by_name,
      returnedAt: f.returned_at,
      returnedBy: f.returned_by_name,
    };
  });
}

/** The forms the actor may read (a county reporter sees its county's, a department its own, staff all). */
export async function listForms(db: Kysely<Database>, actor: Actor, query: FormQuery = {}): Promise<FormSummary[]> {
  const forms = (await findForms(db, query)).filter((f) => canRead(actor, formResource(f)));
  return summariseForms(db, forms);
}

/** A form and its round; 404 when absent, 403 when the actor may not read it. */
export async function loadReadableForm(db: Kysely<Database>, actor: Actor, formId: number): Promise<{ form: FormRow; round: RoundRow }> {
  const form = await findForm(db, formId);
  if (form === null) throw notFound(`报表${formId}`);
  if (!canRead(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'read', '该报表'));
  const round = (await findRound(db, form.round_id)) as RoundRow;
  return { form, round };
}

export interface FormValues {
  indicators: ReportingIndicator[];
  rules: ValidationRuleSet[];
  /** The round year's values of the form's indicators in its region. */
  current: StoredDataValue[];
  /** The same a year earlier. */
  previous: StoredDataValue[];
  /** Values of other years attached to the form. */
  backfilled: StoredDataValue[];
}

export async function loadFormValues(db: Kysely<Database>, form: FormRow, round: RoundRow): Promise<FormValues> {
  const indicators = formIndicators(form, await loadReportingCatalogue(db));
  const codes = indicators.map((i) => i.definition.code);
  const rules = await loadValidationRules(db, codes);
  const both = await findDataValues(db, { years: [round.year, round.year - 1], regionCodes: [form.region_code], indicatorCodes: codes });
  const attached = await findDataValues(db, { formId: form.id });
  return {
    indicators,
    rules,
    current: both.filter((v) => v.year === round.year),
    previous: both.filter((v) => v.year === round.year - 1),
    backfilled: attached.filter((v) => v.year !== round.year),
  };
}

/** Issues of submitting the form as it stands: the round year's values with required cells, and back-filled ones. */
export function submissionIssues(form: FormRow, values: FormValues): ValidationIssue[] {
  const definitions = values.indicators.map((i) => i.definition);
  const issues = validateForm({
    indicators: definitions,
    rules: values.rules,
    values: values.current,
    previousYearValues: values.previous,
    phase: 'submit',
    regionCode: form.region_code,
  });
  if (values.backfilled.length > 0) {
    const byCode = new Map(values.indicators.map((i) => [i.definition.code, i.definition] as const));
    const backfilledIndicators = [...new Set(values.backfilled.map((v) => v.indicatorCode))].flatMap((c) => byCode.get(c) ?? []);
    const extra = validateForm({
      indicators: backfilledIndicators,
      rules: values.rules,
      values: values.backfilled,
      previousYearValues: [],
      phase: 'submit',
    }).filter((i) => i.code !== 'required_missing');
    issues.push(...extra);
  }
  return issues;
}

/**
 * The entry grid of a form: each indicator (unit, definition, rules) × its cells (the grid cells, then any
 * stored cross cells) with the stored value, version, last year's value, the issues that would block
 * submission and open review comments. Nothing typed is lost: the grid shows what is stored, drafts included.
 */
export async function getForm(db: Kysely<Database>, actor: Actor, formId: number): Promise<FormGrid> {
  const { form, round } = await loadReadableForm(db, actor, formId);
  const values = await loadFormValues(db, form, round);
  const issues = submissionIssues(form, values);
  const comments = (await findReviewComments(db, form.id)).map(commentView);
  const [summary] = await summariseForms(db, [form], [round]);

  const current = new Map<string, StoredDataValue>(values.current.map((v) => [`${v.indicatorCode}|${disaggregationKey(v.disaggregation)}`, v] as const));
  const previous = new Map<string, StoredDataValue>(values.previous.map((v) => [`${v.indicatorCode}|${disaggregationKey(v.disaggregation)}`, v] as const));
  const issuesAt = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    const k = `${issue.indicatorCode}|${issue.cellKey}`;
    issuesAt.set(k, [...(issuesAt.get(k) ?? []), issue]);
  }
  const commentsAt = new Map<string, ReviewCommentView[]>();
  for (const c of comments) {
    if (c.resolved || c.indicatorCode === null || c.cellKey === null || (c.year !== null && c.year !== round.year)) continue;
    const k = `${c.indicatorCode}|${c.cellKey}`;
    commentsAt.set(k, [...(commentsAt.get(k) ?? []), c]);
  }

  const indicators: GridIndicator[] = values.indicators.map(({ definition }) => {
    const cells = new Map<string, DisaggregationCell>();
    for (const c of gridCells(definition)) cells.set(disaggregationKey(c), c);
    for (const v of values.current) {
      if (v.indicatorCode !== definition.code || cellProblem(definition, v.disaggregation) !== null) continue;
      const k = disaggregationKey(v.disaggregation);
      if (!cells.has(k)) cells.set(k, v.disaggregation);
    }
    return {
      code: definition.code,
      name: definition.name,
      unit: definition.unit,
      definition: definition.definition,
      scale: definition.scale,
      aggregation: definition.aggregation,
      disaggregations: definition.disaggregations,
      ageGroups: definition.ageGroups ?? [],
      rules: rulesFor(definition, values.rules),
      cells: [...cells].map(([cellKey, cell]) => {
        const k = `${definition.code}|${cellKey}`;
        const v = current.get(k);
        const last = previous.get(k);
        return {
          cellKey,
          label: cellLabel(cell),
          sex: cell.sex,
          ageGroup: cell.ageGroup,
          area: cell.area,
          value: v?.value ?? null,
          numerator: v?.numerator ?? null,
          denominator: v?.denominator ?? null,
          source: v?.source ?? null,
          note: v?.note ?? null,
          status: v?.status ?? null,
          version: v?.version ?? 0,
          backfilled: v?.backfilled ?? false,
          updatedAt: v?.updatedAt ?? null,
          updatedBy: v?.updatedByName ?? null,
          lastYear: last === undefined ? null : { value: last.value, numerator: last.numerator, denominator: last.denominator, status: last.status },
          issues: issuesAt.get(k) ?? [],
          comments: commentsAt.get(k) ?? [],
        };
      }),
    };
  });

  const names = new Map(values.indicators.map((i) => [i.definition.code, i.definition.name] as const));
  return {
    form: summary as FormSummary,
    permissions: permissionsOn(actor, formResource(form)),
    indicators,
    backfilled: values.backfilled.map((v) => ({
      indicatorCode: v.indicatorCode,
      indicatorName: names.get(v.indicatorCode) ?? v.indicatorCode,
      year: v.year,
      cellKey: disaggregationKey(v.disaggregation),
      label: cellLabel(v.disaggregation),
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      note: v.note,
      status: v.status,
      version: v.version,
    })),
    issues,
    comments,
  };
}
