import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Segmented, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, CopyOutlined } from '@ant-design/icons';
import { deadlinesApi } from '../../api/deadlines.endpoints.ts';
import { DeadlineHistory, ExtensionTags } from '../deadlines/DeadlineHistory.tsx';
import { DeadlineModal } from '../deadlines/DeadlineModal.tsx';
import { Link } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { FormProgress, FormStatus, ProgressBoard, RoundSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { FORM_KIND_LABELS, STATUS_LABELS, StatusTag } from './monitoring-labels.tsx';
import { RoundSelect } from './RoundSelect.tsx';
import { useRounds } from './use-rounds.ts';

const columns: TableColumnsType<FormProgress> = [
  {
    title: '部门 / 区县',
    key: 'name',
    render: (_: unknown, r) => (
      <Space>
        <Link to={`/data-entry/forms/${r.form.id}`}>{r.form.name}</Link>
        {r.extended && (
          <Tag color="blue" className="extended-tag">
            延期至{r.dueDate}
          </Tag>
        )}
        {r.overdue && (
          <Tag color="red" className="overdue-tag">
            逾期{r.daysOverdue}天
          </Tag>
        )}
      </Space>
    ),
    sorter: (a, b) => a.form.name.localeCompare(b.form.name, 'zh-CN'),
  },
  { title: '类型', key: 'kind', width: 100, render: (_: unknown, r) => FORM_KIND_LABELS[r.form.kind] },
  {
    title: '状态',
    key: 'status',
    width: 130,
    render: (_: unknown, r) => <StatusTag status={r.form.status} />,
    filters: (['draft', 'returned', 'submitted', 'approved'] as const).map((s) => ({ text: STATUS_LABELS[s], value: s })),
    onFilter: (value, r) => r.form.status === value,
  },
  {
    title: '完成度',
    key: 'completeness',
    width: 220,
    sorter: (a, b) => a.completeness - b.completeness,
    render: (_: unknown, r) => (
      <div className="progress-cell">
        <Progress percent={r.completeness} size="small" format={(p) => `${p}%`} status={r.overdue ? 'exception' : r.completeness >= 100 ? 'success' : 'active'} />
        <Typography.Text type="secondary" className="progress-count">
          {r.filled}/{r.required}
        </Typography.Text>
      </div>
    ),
  },
  { title: '未处理意见', dataIndex: 'openComments', width: 100, render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '—') },
];

type Filter = 'all' | 'department' | 'region' | 'overdue';

