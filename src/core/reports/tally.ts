import type { EvaluationStatus } from '../evaluation/evaluation.types.ts';
import type { StatusTally } from './report.types.ts';

export const TALLY_STATUSES: readonly EvaluationStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'];

export function emptyTally(): StatusTally {
  return { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, insufficient_data: 0, no_target: 0, total: 0 };
}

export function tallyOf(statuses: Iterable<EvaluationStatus>): StatusTally {
  const t = emptyTally();
  for (const s of statuses) {
    t[s]++;
    t.total++;
  }
  return t;
}

/** Targets whose status says something about reaching the target (the denominator of 达标率). */
export function assessedOf(t: StatusTally): number {
  return t.achieved + t.on_track + t.at_risk + t.off_track;
}

/** 达标率 = achieved ÷ assessed, as a whole percentage text; null when nothing is assessed. */
export function achievedShare(t: StatusTally): string | null {
  const assessed = assessedOf(t);
  if (assessed === 0) return null;
  return `${Math.round((t.achieved / assessed) * 1000) / 10}%`;
}
