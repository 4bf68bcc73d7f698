/**
 * Response shapes of the read API (/api/...), shared by the server and the web front end (types only).
 * Every path below is relative to /api.
 */
import type { Target } from '../core/target/target.types.ts';
import type { PlanKind } from '../core/plan/plan.types.ts';
import type { Aggregation, Disaggregation, Polarity } from '../core/indicator/indicator.types.ts';
import type { RegionLevel } from '../core/region/region.types.ts';

export interface StoredTarget extends Target {
  id: number;
}

export interface UnitRef {
  id: number;
  name: string;
}

/** GET /plans */
export interface PlanSummary {
  code: string;
  kind: PlanKind;
  title: string;
  regionCode: string;
  period: { start: number; end: number };
  domainCount: number;
  goalCount: number;
  measureCount: number;
  targetCount: number;
}

export interface GoalSummary {
  id: number;
  ord: number;
  text: string;
  leadUnits: UnitRef[];
  responsibleUnits: UnitRef[];
  unitGroups: string[];
  targets: StoredTarget[];
}

export interface MeasureSummary {
  id: number;
  ord: number;
  title: string;
  text: string;
  targets: StoredTarget[];
}

export interface DomainTree {
  ord: number;
  title: string;
  goals: GoalSummary[];
  measures: MeasureSummary[];
}

/** GET /plans/:code */
export interface PlanTree extends PlanSummary {
  domains: DomainTree[];
}

export interface PlanRef {
  code: string;
  kind: PlanKind;
  title: string;
}

/** GET /goals/:id */
export interface GoalDetail extends GoalSummary {
  unitsText: string;
  plan: PlanRef;
  domain: { ord: number; title: string };
  /** Numeric phrases in the text the grammar could not place (待核对). */
  unplaced: { text: string; reason: string }[];
}

/** GET /measures/:id */
export interface MeasureDetail extends MeasureSummary {
  plan: PlanRef;
  domain: { ord: number; title: string };
  unplaced: { text: string; reason: string }[];
}

/** GET /departments */
export interface DepartmentSummary {
  id: number;
  name: string;
  aliases: string[];
  leadGoalCount: number;
  responsibleGoalCount: number;
  indicatorCount: number;
}

export interface DepartmentGoal {
  goalId: number;
  plan: PlanRef;
  domain: { ord: number; title: string };
  ord: number;
  text: string;
}

/** GET /departments/:id */
export interface DepartmentDetail extends DepartmentSummary {
  lead: DepartmentGoal[];
  responsible: DepartmentGoal[];
  indicators: { code: string; name: string; unit: string }[];
}

/** GET /indicators */
export interface IndicatorSummary {
  code: string;
  name: string;
  unit: string;
  polarity: Polarity;
  aggregation: Aggregation;
  disaggregations: Disaggregation[];
  department: UnitRef | null;
  planKind: PlanKind;
  domainOrd: number;
  definition: string;
}

/** GET /indicators/:code */
export interface IndicatorDetail extends IndicatorSummary {
  aliases: string[];
  targets: (StoredTarget & { source: { type: 'goal' | 'measure'; id: number; plan: PlanRef; domainOrd: number; ord: number } })[];
}

/** GET /regions?parent=&level= */
export interface RegionSummary {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  functional: boolean;
  validFrom: string;
  validTo: string | null;
  childCount: number;
}

/** GET /search?q= */
export interface SearchHit {
  type: 'goal' | 'measure';
  id: number;
  plan: PlanRef;
  domain: { ord: number; title: string };
  ord: number;
  /** Text around the match; the matched part is between the offsets. */
  snippet: string;
  matchStart: number;
  matchEnd: number;
}
export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

/** Error body of every failed request. `message` is Chinese and says what was wrong. */
export interface ApiError {
  error: string;
  message: string;
  details?: unknown;
}
