import { Space, Tag, Typography } from 'antd';
import type { FollowUpState, TaskView } from '../../../api/supervision.endpoints.ts';
import { TaskDueTag } from './TaskDueTag.tsx';

const FOLLOW_UP_COLORS: Record<FollowUpState, string> = {
  unassigned: 'default',
  in_progress: 'processing',
  reported: 'gold',
  closed: 'success',
  cancelled: 'default',
};

/** Where a finding or a decision stands: 未布置整改, 整改中, 已报整改待销号, 已办结 … */
export function FollowUpStateTag({ state, label }: { state: FollowUpState; label: string }) {
  return (
    <Tag color={FOLLOW_UP_COLORS[state]} className="follow-up-state" data-state={state}>
      {label}
    </Tag>
  );
}

/** A follow-up task in one cell: owner, due date, status and its standing against the due date. */
export function FollowUpTaskCell({ task, empty = '尚未布置任务' }: { task: TaskView | null; empty?: string }) {
  if (task === null) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} className="follow-up-task" data-task-id={task.id} data-status={task.status}>
      <span>
        责任单位：<Typography.Text strong className="task-owner">{task.owner.label}</Typography.Text>
      </span>
      <span>
        截止日期：<span className="task-due-date">{task.dueDate}</span>
      </span>
      <Space size={4} wrap>
        <Tag color={task.status === 'done' ? 'success' : task.status === 'cancelled' ? 'default' : 'blue'} className="task-status" data-status={task.status}>
          任务{task.statusLabel}
        </Tag>
        {task.status === 'open' && <TaskDueTag task={task} />}
      </Space>
      {task.status !== 'open' && task.outcomeNote && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.completedBy?.name ?? ''}：{task.outcomeNote}
        </Typography.Text>
      )}
    </Space>
  );
}
