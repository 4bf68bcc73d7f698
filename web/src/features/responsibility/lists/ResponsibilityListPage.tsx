import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import type { TableProps } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { ResponsibilityList, ResponsibilitySummary } from '../../../api/responsibility.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { chineseNumeral, domainLabel, ordLabel } from '../../../shared/format.ts';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { WarningLevelTag } from '../../evaluation/evaluation-labels.tsx';
import { TaskTable } from '../shared/TaskTable.tsx';
import { GoalResponsibilityDrawer } from './GoalResponsibilityDrawer.tsx';
import { groupGoals } from './group-goals.ts';
import type { GoalRow } from './group-goals.ts';

const CRUMBS = [{ title: '责任落实', to: '/responsibility' }, { title: '责任清单' }];

/**
 * 责任清单: a department's goals (牵头 and 责任), related measures, reported indicators, open warnings, tasks and
 * annual reports, on one page, with Excel/Word export. Offices and viewers pick any department; a department's
 * users see their own (the server refuses the others with a Chinese message).
 */
export default function ResponsibilityListPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const readsAll = hasRole(user, 'admin', 'stats', 'viewer') || user.departmentId === null;
  const chosen = params.get('department') ?? (!readsAll && user.departmentId !== null ? String(user.departmentId) : null);
  const index = useApi((signal) => responsibilityApi.index(signal), []);
  const choose = (id: string | null) => setParams(id === null ? {} : { department: id });

  const options = (index.data ?? [])
    .slice()
    .sort((a, b) => b.lead + b.responsible - (a.lead + a.responsible))
    .map((d) => ({ value: String(d.departmentId), label: d.department }));
  if (chosen !== null && user.departmentId !== null && String(user.departmentId) === chosen && !options.some((o) => o.value === chosen)) {
    options.unshift({ value: chosen, label: user.departmentName ?? chosen });
  }

  return (
    <>
      <PageHeader
        crumbs={CRUMBS}
        title="责任清单"
        subTitle="规划明确的牵头、责任单位及其目标任务、报送指标、预警与待办事项"
        extra={
          <Space wrap>
            <Typography.Text>责任单位：</Typography.Text>
            <Select
              className="department-select"
              aria-label="责任单位"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 260 }}
              placeholder="选择单位"
              value={chosen ?? undefined}
              options={options}
              disabled={!readsAll}
              loading={index.loading}
              allowClear={readsAll}
              onChange={(v: string | undefined) => choose(v ?? null)}
            />
          </Space>
        }
      />
      {chosen === null ? <DepartmentIndex state={index} onChoose={(id) => choose(String(id))} /> : <DepartmentList key={chosen} department={chosen} />}
    </>
  );
}

function DepartmentIndex({ state, onChoose }: { state: ReturnType<typeof useApi<ResponsibilitySummary[]>>; onChoose: (id: number) => void }) {
  const columns: TableProps<ResponsibilitySummary>['columns'] = [
    {
      title: '单位',
      dataIndex: 'department',
      render: (name: string, d) => (
        <Typography.Link className="department-link" onClick={() => onChoose(d.departmentId)}>
          {name}
        </Typography.Link>
      ),
    },
    { title: '牵头目标', dataIndex: 'lead', width: 100, sorter: (a, b) => a.lead - b.lead, defaultSortOrder: 'descend' },
    { title: '责任目标', dataIndex: 'responsible', width: 100, sorter: (a, b) => a.responsible - b.responsible },
    { title: '报送指标', dataIndex: 'indicators', width: 100, sorter: (a, b) => a.indicators - b.indicators },
    { title: '待办任务', dataIndex: 'openTasks', width: 100 },
    {
      title: '逾期任务',
      dataIndex: 'overdueTasks',
      width: 100,
      sorter: (a, b) => a.overdueTasks - b.overdueTasks,
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
    },
    { title: '在办预警', dataIndex: 'openWarnings', width: 100, render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n) },
    { title: '实施方案（已报送/草稿）', key: 'plans', width: 180, render: (_, d) => `${d.implementationPlans.filed} / ${d.implementationPlans.draft}` },
  ];
  return (
    <AsyncView state={state} what="正在加载责任单位…">
      {(rows) => (
        <Card title="规划列明的责任单位" size="small">
          <Typography.Paragraph type="secondary">选择一个单位，查看其牵头、参与的目标任务和待办事项。</Typography.Paragraph>
          <Table<ResponsibilitySummary>
            className="department-index"
            rowKey="departmentId"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: '尚未导入规划，没有责任单位' }}
          />
        </Card>
      )}
    </AsyncView>
  );
}

function DepartmentList({ department }: { department: string }) {
  const state = useApi((signal) => responsibilityApi.list(department, signal), [department]);
  return (
    <AsyncView state={state} what="正在加载责任清单…">
      {(list) => <ListView list={list} reload={state.reload} />}
    </AsyncView>
  );
}

