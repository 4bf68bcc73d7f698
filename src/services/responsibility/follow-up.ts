import type { TaskRow } from '../../storage/schema/responsibility.schema.ts';

import type { FollowUpState } from './responsibility.contract.ts';

export type { FollowUpState } from './responsibility.contract.ts';

export const FOLLOW_UP_LABELS: Record<FollowUpState, string> = {
  unassigned: '未布置整改',
  in_progress: '整改中',
  reported: '已报整改，待销号',
  closed: '已办结',
  cancelled: '已取消',
};

export function followUpState(task: Pick<TaskRow, 'status'> | null | undefined): FollowUpState {
  if (task === null || task === undefined) return 'unassigned';
  return task.status === 'open' ? 'in_progress' : task.status === 'done' ? 'closed' : 'cancelled';
}
