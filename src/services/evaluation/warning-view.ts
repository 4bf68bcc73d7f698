import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { evaluationStatusLabels, type EvaluationStatus } from '../../core/evaluation/index.ts';
import type { Database } from '../../storage/schema.ts';
import type { AuditRow } from '../../storage/schema/monitoring.schema.ts';
import type { CountermeasureRow, StepRow, StepStatus, WarningLevel, WarningRow, WarningStatus } from '../../storage/schema/warnings.schema.ts';
import { findCountermeasures, findSteps } from '../../storage/repositories/warning.repository.ts';
import { departmentNames, regionNames } from '../../storage/repositories/round.repository.ts';
import {
  STEP_STATUS_LABELS,
  WARNING_ACTION_LABELS,
  WARNING_KIND_LABELS,
  WARNING_LEVEL_LABELS,
  WARNING_STATUS_LABELS,
  type WarningKind,
} from './warning.labels.ts';

/** What the API and the CLI show of warnings. */

export interface WarningSummary {
  id: number;
  year: number;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  regionLevel: 'city' | 'county';
  department: { id: number; name: string } | null;
  level: WarningLevel;
  levelLabel: string;
  kinds: WarningKind[];
  /** 达标困难、波动较大 */
  kindLabel: string;
  evaluationStatus: EvaluationStatus;
  evaluationStatusLabel: string;
  targetText: string;
  latestYear: number | null;
  latestValue: number | null;
  targetValue: number | null;
  projected: number | null;
  reason: string;
  status: WarningStatus;
  statusLabel: string;
  open: boolean;
  /** false when the latest generation for the year no longer finds the condition. */
  flagged: boolean;
  /** Consecutive earlier years with a warning of the same indicator and region (0: first time). */
  recurrence: number;
  /** “2023年已预警，连续第2年预警”, or null the first time. */
  recurrenceText: string | null;
  previousId: number | null;
  escalations: number;
  escalationReason: string | null;
  stepCounts: { total: number; done: number; overdue: number };
  countermeasureCount: number;
  generatedAt: string;
  updatedAt: string;
  closedAt: string | null;
  closeNote: string | null;
}

export interface CountermeasureView {
  id: number;
  text: string;
  author: string;
  departmentId: number | null;
  regionCode: string | null;
  createdAt: string;
}

export interface StepView {
  id: number;
  ord: number;
  description: string;
  dueDate: string;
  owner: string;
  status: StepStatus;
  statusLabel: string;
  overdue: boolean;
  doneAt: string | null;
  doneBy: string | null;
  doneNote: string | null;
  evidence: string | null;
  createdAt: string;
  createdBy: string;
}