function ListView({ list, reload }: { list: ResponsibilityList; reload: () => void }) {
  const [toast, holder] = message.useMessage();
  const [exporting, setExporting] = useState<'xlsx' | 'docx' | null>(null);
  const [goalId, setGoalId] = useState<number | null>(null);
  const plans = useMemo(() => groupGoals(list), [list]);
  const save = async (format: 'xlsx' | 'docx') => {
    setExporting(format);
    try {
      await responsibilityApi.download(list.departmentId, format);
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(null);
    }
  };
  const c = list.counts;
  return (
    <div className="responsibility-list" data-department={list.department}>
      {holder}
      <Card size="small" className="responsibility-summary">
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} className="responsibility-department">
              {list.department}
            </Typography.Title>
            {list.aliases.length > 0 && <Typography.Text type="secondary">简称：{list.aliases.join('、')}</Typography.Text>}
          </div>
          <Space>
            <Button className="export-xlsx" loading={exporting === 'xlsx'} onClick={() => void save('xlsx')}>
              导出 Excel
            </Button>
            <Button className="export-docx" loading={exporting === 'docx'} onClick={() => void save('docx')}>
              导出 Word
            </Button>
          </Space>
        </Flex>
        <Row gutter={16} style={{ marginTop: 12 }}>
          {(
            [
              ['牵头目标', c.lead, 'lead'],
              ['责任目标', c.responsible, 'responsible'],
              ['相关策略措施', c.measures, 'measures'],
              ['报送指标', c.indicators, 'indicators'],
              ['在办预警', c.openWarnings, 'openWarnings'],
              ['待办任务', c.openTasks, 'openTasks'],
              ['逾期任务', c.overdueTasks, 'overdueTasks'],
            ] as const
          ).map(([title, value, key]) => (
            <Col key={key} xs={12} sm={8} md={6} lg={3}>
              <Statistic className={`count-${key}`} title={title} value={value} styles={key === 'overdueTasks' && value > 0 ? { content: { color: '#cf1322' } } : undefined} />
            </Col>
          ))}
        </Row>
      </Card>

      <Card size="small" title={`主要目标（牵头${c.lead}项，责任${c.responsible}项）`} className="responsibility-goals" style={{ marginTop: 16 }}>
        {plans.length === 0 ? (
          <Empty description="规划未列明该单位为任何主要目标的牵头或责任单位" />
        ) : (
          plans.map((plan) => (
            <div key={plan.code} className="goal-plan" data-plan={plan.kind}>
              <Typography.Title level={5}>{plan.title}</Typography.Title>
              {plan.domains.map((domain) => (
                <div key={domain.ord} className="goal-domain" data-domain={domain.ord}>
                  <Typography.Text strong>{domainLabel({ ord: domain.ord, title: domain.title })}</Typography.Text>
                  <GoalTable rows={domain.goals} onShow={setGoalId} />
                </div>
              ))}
            </div>
          ))
        )}
      </Card>

      <Card size="small" title={`在办预警（${list.warnings.length}）`} className="responsibility-warnings" style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={list.warnings}
          pagination={false}
          locale={{ emptyText: '没有在办的预警' }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            {
              title: '指标',
              key: 'indicator',
              render: (_, w) => (
                <Link className="warning-link" to={`/evaluation/warnings/${w.id}`}>
                  {w.indicatorName}（{w.regionName}）
                </Link>
              ),
            },
            { title: '等级', key: 'level', width: 110, render: (_, w) => <WarningLevelTag level={w.level as 'red' | 'yellow'} label={w.levelLabel} /> },
            { title: '状态', dataIndex: 'statusLabel', width: 90 },
            { title: '待完成整改措施', key: 'steps', width: 170, render: (_, w) => (w.pendingSteps > 0 ? `${w.pendingSteps}项，最近时限 ${w.nextStepDue ?? ''}` : '—') },
            { title: '预警原因', dataIndex: 'reason', ellipsis: true },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={`待办任务（${c.openTasks}，其中逾期${c.overdueTasks}）`}
        className="responsibility-tasks"
        style={{ marginTop: 16 }}
        extra={<Link to="/responsibility/tasks">任务与期限</Link>}
      >
        <TaskTable tasks={list.tasks} hideOwner onChanged={reload} emptyText="没有未完成的任务" className="responsibility-task-table" />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          年度报告
        </Typography.Title>
        {list.annualReports.length === 0 ? (
          <Typography.Text type="secondary">尚未布置年度报告任务</Typography.Text>
        ) : (
          <Table
            rowKey="taskId"
            size="small"
            pagination={false}
            dataSource={list.annualReports}
            columns={[
              { title: '年度', dataIndex: 'year', width: 80 },
              { title: '截止日期', dataIndex: 'dueDate', width: 120 },
              { title: '状态', dataIndex: 'statusLabel', width: 100 },
              { title: '完成时间', dataIndex: 'completedAt', render: (v: string | null) => v?.slice(0, 10) ?? '—' },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={`报送指标（${c.indicators}）`} className="responsibility-indicators" style={{ marginTop: 16 }}>
        <Table
          rowKey="code"
          size="small"
          dataSource={list.indicators}
          pagination={list.indicators.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: '该单位不报送监测指标' }}
          columns={[
            { title: '代码', dataIndex: 'code', width: 90, render: (code: string) => <Link to={`/indicators/${encodeURIComponent(code)}`}>{code}</Link> },
            { title: '指标', dataIndex: 'name' },
            { title: '单位', dataIndex: 'unit', width: 110 },
            { title: '规划', dataIndex: 'plan', width: 90, render: (p: string) => (p === 'women' ? '妇女规划' : '儿童规划') },
            { title: '领域', dataIndex: 'domain', width: 70, render: (d: number) => chineseNumeral(d) },
          ]}
        />
      </Card>

      <Card size="small" title={`相关策略措施（${c.measures}）`} className="responsibility-measures" style={{ marginTop: 16 }}>
        <Alert type="info" showIcon title={list.measuresNote} style={{ marginBottom: 12 }} />
        <Table
          rowKey="measureId"
          size="small"
          dataSource={list.measures}
          pagination={list.measures.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: '没有相关的策略措施' }}
          columns={[
            { title: '规划', dataIndex: 'plan', width: 90, render: (p: string) => (p === 'women' ? '妇女规划' : '儿童规划') },
            { title: '领域', dataIndex: 'domain', width: 70, render: (d: number) => chineseNumeral(d) },
            { title: '措施', key: 'title', render: (_, m) => <Link to={`/measures/${m.measureId}`}>{ordLabel(m.measure)}{m.title}</Link> },
            {
              title: '关联方式',
              key: 'relation',
              width: 160,
              render: (_, m) =>
                m.relation === 'named' ? <Tag color="blue">点名</Tag> : <Tag>同领域（{m.via === 'lead' ? '牵头' : '责任'}目标）</Tag>,
            },
          ]}
        />
      </Card>

      <Card size="small" title={`实施方案（${list.implementationPlans.length}）`} className="responsibility-plans" style={{ marginTop: 16 }}>
        {list.implementationPlans.length === 0 ? (
          <Typography.Text type="secondary">尚未制定实施方案</Typography.Text>
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list.implementationPlans}
            columns={[
              { title: '方案', key: 'title', render: (_, p) => <Link to={`/responsibility/implementation-plans/${p.id}`}>{p.title}</Link> },
              { title: '覆盖目标', key: 'goals', width: 120, render: (_, p) => `${p.goals.length}项` },
              { title: '状态', dataIndex: 'statusLabel', width: 100 },
              { title: '报送时间', dataIndex: 'filedAt', width: 120, render: (v: string | null) => v?.slice(0, 10) ?? '—' },
            ]}
          />
        )}
      </Card>
      <GoalResponsibilityDrawer goalId={goalId} onClose={() => setGoalId(null)} />
    </div>
  );
}

function GoalTable({ rows, onShow }: { rows: GoalRow[]; onShow: (goalId: number) => void }) {
  const columns: TableProps<GoalRow>['columns'] = [
    { title: '目标', key: 'ord', width: 70, render: (_, g) => <span className="goal-number">{`目标${g.goal}`}</span> },
    {
      title: '内容',
      key: 'text',
      render: (_, g) => (
        <Link className="goal-link" to={`/goals/${g.goalId}`}>
          {g.text}
        </Link>
      ),
    },
    {
      title: '本单位',
      key: 'role',
      width: 90,
      render: (_, g) => <Space size={2}>{g.roles.map((r) => (r === 'lead' ? <Tag key={r} color="red">牵头</Tag> : <Tag key={r} color="blue">责任</Tag>))}</Space>,
    },
    { title: '牵头单位', key: 'lead', width: 180, render: (_, g) => g.leadUnits.join('、') || '—' },
    { title: '责任单位', key: 'responsible', width: 240, ellipsis: true, render: (_, g) => [...g.responsibleUnits, ...g.unitGroups].join('、') || '—' },
    {
      title: '实施方案',
      key: 'plans',
      width: 110,
      render: (_, g) => (g.implementationPlans.length === 0 ? <Typography.Text type="secondary">未报送</Typography.Text> : g.implementationPlans.map((p) => <Tag key={p.id}>{p.statusLabel}</Tag>)),
    },
    {
      title: '分工',
      key: 'units',
      width: 80,
      render: (_, g) => (
        <Button size="small" type="link" className="show-goal-units" onClick={() => onShow(g.goalId)}>
          查看
        </Button>
      ),
    },
  ];
  return (
    <Table<GoalRow>
      className="goal-table"
      rowKey="goalId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      onRow={(g) => ({ 'data-goal': `${g.plan}-${g.domain}-${g.goal}`, 'data-roles': g.roles.join(' ') }) as HTMLAttributes<HTMLElement>}
      style={{ margin: '8px 0 16px' }}
    />
  );
}
