import { Badge, Card, Empty, Flex, Tabs, Tag, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { cachedPlanTree } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { DomainTree, PlanTree } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel } from '../../shared/format.ts';
import { labelOf, planKindLabel } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { GoalItem, MeasureItem } from './PlanItems.tsx';

function DomainPanel({ domain }: { domain: DomainTree }) {
  return (
    <div className="section-gap domain-panel" data-domain={domain.ord}>
      <Card
        title={
          <Flex gap={8} align="center">
            <span>1. 主要目标</span>
            <Badge count={domain.goals.length} color="#1f4e9c" showZero />
          </Flex>
        }
        className="goals-card"
      >
        {domain.goals.length === 0 ? (
          <Empty description="本领域没有主要目标" />
        ) : (
          domain.goals.map((goal) => <GoalItem key={goal.id} goal={goal} />)
        )}
      </Card>
      <Card
        title={
          <Flex gap={8} align="center">
            <span>2. 策略措施</span>
            <Badge count={domain.measures.length} color="#8c8c8c" showZero />
          </Flex>
        }
        className="measures-card"
      >
        {domain.measures.length === 0 ? (
          <Empty description="本领域没有策略措施" />
        ) : (
          domain.measures.map((measure) => <MeasureItem key={measure.id} measure={measure} />)
        )}
      </Card>
    </div>
  );
}

function PlanView({ plan }: { plan: PlanTree }) {
  const [params, setParams] = useSearchParams();
  const first = plan.domains[0];
  const requested = Number(params.get('domain'));
  const active = plan.domains.some((d) => d.ord === requested) ? requested : (first?.ord ?? 1);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '规划浏览', to: '/plans' }, { title: plan.title }]}
        title={plan.title}
        subTitle={
          <Flex gap={8} wrap component="span">
            <Tag color={plan.kind === 'women' ? 'magenta' : 'green'}>{labelOf(planKindLabel, plan.kind)}</Tag>
            <span>
              规划期 {plan.period.start}—{plan.period.end} 年 · {plan.domainCount} 个发展领域 · {plan.goalCount} 项主要目标 ·{' '}
              {plan.measureCount} 条策略措施 · {plan.targetCount} 个量化目标
            </span>
          </Flex>
        }
      />
      {plan.domains.length === 0 ? (
        <Card>
          <Empty description="该规划没有发展领域" />
        </Card>
      ) : (
        <Card className="domain-tabs-card" styles={{ body: { paddingLeft: 0 } }}>
          <Tabs
            className="domain-tabs"
            tabPlacement="start"
            activeKey={String(active)}
            onChange={(key) => setParams({ domain: key }, { replace: true })}
            items={plan.domains.map((domain) => ({
              key: String(domain.ord),
              label: (
                <span
                  className="domain-tab-label"
                  title={`主要目标 ${domain.goals.length} 项，策略措施 ${domain.measures.length} 条`}
                >
                  {domainLabel(domain)}
                  <Typography.Text type="secondary" className="domain-tab-count">
                    {' '}
                    {domain.goals.length}/{domain.measures.length}
                  </Typography.Text>
                </span>
              ),
              children: <DomainPanel domain={domain} />,
            }))}
          />
        </Card>
      )}
    </>
  );
}

export default function PlanPage() {
  const { code = '' } = useParams();
  const state = useApi(() => cachedPlanTree(code), [code]);
  return (
    <AsyncView
      state={state}
      what="正在加载规划全文…"
      header={<PageHeader crumbs={[{ title: '规划浏览', to: '/plans' }, { title: code }]} title="规划" />}
    >
      {(plan) => <PlanView plan={plan} />}
    </AsyncView>
  );
}
