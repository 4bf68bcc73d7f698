import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Calendar, Card, Empty, List, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/endpoints.ts';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { TaskKind, TaskStatus, TaskView } from '../../../api/responsibility.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { DUE_STATE_COLORS, kindOptions, statusOptions } from '../shared/task-labels.ts';
import { TaskActions } from '../shared/TaskActions.tsx';
import { TaskTable } from '../shared/TaskTable.tsx';
import { IssueAnnualReportsModal } from './IssueAnnualReportsModal.tsx';
import { MailQueuePanel } from './MailQueuePanel.tsx';
import { NewTaskModal } from './NewTaskModal.tsx';
import { ReminderContactsPanel } from './ReminderContactsPanel.tsx';

// The calendar's weekday and month names come from dayjs' locale (antd's zh_CN covers only its own texts).
dayjs.locale('zh-cn');

const CRUMBS = [{ title: '责任落实', to: '/responsibility' }, { title: '任务与期限' }];

/**
 * 任务与期限: reminders due for the user, the overdue list, every task with filters, and a month calendar of
 * due dates. Owners and the office close tasks here; the office (and the statistics bureau, for data rounds)
 * assigns new ones.
 */
export default function TaskPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const refresh = () => setVersion((v) => v + 1);
  const canCreate = hasRole(user, 'admin', 'stats');
  const isAdmin = hasRole(user, 'admin');
  const view = params.get('view');
  const tab = view === 'calendar' || ((view === 'mail' || view === 'contacts') && isAdmin) ? view : 'list';
  const setTab = (view: string) => {
    const next = new URLSearchParams(params);
    if (view === 'calendar' || view === 'mail' || view === 'contacts') next.set('view', view);
    else next.delete('view');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        crumbs={CRUMBS}
        title="任务与期限"
        subTitle="年度报告、数据报送、规划报送、预警整改、督查和会议议定事项的期限与办理情况"
        extra={
          canCreate && (
            <Space>
              {hasRole(user, 'admin') && (
                <Button className="issue-annual-reports" onClick={() => setIssuing(true)}>
                  布置年度报告
                </Button>
              )}
              <Button type="primary" className="new-task" onClick={() => setCreating(true)}>
                布置任务
              </Button>
            </Space>
          )
        }
      />
      <Reminders version={version} />
      <Overdue version={version} onChanged={refresh} />
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'list', label: '任务列表', children: <TaskList version={version} onChanged={refresh} /> },
            { key: 'calendar', label: '日历', children: <TaskCalendarView version={version} onChanged={refresh} /> },
            ...(isAdmin
              ? [
                  { key: 'mail', label: '邮件提醒', children: <MailQueuePanel /> },
                  { key: 'contacts', label: '提醒联系人', children: <ReminderContactsPanel /> },
                ]
              : []),
          ]}
        />
      </Card>
      {hasRole(user, 'admin') && <IssueAnnualReportsModal open={issuing} onClose={() => setIssuing(false)} onIssued={refresh} />}
      {canCreate && (
        <NewTaskModal
          open={creating}
          statsOnly={!hasRole(user, 'admin')}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
    </>
  );
}

function Reminders({ version }: { version: number }) {
  const state = useApi((signal) => responsibilityApi.reminders(signal), [version]);
  if (state.error) return <Alert type="error" showIcon title="站内提醒加载失败" description={state.error.message} />;
  const reminders = state.data ?? [];
  if (state.loading || reminders.length === 0) return null;
  return (
    <Alert
      className="task-reminders"
      type="warning"
      showIcon
      title={`站内提醒：${reminders.length}项任务到提醒日或已逾期`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {reminders.slice(0, 8).map(({ task, reminder }) => (
            <li key={task.id} className="task-reminder" data-task-id={task.id}>
              <Tag color={DUE_STATE_COLORS[reminder.state]}>{reminder.text}</Tag>
              {task.title}（{task.owner.label}，{task.dueDate}截止）
            </li>
          ))}
          {reminders.length > 8 && <li>另有{reminders.length - 8}项，见下方列表</li>}
        </ul>
      }
    />
  );
}

function Overdue({ version, onChanged }: { version: number; onChanged: () => void }) {
  const state = useApi((signal) => responsibilityApi.overdue(signal), [version]);
  const count = state.data?.length ?? 0;
  return (
    <Card
      size="small"
      className="overdue-card"
      style={{ marginTop: 16, borderColor: count > 0 ? '#ff7875' : undefined }}
      title={
        <Space>
          <Badge status={count > 0 ? 'error' : 'success'} />
          <span className="overdue-title">逾期未完成（{state.loading ? '…' : count}）</span>
        </Space>
      }
    >
      <AsyncView state={state} what="正在加载逾期任务…">
        {(tasks) =>
          tasks.length === 0 ? (
            <Typography.Text type="secondary" className="overdue-empty">
              没有逾期未完成的任务
            </Typography.Text>
          ) : (
            <TaskTable tasks={tasks} onChanged={onChanged} className="overdue-table" />
          )
        }
      </AsyncView>
    </Card>
  );
}

type OwnerFilter = string | undefined; // "office", "d:<id>" or "r:<code>"