export interface WarningEvent {
  id: number;
  at: string;
  user: string;
  action: string;
  actionLabel: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface WarningDetail extends WarningSummary {
  countermeasures: CountermeasureView[];
  steps: StepView[];
  /** Every state change, oldest first (from the audit log). */
  history: WarningEvent[];
  previous: WarningSummary | null;
  permissions: { answer: boolean; completeStep: boolean; close: boolean; escalate: boolean };
}

export const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function kindsOf(row: Pick<WarningRow, 'difficulty' | 'volatility'>): WarningKind[] {
  const kinds: WarningKind[] = [];
  if (Number(row.difficulty) === 1) kinds.push('difficulty');
  if (Number(row.volatility) === 1) kinds.push('volatility');
  return kinds;
}

export function recurrenceText(row: Pick<WarningRow, 'recurrence' | 'year'>): string | null {
  if (row.recurrence <= 0) return null;
  return `${row.year - 1}年已预警，连续第${row.recurrence + 1}年预警`;
}

export interface ViewNames {
  indicators: Map<string, { name: string; unit: string }>;
  regions: Map<string, string>;
  departments: Map<number, string>;
}

/** Names needed to show these warnings. */
export async function viewNames(db: Kysely<Database>, rows: readonly WarningRow[]): Promise<ViewNames> {
  const codes = [...new Set(rows.map((r) => r.indicator_code))];
  const indicators = new Map<string, { name: string; unit: string }>();
  for (let i = 0; i < codes.length; i += 1000) {
    const part = await db.selectFrom('indicators').select(['code', 'name', 'unit']).where('code', 'in', codes.slice(i, i + 1000)).execute();
    for (const r of part) indicators.set(r.code, { name: r.name, unit: r.unit });
  }
  const departmentIds = rows.map((r) => r.department_id).filter((d): d is number => d !== null);
  return {
    indicators,
    regions: await regionNames(db, rows.map((r) => r.region_code)),
    departments: await departmentNames(db, departmentIds),
  };
}

export function toSummary(
  row: WarningRow,
  names: ViewNames,
  extras: { steps: readonly StepRow[]; countermeasures: number; today: string },
): WarningSummary {
  const kinds = kindsOf(row);
  const indicator = names.indicators.get(row.indicator_code);
  return {
    id: row.id,
    year: row.year,
    indicatorCode: row.indicator_code,
    indicatorName: indicator?.name ?? row.indicator_code,
    unit: indicator?.unit ?? '',
    regionCode: row.region_code,
    regionName: names.regions.get(row.region_code) ?? row.region_code,
    regionLevel: row.region_code === CITY_REGION_CODE ? 'city' : 'county',
    department: row.department_id === null ? null : { id: row.department_id, name: names.departments.get(row.department_id) ?? String(row.department_id) },
    level: row.level,
    levelLabel: WARNING_LEVEL_LABELS[row.level],
    kinds,
    kindLabel: kinds.map((k) => WARNING_KIND_LABELS[k]).join('、'),
    evaluationStatus: row.evaluation_status,
    evaluationStatusLabel: evaluationStatusLabels[row.evaluation_status],
    targetText: row.target_text,
    latestYear: row.latest_year,
    latestValue: row.latest_value,
    targetValue: row.target_value,
    projected: row.projected,
    reason: row.reason,
    status: row.status,
    statusLabel: WARNING_STATUS_LABELS[row.status],
    open: row.status === 'issued' || row.status === 'responded' || row.status === 'escalated',
    flagged: Number(row.flagged) === 1,
    recurrence: row.recurrence,
    recurrenceText: recurrenceText(row),
    previousId: row.previous_id,
    escalations: row.escalations,
    escalationReason: row.escalation_reason,
    stepCounts: {
      total: extras.steps.length,
      done: extras.steps.filter((s) => s.status === 'done').length,
      overdue: extras.steps.filter((s) => s.status === 'pending' && s.due_date < extras.today).length,
    },
    countermeasureCount: extras.countermeasures,
    generatedAt: row.generated_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    closeNote: row.close_note,
  };
}

/** Summaries of many warnings, with their steps and countermeasures counted. */
export async function summarise(db: Kysely<Database>, rows: readonly WarningRow[], today = todayIso()): Promise<WarningSummary[]> {
  if (rows.length === 0) return [];
  const names = await viewNames(db, rows);
  const ids = rows.map((r) => r.id);
  const steps = groupBy(await findSteps(db, ids), (s) => s.warning_id);
  const measures = groupBy(await findCountermeasures(db, ids), (c) => c.warning_id);
  return rows.map((r) => toSummary(r, names, { steps: steps.get(r.id) ?? [], countermeasures: measures.get(r.id)?.length ?? 0, today }));
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (list === undefined) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}

export function toCountermeasureView(row: CountermeasureRow): CountermeasureView {
  return { id: row.id, text: row.text, author: row.author_name, departmentId: row.department_id, regionCode: row.region_code, createdAt: row.created_at };
}

export function toStepView(row: StepRow, today = todayIso()): StepView {
  return {
    id: row.id,
    ord: row.ord,
    description: row.description,
    dueDate: row.due_date,
    owner: row.owner,
    status: row.status,
    statusLabel: STEP_STATUS_LABELS[row.status],
    overdue: row.status === 'pending' && row.due_date < today,
    doneAt: row.done_at,
    doneBy: row.done_by_name,
    doneNote: row.done_note,
    evidence: row.evidence,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function toWarningEvent(row: AuditRow): WarningEvent {
  return {
    id: row.id,
    at: row.at,
    user: row.user_name,
    action: row.action,
    actionLabel: WARNING_ACTION_LABELS[row.action] ?? row.action,
    reason: row.reason,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  };
}
