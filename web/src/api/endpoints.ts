import { getJson } from './client.ts';
import type {
  DepartmentDetail,
  DepartmentSummary,
  GoalDetail,
  IndicatorDetail,
  IndicatorSummary,
  MeasureDetail,
  PlanSummary,
  PlanTree,
  RegionLevel,
  RegionSummary,
  SearchResult,
} from './types.ts';

const seg = (value: string | number) => encodeURIComponent(String(value));

/** One typed function per read route of the API (see src/api/contract.ts). */
export const api = {
  plans: (signal?: AbortSignal) => getJson<PlanSummary[]>('/plans', undefined, signal),
  plan: (code: string, signal?: AbortSignal) => getJson<PlanTree>(`/plans/${seg(code)}`, undefined, signal),
  goal: (id: string | number, signal?: AbortSignal) => getJson<GoalDetail>(`/goals/${seg(id)}`, undefined, signal),
  measure: (id: string | number, signal?: AbortSignal) =>
    getJson<MeasureDetail>(`/measures/${seg(id)}`, undefined, signal),
  departments: (signal?: AbortSignal) => getJson<DepartmentSummary[]>('/departments', undefined, signal),
  department: (id: string | number, signal?: AbortSignal) =>
    getJson<DepartmentDetail>(`/departments/${seg(id)}`, undefined, signal),
  indicators: (signal?: AbortSignal) => getJson<IndicatorSummary[]>('/indicators', undefined, signal),
  indicator: (code: string, signal?: AbortSignal) =>
    getJson<IndicatorDetail>(`/indicators/${seg(code)}`, undefined, signal),
  regions: (query: { parent?: string; level?: RegionLevel }, signal?: AbortSignal) =>
    getJson<RegionSummary[]>('/regions', query, signal),
  search: (q: string, signal?: AbortSignal) => getJson<SearchResult>('/search', { q }, signal),
};

/**
 * Plan trees do not change while the page is open: fetch each once and share it between screens
 * (the indicator catalogue needs the domain titles, the plan browser the whole tree).
 */
const planTreeCache = new Map<string, Promise<PlanTree>>();
export function cachedPlanTree(code: string): Promise<PlanTree> {
  let pending = planTreeCache.get(code);
  if (!pending) {
    pending = api.plan(code);
    planTreeCache.set(code, pending);
    pending.catch(() => planTreeCache.delete(code));
  }
  return pending;
}
