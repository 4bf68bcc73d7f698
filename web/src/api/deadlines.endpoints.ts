import { sendJson } from './client.ts';
import type { RoundSummary } from '../../../src/services/monitoring/round.service.ts';
import type { RoundOverview } from '../../../src/services/unit-reports/unit-report.contract.ts';

export type { DeadlineChangeView, DeadlineExtensionView } from '../../../src/core/deadlines/round-deadline.ts';

/** 调整截止日期: the new date, the reason, and optionally the one unit it extends. */
export interface DeadlineChangeBody {
  dueDate: string;
  reason: string;
  departmentId?: number;
  regionCode?: string;
}

const seg = (value: number) => encodeURIComponent(String(value));

/** Deadline changes of report rounds (the office) and data rounds (statistics bureau, administrators). */
export const deadlinesApi = {
  unitReportRound: (roundId: number, body: DeadlineChangeBody) => sendJson<RoundOverview>('POST', `/unit-reports/rounds/${seg(roundId)}/deadline`, body),
  dataRound: (roundId: number, body: DeadlineChangeBody) => sendJson<RoundSummary>('POST', `/rounds/${seg(roundId)}/deadline`, body),
};
