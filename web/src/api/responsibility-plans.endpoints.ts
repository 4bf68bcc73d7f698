import { getJson, sendJson } from './client.ts';
import type { FilingStatus, GoalRef } from '../../../src/core/responsibility/responsibility.types.ts';
import type { TargetOp } from '../../../src/core/target/target.types.ts';
import type { PlanKind } from '../../../src/core/plan/plan.types.ts';
import type {
  CountyPlanImportResult,
  CountyPlanOverviewRow,
  CountyPlanView,
  ImplementationPlanView,
} from '../../../src/services/responsibility/responsibility.contract.ts';

export type {
  CityTargetRef,
  CountyGoalView,
  CountyPlanHeader,
  CountyPlanImportResult,
  CountyPlanOverviewRow,
  CountyPlanView,
  CountyTargetView,
  ImplementationPlanView,
} from '../../../src/services/responsibility/responsibility.contract.ts';
export type { FilingStatus, GoalRef, PlanKind, TargetOp };

const seg = (value: string | number) => encodeURIComponent(String(value));

export type ReviewDecision = 'reviewed' | 'returned';
export type ItemStatusChange = 'adopted' | 'adjusted' | 'not_applicable';

export interface CountyTargetChanges {
  status?: ItemStatusChange;
  op?: TargetOp | null;
  value?: number | null;
  text?: string;
  reason?: string | null;
}

export interface CountyGoalChanges {
  status?: ItemStatusChange;
  text?: string;
  unitsText?: string;
  reason?: string | null;
}

export interface ImplementationPlanInput {
  department?: number | string | null;
  title: string;
  periodStart?: number;
  periodEnd?: number;
  content?: string;
  documentNo?: string | null;
  goals: GoalRef[];
}

/** County plans (区县规划) and departments' implementation plans (实施方案): src/api/routes/responsibility. */
export const plansApi = {
  countyOverview: (planKind?: PlanKind, signal?: AbortSignal) => getJson<CountyPlanOverviewRow[]>('/county-plans', { planKind }, signal),
  countyPlan: (id: number, signal?: AbortSignal) => getJson<CountyPlanView>(`/county-plans/${seg(id)}`, undefined, signal),
  deriveCountyPlan: (body: { regionCode: string; planKind: PlanKind; promulgatedAt?: string | null; documentNo?: string | null }) =>
    sendJson<CountyPlanView>('POST', '/county-plans', body),
  importCountyPlan: (body: { regionCode: string; text: string; fileName?: string | null; promulgatedAt?: string | null; documentNo?: string | null }) =>
    sendJson<CountyPlanImportResult>('POST', '/county-plans/import', body),
  updateCountyPlan: (id: number, body: { title?: string; promulgatedAt?: string | null; documentNo?: string | null }) =>
    sendJson<CountyPlanView>('PATCH', `/county-plans/${seg(id)}`, body),
  deleteCountyPlan: (id: number) => sendJson<void>('DELETE', `/county-plans/${seg(id)}`),
  updateCountyGoal: (id: number, goalId: number, body: CountyGoalChanges) =>
    sendJson<CountyPlanView>('PATCH', `/county-plans/${seg(id)}/goals/${seg(goalId)}`, body),
  addCountyGoal: (id: number, body: { domainOrd: number; text: string; unitsText?: string; reason?: string | null }) =>
    sendJson<CountyPlanView>('POST', `/county-plans/${seg(id)}/goals`, body),
  updateCountyTarget: (id: number, targetId: number, body: CountyTargetChanges) =>
    sendJson<CountyPlanView>('PATCH', `/county-plans/${seg(id)}/targets/${seg(targetId)}`, body),
  fileCountyPlan: (id: number, filedAt?: string | null) => sendJson<CountyPlanView>('POST', `/county-plans/${seg(id)}/file`, filedAt ? { filedAt } : {}),
  reviewCountyPlan: (id: number, decision: ReviewDecision, note?: string | null) =>
    sendJson<CountyPlanView>('POST', `/county-plans/${seg(id)}/review`, { decision, note: note ?? null }),

  implementationPlans: (query: { department?: string | number; status?: FilingStatus[] } = {}, signal?: AbortSignal) =>
    getJson<ImplementationPlanView[]>('/implementation-plans', { department: query.department, status: query.status?.join(',') }, signal),
  implementationPlan: (id: number, signal?: AbortSignal) => getJson<ImplementationPlanView>(`/implementation-plans/${seg(id)}`, undefined, signal),
  createImplementationPlan: (body: ImplementationPlanInput) => sendJson<ImplementationPlanView>('POST', '/implementation-plans', body),
  updateImplementationPlan: (id: number, body: Partial<Omit<ImplementationPlanInput, 'department'>>) =>
    sendJson<ImplementationPlanView>('PATCH', `/implementation-plans/${seg(id)}`, body),
  deleteImplementationPlan: (id: number) => sendJson<void>('DELETE', `/implementation-plans/${seg(id)}`),
  fileImplementationPlan: (id: number, filedAt?: string | null) =>
    sendJson<ImplementationPlanView>('POST', `/implementation-plans/${seg(id)}/file`, filedAt ? { filedAt } : {}),
  reviewImplementationPlan: (id: number, decision: ReviewDecision, note?: string | null) =>
    sendJson<ImplementationPlanView>('POST', `/implementation-plans/${seg(id)}/review`, { decision, note: note ?? null }),
};
