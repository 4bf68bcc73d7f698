// Response shapes shared with the server (types only; nothing of the server is bundled).
export type {
  ApiError,
  DepartmentDetail,
  DepartmentGoal,
  DepartmentSummary,
  DomainTree,
  GoalDetail,
  GoalSummary,
  IndicatorDetail,
  IndicatorSummary,
  MeasureDetail,
  MeasureSummary,
  PlanRef,
  PlanSummary,
  PlanTree,
  RegionSummary,
  SearchHit,
  SearchResult,
  StoredTarget,
  UnitRef,
} from '../../../src/api/contract.ts';
export type { Target, TargetKind, TargetOp, TargetDirection } from '../../../src/core/target/target.types.ts';
export type { PlanKind } from '../../../src/core/plan/plan.types.ts';
export type { Aggregation, Disaggregation, Polarity } from '../../../src/core/indicator/indicator.types.ts';
export type { RegionLevel } from '../../../src/core/region/region.types.ts';
