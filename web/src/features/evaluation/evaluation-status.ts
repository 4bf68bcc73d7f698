import type { EvaluationStatus } from '../../api/types.ts';

/** The statuses in the order the dashboards list them: best first, the unassessable last. */
export const STATUS_ORDER: readonly EvaluationStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'];

/** Chart colours of the statuses (traffic-light, as Chinese 达标 dashboards use them). */
export const STATUS_HEX: Record<EvaluationStatus, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#faad14',
  off_track: '#cf1322',
  insufficient_data: '#bfbfbf',
  no_target: '#8c8c8c',
};
