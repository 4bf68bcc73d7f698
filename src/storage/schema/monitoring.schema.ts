import type { Generated, Selectable } from 'kysely';

/**
 * Tables of annual monitoring (migration 0003-monitoring): collection rounds, forms, data values, review
 * comments, the audit log, reporting assignments and validation rules. Conventions as in ../schema.ts:
 * timestamps ISO text, booleans integer 0/1, JSON as text.
 *
 * Users are referred to by id (user_id, updated_by …) together with the name they had at the time
 * (…_name): the rows stay readable whatever becomes of the account, and this module does not depend on the
 * accounts tables.
 */

export type RoundStatus = 'open' | 'closed';
export type FormKind = 'department' | 'region';
export type FormStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type ValueStatus = 'draft' | 'submitted' | 'approved' | 'returned';

/** A collection round: the statistics bureau collects the values of one data year. One round per year. */
export interface RoundsTable {
  id: Generated<number>;
  year: number;
  title: string;
  /** ISO date by which forms are to be submitted. */
  due_date: string;
  status: RoundStatus;
  opened_by: number | null;
  opened_by_name: string;
  opened_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

/**
 * Who reports an indicator for the city, where the administrator changed it from the catalogue's reporting
 * department (indicators.department_id). No row: the catalogue's department.
 */
export interface IndicatorReportersTable {
  indicator_code: string;
  department_id: number;
  updated_by: number | null;
  updated_by_name: string;
  updated_at: string;
}

/**
 * One form of a round: a department's (the city's values, region_code 370300, of the indicators the
 * department reports) or a county's (region_code the county or zone, every indicator).
 * scope_key ('department:<id>' or 'region:<code>') makes (round, department or region) unique on both engines
 * without relying on NULLs in a unique constraint.
 */
export interface FormsTable {
  id: Generated<number>;
  round_id: number;
  kind: FormKind;
  department_id: number | null;
  region_code: string;
  scope_key: string;
  status: FormStatus;
  submitted_at: string | null;
  submitted_by: number | null;
  submitted_by_name: string | null;
  approved_at: string | null;
  approved_by: number | null;
  approved_by_name: string | null;
  returned_at: string | null;
  returned_by: number | null;
  returned_by_name: string | null;
  /** Incremented on every transition. */
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * One value: indicator × region × year × disaggregation. A total over a dimension is stored as '' (empty text)
 * in sex, age_group and area, never NULL: UNIQUE treats NULLs as distinct on both SQLite and PostgreSQL (before
 * 15's NULLS NOT DISTINCT), so '' keeps (indicator, region, year, sex, age_group, area) unique. The
 * repository maps '' to null (the domain's "total") and back.
 */
export interface DataValuesTable {
  id: Generated<number>;
  indicator_code: string;
  region_code: string;
  year: number;
  sex: string;
  age_group: string;
  area: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
  status: ValueStatus;
  /** Optimistic locking: 1 on insert, +1 on every change. */
  version: number;
  /** 1 when entered outside its own year's round (baselines 2015–2020, missing years): 补录. */
  backfilled: number;
  /** The form the value was entered through (its year's round, else the open round it was back-filled in). */
  form_id: number | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
  updated_by_name: string;
}

/** A reviewer's comment on a whole form (indicator_code null) or on one value cell. */
export interface ReviewCommentsTable {
  id: Generated<number>;
  form_id: number;
  indicator_code: string | null;
  region_code: string | null;
  year: number | null;
  /** disaggregationKey of the cell ('_T' for the total). */
  cell_key: string | null;
  author_id: number | null;
  author_name: string;
  text: string;
  at: string;
  resolved: number;
  resolved_at: string | null;
}

/**
 * 'data_value_batch': one row for the values an import changed in one region and year (and form); its
 * after_json holds each value's before and after (see audit.repository.ts), read back per value by findAudit.
 */
export type AuditEntity = 'data_value' | 'data_value_batch' | 'form' | 'round' | 'indicator_reporter' | 'validation_rule' | 'warning' | 'unit_report' | 'unit_report_round';

/**
 * Append-only: the application inserts and reads, never updates or deletes; triggers refuse UPDATE and DELETE
 * on both engines. entity_key names the thing changed: a value as indicator|region|year|cellKey, a form or
 * round by id, a rule or assignment by indicator code.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_name: string;
  /** e.g. value.insert, value.update, value.unlock, form.submit, form.return, form.approve, round.open. */
  action: string;
  entity: AuditEntity;
  entity_key: string;
  /** The form concerned, so that a form's log includes its values' changes. */
  form_id: number | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  /** Where a value change came from: form, excel, csv, cli, api. */
  origin: string | null;
}

/** A validation rule set (ValidationRuleSet as JSON) the statistics bureau set for an indicator. */
export interface ValidationRulesTable {
  indicator_code: string;
  rules_json: string;
  updated_by: number | null;
  updated_by_name: string;
  updated_at: string;
}

export interface MonitoringTables {
  rounds: RoundsTable;
  indicator_reporters: IndicatorReportersTable;
  forms: FormsTable;
  data_values: DataValuesTable;
  review_comments: ReviewCommentsTable;
  audit_log: AuditLogTable;
  validation_rules: ValidationRulesTable;
}

export type RoundRow = Selectable<RoundsTable>;
export type FormRow = Selectable<FormsTable>;
export type DataValueRow = Selectable<DataValuesTable>;
export type ReviewCommentRow = Selectable<ReviewCommentsTable>;
export type AuditRow = Selectable<AuditLogTable>;
