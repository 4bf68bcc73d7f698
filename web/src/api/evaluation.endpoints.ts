import { getJson, sendJson } from './client.ts';
import type {
  Dashboard,
  GenerateWarningsResult,
  IndicatorEvaluationView,
  MidtermEvaluation,
  PlanKind,
  WarningDetail,
  WarningLevel,
  WarningSummary,
  YearEvaluation,
} from './types.ts';

const seg = (value: string | number) => encodeURIComponent(String(value));

export interface EvaluationQuery {
  year: number;
  region?: string;
  plan?: PlanKind;
}

export type WarningStatusFilter = 'open' | 'issued' | 'responded' | 'escalated' | 'closed' | 'withdrawn';

export interface WarningQuery {
  year?: number;
  status?: WarningStatusFilter;
  level?: WarningLevel;
  region?: string;
  department?: number;
  indicator?: string;
}

export interface NewStep {
  description: string;
  dueDate: string;
  owner: string;
}

/** Evaluation, dashboard, mid-term view and early warnings (src/api/routes/evaluation). */
export const evaluationApi = {
  dashboard: (q: EvaluationQuery, signal?: AbortSignal) => getJson<Dashboard>('/dashboard', { ...q }, signal),
  evaluation: (q: EvaluationQuery, signal?: AbortSignal) => getJson<YearEvaluation & { demo: boolean }>('/evaluation', { ...q }, signal),
  indicator: (code: string, q: { region?: string; year?: number }, signal?: AbortSignal) =>
    getJson<IndicatorEvaluationView>(`/evaluation/indicators/${seg(code)}`, q, signal),
  midterm: (q: EvaluationQuery, signal?: AbortSignal) => getJson<MidtermEvaluation>('/evaluation/midterm', { ...q }, signal),
  warnings: (q: WarningQuery, signal?: AbortSignal) => getJson<WarningSummary[]>('/warnings', { ...q }, signal),
  warning: (id: number, signal?: AbortSignal) => getJson<WarningDetail>(`/warnings/${seg(id)}`, undefined, signal),
  generate: (year: number, force = false) => sendJson<GenerateWarningsResult>('POST', '/warnings/generate', { year, force }),
  addCountermeasure: (id: number, text: string) => sendJson<WarningDetail>('POST', `/warnings/${seg(id)}/countermeasures`, { text }),
  addSteps: (id: number, steps: NewStep[]) => sendJson<WarningDetail>('POST', `/warnings/${seg(id)}/steps`, { steps }),
  completeStep: (id: number, stepId: number, note: string, evidence: string | null) =>
    sendJson<WarningDetail>('PATCH', `/warnings/${seg(id)}/steps/${seg(stepId)}`, { done: true, note, evidence }),
  close: (id: number, note?: string) => sendJson<WarningDetail>('POST', `/warnings/${seg(id)}/close`, note ? { note } : {}),
  escalate: (id: number, reason: string) => sendJson<WarningDetail>('POST', `/warnings/${seg(id)}/escalate`, { reason }),
};
