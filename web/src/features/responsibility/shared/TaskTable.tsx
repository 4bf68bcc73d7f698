import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router-dom';
import type { TaskView } from '../../../api/responsibility.endpoints.ts';
import { isReviewTask, taskLink } from './task-labels.ts';
import { TaskActions } from './TaskActions.tsx';
import { TaskDueTag } from './TaskDueTag.tsx';

interface TaskTableProps {
  tasks: TaskView[];
  /** Called after an action changed a task (reload the lists). */
  onChanged?: (task: TaskView) => void;
  /** Hide the owner column (a single unit's list). */
  hideOwner?: boolean;
  className?: string;
  emptyText?: string;
  pageSize?: number;
}

/** Tasks with their owner, due date and standing, and the actions the user may take. */
export function TaskTable({ tasks, onChanged, hideOwner, className, emptyText = '暂无任务', pageSize = 20 }: TaskTableProps) {
  const columns: TableProps<TaskView>['columns'] = [
    {
      title: '任务',
      dataIndex: 'title',
      render: (_, t) => (
        <div>
          <Typography.Text strong className="task-title">
            {t.title}
          </Typography.Text>
          {taskLink(t) !== null && (
            <Link className="task-link" to={taskLink(t) as string} style={{ marginLeft: 8 }}>
              {isReviewTask(t) ? '去审核' : '查看'}
            </Link>
          )}
          {t.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 1, tooltip: t.description }} style={{ margin: 0 }}>
              {t.description}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'kindLabel', width: 120, render: (label: string) => <Tag>{label}</Tag> },
    ...(hideOwner ? [] : [{ title: '责任单位', key: 'owner', width: 180, render: (_: unknown, t: TaskView) => t.owner.label }]),
    { title: '截止日期', dataIndex: 'dueDate', width: 110 },
    { title: '状态', key: 'state', width: 150, render: (_, t) => <TaskDueTag task={t} /> },
    ...(onChanged ? [{ title: '操作', key: 'actions', width: 160, render: (_: unknown, t: TaskView) => <TaskActions task={t} onChanged={onChanged} /> }] : []),
  ];
  return (
    <Table<TaskView>
      className={className}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tasks}
      rowClassName={(t) => `task-row${t.dueState === 'overdue' ? ' task-overdue' : ''}`}
      onRow={(t) => ({ 'data-task-id': t.id }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText }}
      pagination={tasks.length > pageSize ? { pageSize, showSizeChanger: false } : false}
    />
  );
}
