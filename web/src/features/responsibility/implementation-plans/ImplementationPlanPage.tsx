import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, List, Modal, Space, Tag, Typography, message } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { plansApi } from '../../../api/responsibility-plans.endpoints.ts';
import type { ImplementationPlanView } from '../../../api/responsibility-plans.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { errorText, FilingCard, FilingStatusTag } from '../shared/plan-filing.tsx';
import { goalKeys, ImplementationPlanModal, toInput } from './ImplementationPlanForm.tsx';

function PlanBody({ initial }: { initial: ImplementationPlanView }) {
  const navigate = useNavigate();
  const [plan, setPlan] = useState(initial);
  useEffect(() => setPlan(initial), [initial]);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '目标责任' }, { title: '实施方案', to: '/responsibility/implementation-plans' }, { title: plan.department.name }]}
        title={plan.title}
        subTitle={
          <Space>
            <span className="plan-department">{plan.department.name}</span>
            <span>
              {plan.period.start}—{plan.period.end}年
            </span>
            <FilingStatusTag status={plan.status} label={plan.statusLabel} />
          </Space>
        }
        extra={
          plan.can.edit && (
            <Space>
              <Button className="edit-plan" onClick={() => setEditing(true)}>
                修改
              </Button>
              {plan.status === 'draft' && plan.filedAt === null && (
                <Button
                  danger
                  className="delete-plan"
                  onClick={() =>
                    Modal.confirm({
                      title: '删除该实施方案草稿？',
                      okText: '删除',
                      okButtonProps: { danger: true },
                      onOk: async () => {
                        try {
                          await plansApi.deleteImplementationPlan(plan.id);
                          void message.success('已删除');
                          navigate('/responsibility/implementation-plans');
                        } catch (err) {
                          void message.error(errorText(err));
                        }
                      },
                    })
                  }
                >
                  删除草稿
                </Button>
              )}
            </Space>
          )
        }
      />
      {!plan.can.edit && (plan.status === 'draft' || plan.status === 'returned') && (
        <Alert type="info" showIcon className="readonly-note" title={`只读：只有${plan.department.name}（填报员）或妇儿工委办公室可以修改该实施方案`} style={{ marginBottom: 16 }} />
      )}
      <Card title="方案" className="plan-card" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          bordered
          items={[
            { key: 'department', label: '单位', children: plan.department.name },
            { key: 'documentNo', label: '文号', children: plan.documentNo ?? '—' },
            { key: 'period', label: '实施期限', children: `${plan.period.start}—${plan.period.end}年` },
            { key: 'createdBy', label: '编制', children: plan.createdBy },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          对应的主要目标（{plan.goals.length}项）
        </Typography.Title>
        <List
          size="small"
          className="plan-goals"
          dataSource={plan.goals}
          renderItem={(g) => (
            <List.Item>
              <Space align="start">
                <Tag color={g.role === 'lead' ? 'red' : 'blue'}>{g.role === 'lead' ? '牵头' : g.role === 'responsible' ? '参与' : '未列'}</Tag>
                <span>
                  {g.plan === 'women' ? '妇女' : '儿童'}规划 领域{g.domain} 目标{g.goal}：{g.text}
                </span>
              </Space>
            </List.Item>
          )}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          方案内容
        </Typography.Title>
        {plan.content ? (
          <Typography.Paragraph className="plan-content" style={{ whiteSpace: 'pre-wrap' }}>
            {plan.content}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">（未填写）</Typography.Text>
        )}
      </Card>
      <FilingCard
        record={plan}
        fileHint="报送妇儿工委办公室后不能再修改，需退回后才能修改。"
        onFile={async (filedAt) => setPlan(await plansApi.fileImplementationPlan(plan.id, filedAt))}
        onReview={async (decision, note) => setPlan(await plansApi.reviewImplementationPlan(plan.id, decision, note))}
      />
      <ImplementationPlanModal
        open={editing}
        title="修改实施方案"
        okText="保存"
        departmentId={plan.department.id}
        initialValues={{
          title: plan.title,
          periodStart: plan.period.start,
          periodEnd: plan.period.end,
          documentNo: plan.documentNo ?? '',
          content: plan.content,
          goals: goalKeys(plan.goals),
        }}
        onCancel={() => setEditing(false)}
        onSubmit={async (values) => {
          const { department: _department, ...changes } = toInput(values);
          void _department;
          setPlan(await plansApi.updateImplementationPlan(plan.id, changes));
          setEditing(false);
          void message.success('已保存');
        }}
      />
    </>
  );
}

/** One implementation plan: the goals it answers, its content, filing and the office's review. */
export default function ImplementationPlanPage() {
  const id = Number(useParams().id);
  const state = useApi((signal) => plansApi.implementationPlan(id, signal), [id]);
  return (
    <AsyncView
      state={state}
      what="正在加载实施方案…"
      header={<PageHeader crumbs={[{ title: '目标责任' }, { title: '实施方案', to: '/responsibility/implementation-plans' }, { title: `方案 ${id}` }]} title="实施方案" />}
    >
      {(plan) => <PlanBody initial={plan} />}
    </AsyncView>
  );
}