function Board({ board, onDeadlineChanged }: { board: ProgressBoard; onDeadlineChanged: () => void }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [changing, setChanging] = useState(false);
  const [allReminders, setAllReminders] = useState(false);
  const [toast, holder] = message.useMessage();
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => void toast.success('已复制催报通知，可粘贴到工作群或短信'),
      () => void toast.error('无法访问剪贴板，请手动复制'),
    );
  const shownReminders = allReminders ? board.reminders : board.reminders.slice(0, 5);
  const rows = board.forms.filter((r) => (filter === 'all' ? true : filter === 'overdue' ? r.overdue : r.form.kind === filter));
  const t = board.totals;
  const stat = (title: string, value: number, status?: FormStatus, suffix?: string) => (
    <Col xs={12} md={8} lg={4}>
      <Card size="small" className="progress-stat" data-status={status ?? title}>
        <Statistic title={title} value={value} suffix={suffix} />
      </Card>
    </Col>
  );
  return (
    <div className="section-gap">
      {holder}
      <Row gutter={[12, 12]}>
        {stat('报表总数', t.forms)}
        {stat('填报中', t.draft, 'draft')}
        {stat('已退回', t.returned, 'returned')}
        {stat('待审核', t.submitted, 'submitted')}
        {stat('已审核通过', t.approved, 'approved')}
        <Col xs={12} md={8} lg={4}>
          <Card size="small" className={`progress-stat${t.overdue ? ' progress-stat-overdue' : ''}`} data-status="overdue">
            <Statistic title="逾期" value={t.overdue} styles={{ content: t.overdue ? { color: '#cf1322' } : undefined }} />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Space size={24} wrap>
          <span>
            截止日期 <b className="round-due-date">{board.round.dueDate}</b>（今天 {board.today}）
          </span>
          <span className="overall-completeness">
            总体完成度 <b>{t.completeness}%</b>
          </span>
          <Progress percent={t.completeness} style={{ width: 280 }} />
          {board.canChangeDeadline && (
            <Button icon={<CalendarOutlined />} onClick={() => setChanging(true)} className="deadline-change">
              调整截止日期
            </Button>
          )}
        </Space>
        {(board.extensions.length > 0 || board.deadlineChanges.length > 0) && (
          <div className="section-gap">
            <ExtensionTags extensions={board.extensions} />
            <DeadlineHistory changes={board.deadlineChanges} />
          </div>
        )}
      </Card>
      <DeadlineModal
        open={changing}
        roundDueDate={board.round.dueDate}
        units={board.forms.map((r) => ({
          key: `${r.form.kind}:${r.form.kind === 'department' ? r.form.departmentId : r.form.regionCode}`,
          name: r.form.name,
          dueDate: r.dueDate,
          departmentId: r.form.kind === 'department' ? r.form.departmentId : null,
          regionCode: r.form.kind === 'region' ? r.form.regionCode : null,
        }))}
        onClose={() => setChanging(false)}
        onSubmit={async (body) => {
          const round = await deadlinesApi.dataRound(board.round.id, body);
          setChanging(false);
          const extension = body.departmentId !== undefined || body.regionCode !== undefined ? round.extensions.find((e) => e.dueDate === body.dueDate) : undefined;
          void toast.success(extension ? `已为${extension.unitName}延期至${extension.dueDate}` : `截止日期已调整为${round.dueDate}`);
          onDeadlineChanged();
        }}
      />
      {board.reminders.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="reminders"
          title={`逾期提醒（${board.reminders.length}）`}
          action={
            <Button size="small" icon={<CopyOutlined />} onClick={() => copy(board.reminders.map((r) => r.message).join('\n'))}>
              复制全部
            </Button>
          }
          description={
            <List
              size="small"
              dataSource={shownReminders}
              footer={
                board.reminders.length > 5 ? (
                  <Typography.Link onClick={() => setAllReminders(!allReminders)}>
                    {allReminders ? '收起' : `显示全部${board.reminders.length}条`}
                  </Typography.Link>
                ) : undefined
              }
              renderItem={(r) => (
                <List.Item
                  className="reminder"
                  actions={[
                    <Button key="copy" size="small" icon={<CopyOutlined />} onClick={() => copy(r.message)}>
                      复制催报通知
                    </Button>,
                  ]}
                >
                  {r.message}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card
        title={
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: `全部 ${board.forms.length}` },
              { value: 'department', label: '市直部门' },
              { value: 'region', label: '区县' },
              { value: 'overdue', label: `逾期 ${t.overdue}` },
            ]}
          />
        }
      >
        <Table<FormProgress>
          className="progress-table"
          rowKey={(r) => r.form.id}
          size="middle"
          columns={columns}
          dataSource={rows}
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          pagination={false}
        />
      </Card>
    </div>
  );
}

function RoundBoard({ round, onDeadlineChanged }: { round: RoundSummary; onDeadlineChanged: () => void }) {
  const state = useApi((signal) => monitoringApi.progress(round.id, signal), [round.id]);
  return (
    <AsyncView state={state} what="正在计算填报进度…">
      {(board) => (
        <Board
          board={board}
          onDeadlineChanged={() => {
            state.reload();
            onDeadlineChanged();
          }}
        />
      )}
    </AsyncView>
  );
}

/** 进度看板: every department and county of a round, status, completeness, overdue, reminders. */
export default function ProgressPage() {
  const { state, current, select } = useRounds();
  return (
    <>
      <PageHeader
        crumbs={[{ title: '数据填报', to: '/data-entry' }, { title: '进度看板' }]}
        title="填报进度看板"
        subTitle="各市直部门和区县的报表状态、必填数据完成度；截止日期已过仍未提交的标红并生成催报提醒"
        extra={state.data && state.data.length > 0 && <RoundSelect rounds={state.data} value={current?.id} onChange={select} />}
      />
      <AsyncView state={state} what="正在加载填报轮次…">
        {() => (current ? <RoundBoard round={current} onDeadlineChanged={state.reload} /> : <Card><Empty description="尚无填报轮次" /></Card>)}
      </AsyncView>
    </>
  );
}
