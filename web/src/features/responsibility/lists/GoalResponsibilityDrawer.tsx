import { Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { GoalUnitReport } from '../../../api/responsibility.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';

/** One goal's division of labour: who leads, who shares, and what each has reported (实施方案, 年度报告). */
export function GoalResponsibilityDrawer({ goalId, onClose }: { goalId: number | null; onClose: () => void }) {
  return (
    <Drawer open={goalId !== null} onClose={onClose} size={760} title="目标责任分工" className="goal-responsibility-drawer" destroyOnHidden>
      {goalId !== null && <GoalUnits goalId={goalId} />}
    </Drawer>
  );
}

function GoalUnits({ goalId }: { goalId: number }) {
  const state = useApi((signal) => responsibilityApi.goal(goalId, signal), [goalId]);
  return (
    <AsyncView state={state} what="正在加载分工…">
      {(g) => (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="规划">{g.goal.planTitle}</Descriptions.Item>
            <Descriptions.Item label="领域">{g.goal.domainTitle}</Descriptions.Item>
            <Descriptions.Item label={`目标${g.goal.goal}`}>
              <Link to={`/goals/${g.goal.goalId}`}>{g.goal.text}</Link>
            </Descriptions.Item>
            {g.unitGroups.length > 0 && <Descriptions.Item label="另列">{g.unitGroups.join('、')}</Descriptions.Item>}
          </Descriptions>
          <Table<GoalUnitReport>
            className="goal-unit-table"
            style={{ marginTop: 16 }}
            rowKey={(u) => `${u.role}-${u.departmentId}`}
            size="small"
            pagination={false}
            dataSource={g.units}
            columns={[
              { title: '单位', dataIndex: 'department', render: (name: string, u) => <Link to={`/responsibility?department=${u.departmentId}`}>{name}</Link> },
              { title: '分工', dataIndex: 'role', width: 70, render: (r: string) => (r === 'lead' ? <Tag color="red">牵头</Tag> : <Tag color="blue">责任</Tag>) },
              {
                title: '实施方案',
                key: 'plans',
                render: (_, u) =>
                  u.implementationPlans.length === 0 ? (
                    <Typography.Text type="secondary">未报送</Typography.Text>
                  ) : (
                    u.implementationPlans.map((p) => (
                      <div key={p.id}>
                        <Link to={`/responsibility/implementation-plans/${p.id}`}>{p.title}</Link> <Tag>{p.statusLabel}</Tag>
                      </div>
                    ))
                  ),
              },
              {
                title: '年度报告',
                key: 'reports',
                render: (_, u) =>
                  u.annualReports.length === 0 ? (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ) : (
                    u.annualReports.map((r) => (
                      <div key={r.taskId}>
                        {r.year ?? ''}年：{r.statusLabel}
                      </div>
                    ))
                  ),
              },
              { title: '待办任务', dataIndex: 'openTasks', width: 80 },
            ]}
          />
        </>
      )}
    </AsyncView>
  );
}
