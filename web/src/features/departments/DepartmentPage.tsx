import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { DepartmentDetail, DepartmentGoal, PlanRef, PlanSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel, ordLabel } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';

type Role = 'lead' | 'responsible';
type GoalRow = DepartmentGoal & { role: Role };

const goalColumns: TableColumnsType<GoalRow> = [
  {
    title: '发展领域',
    key: 'domain',
    width: 200,
    render: (_: unknown, g) => (
      <Link to={`/plans/${encodeURIComponent(g.plan.code)}?domain=${g.domain.ord}`}>{domainLabel(g.domain)}</Link>
    ),
  },
  { title: '目标编号', dataIndex: 'ord', width: 90, align: 'center', render: (ord: number) => ordLabel(ord) },
  {
    title: '主要目标',
    dataIndex: 'text',
    render: (text: string, g) => <Link to={`/goals/${g.goalId}`}>{text}</Link>,
  },
  {
    title: '角色',
    dataIndex: 'role',
    width: 90,
    align: 'center',
    render: (role: Role) => (role === 'lead' ? <Tag color="red">牵头</Tag> : <Tag color="blue">责任</Tag>),
  },
];

function planGroups(detail: DepartmentDetail, plans: PlanSummary[]): { plan: PlanRef; rows: GoalRow[] }[] {
  const rows: GoalRow[] = [
    ...detail.lead.map((g) => ({ ...g, role: 'lead' as const })),
    ...detail.responsible.map((g) => ({ ...g, role: 'responsible' as const })),
  ];
  const order: PlanRef[] = plans.map((p) => ({ code: p.code, kind: p.kind, title: p.title }));
  for (const row of rows) if (!order.some((p) => p.code === row.plan.code)) order.push(row.plan);
  return order.map((plan) => ({
    plan,
    rows: rows
      .filter((r) => r.plan.code === plan.code)
      .sort((a, b) => a.domain.ord - b.domain.ord || a.ord - b.ord || (a.role === 'lead' ? -1 : 1)),
  }));
}

function DepartmentView({ detail, plans }: { detail: DepartmentDetail; plans: PlanSummary[] }) {
  return (
    <>
      <PageHeader
        crumbs={[{ title: '责任单位', to: '/departments' }, { title: detail.name }]}
        title={detail.name}
        subTitle={`牵头 ${detail.leadGoalCount} 项主要目标，参与 ${detail.responsibleGoalCount} 项，报送 ${detail.indicatorCount} 个监测指标`}
      />
      <div className="section-gap">
        <Card>
          <Descriptions
            bordered
            size="middle"
            column={4}
            items={[
              {
                key: 'aliases',
                label: '别名',
                children: detail.aliases.length ? detail.aliases.join('、') : '—',
              },
              { key: 'lead', label: '牵头目标', children: `${detail.leadGoalCount} 项` },
              { key: 'responsible', label: '参与目标', children: `${detail.responsibleGoalCount} 项` },
              { key: 'indicators', label: '报送指标', children: `${detail.indicatorCount} 个` },
            ]}
          />
        </Card>
        {planGroups(detail, plans).map(({ plan, rows }) => (
          <Card
            key={plan.code}
            className="department-plan-card"
            data-plan={plan.code}
            title={
              <Flex gap={8} align="center">
                <span>{plan.title}</span>
                <Tag>{rows.length} 项</Tag>
              </Flex>
            }
          >
            {rows.length === 0 ? (
              <Empty description="本规划中没有该单位牵头或参与的主要目标" />
            ) : (
              <Table<GoalRow>
                rowKey={(r) => `${r.role}-${r.goalId}`}
                size="middle"
                columns={goalColumns}
                dataSource={rows}
                pagination={false}
              />
            )}
          </Card>
        ))}
        <Card title={`报送的监测指标（${detail.indicators.length}）`} className="department-indicators-card">
          <Table
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={detail.indicators}
            locale={{ emptyText: '该单位不负责报送监测指标' }}
            columns={[
              {
                title: '指标代码',
                dataIndex: 'code',
                width: 120,
                render: (code: string) => <Link to={`/indicators/${encodeURIComponent(code)}`}>{code}</Link>,
              },
              { title: '指标名称', dataIndex: 'name' },
              { title: '单位', dataIndex: 'unit', width: 140 },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

export default function DepartmentPage() {
  const { id = '' } = useParams();
  const state = useApi(
    (signal) => Promise.all([api.department(id, signal), api.plans(signal)]),
    [id],
  );
  return (
    <AsyncView
      state={state}
      what="正在加载单位…"
      header={<PageHeader crumbs={[{ title: '责任单位', to: '/departments' }, { title: '单位' }]} title="责任单位" />}
    >
      {([detail, plans]) => <DepartmentView detail={detail} plans={plans} />}
    </AsyncView>
  );
}
