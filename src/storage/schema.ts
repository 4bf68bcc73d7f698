import type { Generated, Insertable, Selectable } from 'kysely';
import type { PlanKind } from '../core/plan/plan.types.ts';
import type { RegionLevel } from '../core/region/region.types.ts';
import type { TargetDirection, TargetKind, TargetOp } from '../core/target/target.types.ts';
import type { Aggregation, Polarity } from '../core/indicator/indicator.types.ts';
import type { DepartmentCategory } from '../core/department/department.types.ts';
import type { MonitoringTables } from './schema/monitoring.schema.ts';
import type { AccountsTables } from './schema/accounts.schema.ts';
import type { WarningTables } from './schema/warnings.schema.ts';
import type { ResponsibilityTables } from './schema/responsibility.schema.ts';
import type { ReportTables } from './schema/reports.schema.ts';
import type { UnitReportTables } from './schema/unit-reports.schema.ts';
import type { EvaluationCacheTables } from './schema/evaluation-cache.schema.ts';
import type { DeadlineTables } from './schema/deadlines.schema.ts';

/**
 * Row types, one per table, as the migrations create them. Dates are ISO text (YYYY-MM-DD), timestamps ISO
 * text, booleans integer 0/1, lists JSON text: the same on SQLite and PostgreSQL.
 */
export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  /** Statutory (GB/T 2260) parent; a time-bounded change of parent is a row in region_links. */
  parent_code: string | null;
  functional: number;
  valid_from: string;
  valid_to: string | null;
}

/** From valid_from to valid_to (inclusive), the region rolls up to parent_code instead of its statutory parent. */
export interface RegionLinksTable {
  id: Generated<number>;
  region_code: string;
  parent_code: string;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
}

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  category: DepartmentCategory;
}

export interface DepartmentAliasesTable {
  alias: string;
  department_id: number;
}

export interface PlansTable {
  id: Generated<number>;
  code: string;
  /** The issuing region, e.g. 370300 for 淄博市. */
  region_code: string;
  kind: PlanKind;
  title: string;
  area_name: string;
  period_start: number;
  period_end: number;
  preamble: string;
  source_file: string | null;
  imported_at: string;
}

export interface PlanSectionsTable {
  id: Generated<number>;
  plan_id: number;
  ord: number;
  number: string;
  title: string;
  text: string;
  line: number;
}

export interface DomainsTable {
  id: Generated<number>;
  plan_id: number;
  ord: number;
  title: string;
  line: number;
}

export interface GoalsTable {
  id: Generated<number>;
  domain_id: number;
  ord: number;
  text: string;
  units_text: string;
  line: number;
}

export interface MeasuresTable {
  id: Generated<number>;
  domain_id: number;
  ord: number;
  title: string;
  text: string;
  line: number;
}

export type GoalUnitRole = 'lead' | 'responsible';

/** A department (department_id) or a group reference (group_name) named by a goal. */
export interface GoalUnitsTable {
  id: Generated<number>;
  goal_id: number;
  department_id: number | null;
  group_name: string | null;
  role: GoalUnitRole;
  ord: number;
}

export interface IndicatorsTable {
  code: string;
  name: string;
  unit: string;
  scale: number | null;
  polarity: Polarity;
  aggregation: Aggregation;
  /** JSON list of Disaggregation. */
  disaggregations: string;
  /** JSON list of age groups, or null. */
  age_groups: string | null;
  department_id: number | null;
  plan_kind: PlanKind;
  domain_ord: number;
  definition: string;
  /** JSON list of names. */
  aliases: string;
  /** JSON list of target scopes, or null. */
  scopes: string | null;
}

export interface TargetsTable {
  id: Generated<number>;
  goal_id: number | null;
  measure_id: number | null;
  ord: number;
  indicator_name: string;
  indicator_code: string | null;
  kind: TargetKind;
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
  base_year: number | null;
  target_year: number;
  text: string;
  direction: TargetDirection | null;
  ratio_left: number | null;
  ratio_right: number | null;
  scope: string | null;
  reference: string | null;
}

export interface UnplacedPhrasesTable {
  id: Generated<number>;
  goal_id: number | null;
  measure_id: number | null;
  ord: number;
  text: string;
  sentence: string;
  reason: string;
}

export interface Database extends AccountsTables, MonitoringTables, WarningTables, ResponsibilityTables, ReportTables, UnitReportTables, EvaluationCacheTables, DeadlineTables {
  regions: RegionsTable;
  region_links: RegionLinksTable;
  departments: DepartmentsTable;
  department_aliases: DepartmentAliasesTable;
  plans: PlansTable;
  plan_sections: PlanSectionsTable;
  domains: DomainsTable;
  goals: GoalsTable;
  measures: MeasuresTable;
  goal_units: GoalUnitsTable;
  indicators: IndicatorsTable;
  targets: TargetsTable;
  unplaced_phrases: UnplacedPhrasesTable;
}

export type RegionRow = Selectable<RegionsTable>;
export type RegionLinkRow = Selectable<RegionLinksTable>;
export type IndicatorRow = Selectable<IndicatorsTable>;
export type TargetRow = Selectable<TargetsTable>;
export type NewTarget = Insertable<TargetsTable>;
