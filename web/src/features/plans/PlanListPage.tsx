import { Button, Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { labelOf, planKindLabel } from '../../shared/labels.ts';
import type { PlanSummary } from '../../api/types.ts';

function PlanCard({ plan }: { plan: PlanSummary }) {
  const to = `/plans/${encodeURIComponent(plan.code)}`;
  return (
    <Card
      className="plan-card"
      data-plan={plan.code}
      title={
        <Flex align="center" gap={8} wrap>
          <Tag color={plan.kind === 'women' ? 'magenta' : 'green'}>{labelOf(planKindLabel, plan.kind)}</Tag>
          <Link to={to}>
            <Typography.Title level={4}>{plan.title}</Typography.Title>
          </Link>
        </Flex>
      }
      extra={<Typography.Text type="secondary">规划期 {plan.period.start}—{plan.period.end} 年</Typography.Text>}
      actions={[
        <Link key="open" to={to}>
          <Button type="link">浏览领域、目标和措施</Button>
        </Link>,
      ]}
    >
      <Row gutter={16} className="plan-stat-grid">
        <Col span={6}>
          <Statistic title="发展领域" value={plan.domainCount} suffix="个" />
        </Col>
        <Col span={6}>
          <Statistic title="主要目标" value={plan.goalCount} suffix="项" />
        </Col>
        <Col span={6}>
          <Statistic title="策略措施" value={plan.measureCount} suffix="条" />
        </Col>
        <Col span={6}>
          <Statistic title="量化目标" value={plan.targetCount} suffix="个" />
        </Col>
      </Row>
    </Card>
  );
}

export default function PlanListPage() {
  const state = useApi((signal) => api.plans(signal), []);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '规划浏览' }]}
        title="规划浏览"
        subTitle="淄博市“十四五”妇女发展规划和儿童发展规划：发展领域、主要目标、策略措施及量化目标"
      />
      <AsyncView state={state} what="正在加载规划…">
        {(plans) =>
          plans.length === 0 ? (
            <Card>
              <Typography.Text type="secondary">尚未导入任何规划。请运行 fuer plan import 导入规划文本。</Typography.Text>
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {plans.map((plan) => (
                <Col key={plan.code} xs={24} xl={12}>
                  <PlanCard plan={plan} />
                </Col>
              ))}
            </Row>
          )
        }
      </AsyncView>
    </>
  );
}
