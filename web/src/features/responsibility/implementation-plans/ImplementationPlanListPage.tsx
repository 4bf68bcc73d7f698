import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Segmented, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/endpoints.ts';
import { plansApi } from '../../../api/responsibility-plans.endpoints.ts';
import type { ImplementationPlanView } from '../../../api/responsibility-plans.endpoints.ts';
import type { DepartmentSummary } from '../../../api/types.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { FilingStatusTag } from '../shared/plan-filing.tsx';
import { ImplementationPlanModal, toInput } from './ImplementationPlanForm.tsx';

type View = 'plans' | 'units';

interface UnitRow {
  department: DepartmentSummary;
  filed: ImplementationPlanView[];
  drafts: ImplementationPlanView[];
}

const planColumns: TableColumnsType<ImplementationPlanView> = [
  { title: '单位', key: 'department', width: 150, render: (_, p) => <span className="plan-department">{p.department.name}</span> },
  { title: '方案名称', key: 'title', render: (_, p) => <Link to={`/responsibility/implementation-plans/${p.id}`} className="plan-link">{p.title}</Link> },
  { title: '对应目标', key: 'goals', width: 90, align: 'right', render: (_, p) => `${p.goals.length}项` },
  { title: '实施期限', key: 'period', width: 110, render: (_, p) => `${p.period.start}—${p.period.end}` },
  { title: '状态', key: 'status', width: 90, render: (_, p) => <FilingStatusTag status={p.status} label={p.statusLabel} /> },
  { title: '报送日期', key: 'filedAt', width: 110, render: (_, p) => <span className="filed-at">{p.filedAt ?? '—'}</span> },
  { title: '审阅意见', key: 'review', width: 200, render: (_, p) => p.reviewNote ?? '' },
];

const unitColumns: TableColumnsType<UnitRow> = [
  { title: '单位', key: 'name', width: 180, render: (_, u) => <span className="unit-name">{u.department.name}</span> },
  { title: '牵头/参与目标', key: 'goals', width: 120, render: (_, u) => `${u.department.leadGoalCount} / ${u.department.responsibleGoalCount}` },
  {
    title: '实施方案',
    key: 'state',
    render: (_, u) =>
      u.filed.length > 0 ? (
        <Tag color="success" className="unit-state" data-state="filed">
          已报送{u.filed.length}份（{u.filed.map((p) => p.filedAt).join('、')}）
        </Tag>
      ) : u.drafts.length > 0 ? (
        <Tag color="processing" className="unit-state" data-state="draft">
          编制中，未报送
        </Tag>
      ) : (
        <Tag color="error" className="unit-state" data-state="none">
          未报送
        </Tag>
      ),
  },
];

/** 实施方案: every department's plans and, for the office, who has filed; a department drafts its own. */
export default function ImplementationPlanListPage() {
  const user = useUser();
  const navigate = useNavigate();
  const office = hasRole(user, 'admin');
  const [view, setView] = useState<View>('plans');
  const [creating, setCreating] = useState(false);
  const state = useApi(async (signal) => {
    const [plans, departments] = await Promise.all([plansApi.implementationPlans({}, signal), api.departments(signal)]);
    return { plans, departments };
  }, []);
  const canCreate = office || (user.departmentId !== null && hasRole(user, 'reporter'));

  const units = useMemo<UnitRow[]>(() => {
    if (!state.data) return [];
    const { plans, departments } = state.data;
    return departments
      .filter((d) => d.leadGoalCount + d.responsibleGoalCount > 0)
      .map((d) => {
        const own = plans.filter((p) => p.department.id === d.id);
        return { department: d, filed: own.filter((p) => p.filedAt !== null), drafts: own.filter((p) => p.filedAt === null) };
      })
      .sort((a, b) => Number(b.filed.length > 0) - Number(a.filed.length > 0) || a.department.id - b.department.id);
  }, [state.data]);

  return (
    <>
      <PageHeader
        crumbs={[{ title: '目标责任' }, { title: '实施方案' }]}
        title="实施方案"
        subTitle="成员单位对照所牵头、参与的目标制定实施方案，报送妇儿工委办公室审阅"
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} className="new-plan" onClick={() => setCreating(true)}>
              编制实施方案
            </Button>
          )
        }
      />
      <AsyncView state={state} what="正在加载实施方案…">
        {({ plans, departments }) => {
          const filedUnits = units.filter((u) => u.filed.length > 0).length;
          return (
            <Card
              extra={
                <Segmented
                  className="view-switch"
                  value={view}
                  onChange={(v) => setView(v as View)}
                  options={[
                    { value: 'plans', label: `方案列表（${plans.length}）` },
                    { value: 'units', label: `各单位报送情况（${filedUnits}/${units.length}）` },
                  ]}
                />
              }
              title={view === 'plans' ? '实施方案' : '各单位报送情况'}
            >
              {view === 'plans' ? (
                <Table<ImplementationPlanView>
                  className="plan-table"
                  rowKey="id"
                  size="middle"
                  columns={planColumns}
                  dataSource={plans}
                  pagination={{ pageSize: 30, hideOnSinglePage: true }}
                  scroll={{ x: 900 }}
                  locale={{ emptyText: <Empty description={canCreate ? '尚无实施方案，点击“编制实施方案”开始' : '尚无实施方案'} /> }}
                  onRow={(p) => ({ 'data-department': p.department.name, 'data-status': p.status }) as HTMLAttributes<HTMLElement>}
                />
              ) : (
                <>
                  <Typography.Paragraph type="secondary" className="units-summary">
                    规划列为牵头或责任单位的{units.length}个单位中，已报送实施方案{filedUnits}个，未报送{units.length - filedUnits}个。
                  </Typography.Paragraph>
                  <Table<UnitRow>
                    className="unit-table"
                    rowKey={(u) => u.department.id}
                    size="small"
                    columns={unitColumns}
                    dataSource={units}
                    pagination={false}
                    onRow={(u) => ({ 'data-department': u.department.name }) as HTMLAttributes<HTMLElement>}
                  />
                </>
              )}
              <ImplementationPlanModal
                open={creating}
                title="编制实施方案"
                okText="保存为草稿"
                departmentId={user.departmentId}
                departments={office ? departments.filter((d) => d.leadGoalCount + d.responsibleGoalCount > 0) : undefined}
                onCancel={() => setCreating(false)}
                onSubmit={async (values) => {
                  const plan = await plansApi.createImplementationPlan(toInput(values));
                  setCreating(false);
                  void message.success('已保存为草稿，核对后请报送');
                  navigate(`/responsibility/implementation-plans/${plan.id}`);
                }}
              />
            </Card>
          );
        }}
      </AsyncView>
    </>
  );
}
