import { STATUS_CATEGORIES } from '../evaluation/evaluation.labels.ts';
import type { EvaluationStatus, StatusCategory } from '../evaluation/evaluation.types.ts';
import type { StatusTally } from './report.types.ts';

/** What a report counts, in order: the statuses, then 不作评估 apart from 无量化目标. */
export const TALLY_STATUSES: readonly StatusCategory[] = STATUS_CATEGORIES;

/** The category a report counts a target under: its status, or not_assessed (不作评估). */
export function categoryOf(t: { status: EvaluationStatus; notAssessed?: boolean }): StatusCategory {
  return t.notAssessed === true ? 'not_assessed' : t.status;
}

export function emptyTally(): StatusTally {
  return { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, insufficient_data: 0, no_target: 0, not_assessed: 0, total: 0 };
}

export function tallyOf(statuses: Iterable<StatusCategory>): StatusTally {
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
