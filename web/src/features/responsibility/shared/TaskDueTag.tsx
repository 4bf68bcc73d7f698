import { Tag } from 'antd';
import type { TaskView } from '../../../api/responsibility.endpoints.ts';
import { DUE_STATE_COLORS, daysLeftText } from './task-labels.ts';

/** A task's standing against its due date: 已逾期（逾期3天）, 即将到期 …, coloured. */
export function TaskDueTag({ task }: { task: Pick<TaskView, 'dueState' | 'dueStateLabel' | 'status' | 'daysLeft'> }) {
  const days = daysLeftText(task);
  return (
    <Tag color={DUE_STATE_COLORS[task.dueState]} className="task-due-state" data-state={task.dueState}>
      {task.dueStateLabel}
      {days && task.dueState !== 'due_today' ? `（${days}）` : ''}
    </Tag>
  );
}
