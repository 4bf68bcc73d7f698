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

// Accounts (src/api/auth).
export type { SessionInfo, AccountUser } from '../../../src/api/auth/auth.contract.ts';
export type { Role } from '../../../src/core/access/actor.types.ts';
export type { AccessAction } from '../../../src/core/access/policies.ts';

// Monitoring data (src/services/monitoring).
export type { DataValueStatus, Sex, Area } from '../../../src/core/monitoring/data-value.types.ts';
export type { ValidationIssue, ValidationRuleSet } from '../../../src/core/monitoring/validation-rule.types.ts';
export type {
  BackfilledValue,
  FormGrid,
  FormSummary,
  GridCell,
  GridIndicator,
  ReviewCommentView,
} from '../../../src/services/monitoring/form.service.ts';
export type { RoundSummary } from '../../../src/services/monitoring/round.service.ts';
export type { FormProgress, ProgressBoard, Reminder } from '../../../src/services/monitoring/progress.service.ts';
export type { CityRollUp, RollUpCellView, RollUpIndicatorView } from '../../../src/services/monitoring/rollup.service.ts';
export type { AuditEntry } from '../../../src/services/monitoring/audit.service.ts';
export type { TransitionResult, UnlockResult } from '../../../src/services/monitoring/review.service.ts';
export type { DataValueIssue, WriteDataValuesResult } from '../../../src/services/monitoring/data-value.contract.ts';
export type { FormKind, FormStatus } from '../../../src/storage/schema/monitoring.schema.ts';

// Evaluation and early warning (src/services/evaluation).
export type { PlatformMeta } from '../../../src/services/evaluation/meta.service.ts';
export type {
  EvaluationResult,
  EvaluationStatus,
  StatusCategory,
  TargetBasis,
  RegionSpread,
  SexGap,
  UrbanRuralGap,
} from '../../../src/core/evaluation/index.ts';
export type { Dashboard, DashboardDomain, DashboardPlan, DashboardRegion, StatusCounts } from '../../../src/services/evaluation/dashboard.service.ts';
export type { EvaluationRecord, YearEvaluation } from '../../../src/services/evaluation/evaluate-year.service.ts';
export type {
  BreakdownCell,
  CountyComparison,
  IndicatorEvaluationView,
  SeriesPointView,
  TargetEvaluationView,
} from '../../../src/services/evaluation/indicator-view.service.ts';
export type { AchievementRow, MidtermEvaluation, PlanAchievement } from '../../../src/services/evaluation/midterm.service.ts';
export type { CountermeasureView, StepView, WarningDetail, WarningEvent, WarningSummary } from '../../../src/services/evaluation/warning-view.ts';
export type { GenerateWarningsResult } from '../../../src/services/evaluation/warning-generate.service.ts';
export type { WarningLevel, WarningStatus } from '../../../src/storage/schema/warnings.schema.ts';
