import type { EvaluationStatus, StatusCategory } from '../../api/types.ts';

/** The statuses in the order the dashboards list them: best first, the unassessable last. */
export const STATUS_ORDER: readonly EvaluationStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'];

/** What the dashboards count, in order: the statuses, then 不作评估 (not assessed) apart from 无量化目标. */
export const CATEGORY_ORDER: readonly StatusCategory[] = [...STATUS_ORDER, 'not_assessed'];

/** Chart colours of the statuses (traffic-light, as Chinese 达标 dashboards use them); 不作评估 a pale blue-grey. */
export const STATUS_HEX: Record<StatusCategory, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#faad14',
  off_track: '#cf1322',
  insufficient_data: '#bfbfbf',
  no_target: '#8c8c8c',
  not_assessed: '#a3b1c2',
};

/** The category of a status: not_assessed when the result is not assessed (不作评估). */
export function categoryOf(r: { status: EvaluationStatus; notAssessed?: boolean }): StatusCategory {
  return r.notAssessed === true ? 'not_assessed' : r.status;
}
