import type { DataValueStatus } from './data-value.types.ts';

export const STATUS_LABELS: Readonly<Record<DataValueStatus, string>> = {
  draft: '填报中',
  submitted: '已提交待审核',
  approved: '已审核通过',
  returned: '已退回',
};

export interface ChildFormStatus {
  regionCode: string;
  regionName?: string;
  status: DataValueStatus;
}

export interface ParentApprovalCheck {
  allowed: boolean;
  /** Children holding the parent back: a form not yet approved, or an expected child with no form at all. */
  waitingFor: Array<{ regionCode: string; regionName?: string; status: DataValueStatus | 'missing' }>;
  /** Chinese reason when not allowed. */
  reason: string | null;
}

/**
 * Approval goes up the hierarchy: a parent's form (the city's) may be approved only once every child's
 * (each county's) form for the same round is approved. Pass `expectedChildren` so that a child with no form
 * yet also holds the parent back; a child with several forms needs all of them approved.
 */
export function canApproveParent(
  childFormStatuses: readonly ChildFormStatus[],
  expectedChildren: readonly string[] = [],
): ParentApprovalCheck {
  const waitingFor: ParentApprovalCheck['waitingFor'] = [];
  for (const f of childFormStatuses) {
    if (f.status !== 'approved') {
      waitingFor.push({ regionCode: f.regionCode, ...(f.regionName !== undefined ? { regionName: f.regionName } : {}), status: f.status });
    }
  }
  const withForm = new Set(childFormStatuses.map((f) => f.regionCode));
  for (const code of expectedChildren) {
    if (!withForm.has(code)) waitingFor.push({ regionCode: code, status: 'missing' });
  }
  if (waitingFor.length === 0) return { allowed: true, waitingFor, reason: null };
  const list = waitingFor
    .map((w) => `${w.regionName ?? w.regionCode}（${w.status === 'missing' ? '无报表' : STATUS_LABELS[w.status]}）`)
    .join('、');
  return { allowed: false, waitingFor, reason: `下级报表须全部审核通过后才能审核本级报表，尚未通过：${list}` };
}