function TaskList({ version, onChanged }: { version: number; onChanged: () => void }) {
  const user = useUser();
  const readsAll = hasRole(user, 'admin', 'stats', 'viewer') || (user.departmentId === null && user.regionCode === '370300');
  const [status, setStatus] = useState<TaskStatus[]>(['open']);
  const [kind, setKind] = useState<TaskKind[]>([]);
  const [owner, setOwner] = useState<OwnerFilter>(undefined);
  const departments = useApi((signal) => (readsAll ? api.departments(signal) : Promise.resolve([])), [readsAll]);
  const counties = useApi((signal) => (readsAll ? api.regions({ parent: '370300' }, signal) : Promise.resolve([])), [readsAll]);
  const ownerOptions = useMemo(
    () => [
      { label: '本办', options: [{ value: 'office', label: '市妇儿工委办公室（审核等本办事项）' }] },
      { label: '部门', options: (departments.data ?? []).map((d) => ({ value: `d:${d.id}`, label: d.name })) },
      { label: '区县', options: (counties.data ?? []).map((r) => ({ value: `r:${r.code}`, label: r.name })) },
    ],
    [departments.data, counties.data],
  );
  const state = useApi(
    (signal) =>
      responsibilityApi.tasks(
        {
          status,
          kind,
          department: owner?.startsWith('d:') ? owner.slice(2) : undefined,
          regionCode: owner?.startsWith('r:') ? owner.slice(2) : undefined,
          office: owner === 'office',
        },
        signal,
      ),
    [status.join(), kind.join(), owner, version],
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} className="task-filters">
        {readsAll && (
          <Select
            className="filter-owner"
            aria-label="责任单位"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部责任单位"
            style={{ width: 240 }}
            value={owner}
            onChange={(v: OwnerFilter) => setOwner(v)}
            options={ownerOptions}
          />
        )}
        <Select
          className="filter-status"
          aria-label="状态"
          mode="multiple"
          allowClear
          placeholder="全部状态"
          style={{ minWidth: 200 }}
          value={status}
          onChange={(v: TaskStatus[]) => setStatus(v)}
          options={statusOptions}
        />
        <Select
          className="filter-kind"
          aria-label="类别"
          mode="multiple"
          allowClear
          placeholder="全部类别"
          style={{ minWidth: 260 }}
          value={kind}
          onChange={(v: TaskKind[]) => setKind(v)}
          options={kindOptions}
        />
      </Space>
      <AsyncView state={state} what="正在加载任务…">
        {(tasks) => <TaskTable tasks={tasks} onChanged={onChanged} className="task-table" emptyText="没有符合条件的任务" />}
      </AsyncView>
    </>
  );
}

function TaskCalendarView({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [params, setParams] = useSearchParams();
  const monthParam = params.get('month');
  const month = monthParam !== null && /^\d{4}-\d{2}$/.test(monthParam) ? monthParam : dayjs().format('YYYY-MM');
  const [selected, setSelected] = useState<string | null>(null);
  const state = useApi((signal) => responsibilityApi.calendar(month, undefined, signal), [month, version]);
  const byDate = useMemo(() => new Map((state.data?.days ?? []).map((d) => [d.date, d.items])), [state.data]);
  const setMonth = (value: Dayjs) => {
    const next = new URLSearchParams(params);
    next.set('view', 'calendar');
    next.set('month', value.format('YYYY-MM'));
    setParams(next, { replace: true });
  };
  const dayTasks = selected === null ? [] : (byDate.get(selected) ?? []);
  return (
    <div className="task-calendar" data-month={month}>
      {state.error && <Alert type="error" showIcon title="任务日历加载失败" description={state.error.message} />}
      <Calendar
        value={dayjs(`${month}-01`)}
        onPanelChange={(value) => setMonth(value)}
        onSelect={(value, info) => {
          if (info.source === 'date') setSelected(value.format('YYYY-MM-DD'));
          else setMonth(value);
        }}
        cellRender={(current, info) => {
          if (info.type !== 'date') return info.originNode;
          const date = current.format('YYYY-MM-DD');
          if (!date.startsWith(month)) return null;
          const tasks = byDate.get(date) ?? [];
          if (tasks.length === 0) return null;
          return (
            <ul className="calendar-day-tasks" data-date={date} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {tasks.map((t) => (
                <li key={t.id} className="calendar-task" data-task-id={t.id} data-state={t.dueState}>
                  <Badge color={DUE_STATE_COLORS[t.dueState] === 'default' ? 'gray' : DUE_STATE_COLORS[t.dueState]} text={<span style={{ fontSize: 12 }}>{t.title}</span>} />
                </li>
              ))}
            </ul>
          );
        }}
      />
      {(state.data?.overdueBefore.length ?? 0) > 0 && (
        <Typography.Paragraph type="danger" className="overdue-before">
          另有{state.data?.overdueBefore.length}项任务在本月之前到期、仍未完成，见上方“逾期未完成”。
        </Typography.Paragraph>
      )}
      {selected !== null && (
        <Card size="small" title={`${selected} 到期的任务`} className="calendar-day-card" extra={<Button size="small" onClick={() => setSelected(null)}>关闭</Button>}>
          {dayTasks.length === 0 ? (
            <Empty description="当天没有到期的任务" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List<TaskView>
              dataSource={dayTasks}
              renderItem={(t) => (
                <List.Item actions={[<TaskActions key="a" task={t} onChanged={onChanged} />]}>
                  <List.Item.Meta title={t.title} description={`${t.owner.label} · ${t.kindLabel} · ${t.statusLabel}`} />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        提醒规则：默认在截止前7天、前1天和当天提醒，逾期后每天提醒，直至办结。设置邮件服务（FUER_SMTP_URL）后同时发送邮件。{' '}
        <Link to="/responsibility">查看责任清单</Link>
      </Typography.Paragraph>
    </div>
  );
}
