import { Card, Descriptions, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { IndicatorDetail } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel, ordLabel } from '../../shared/format.ts';
import { aggregationLabel, labelOf, planKindLabel } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { TargetTable } from '../../shared/TargetTable.tsx';
import { DisaggregationTags, PolarityTag } from './IndicatorLabels.tsx';
import { domainTitle, loadPlanDomains } from './domain-titles.ts';
import type { PlanDomains } from './domain-titles.ts';

type IndicatorTarget = IndicatorDetail['targets'][number];

function sourceColumn(planDomains: PlanDomains[]): TableColumnsType<IndicatorTarget> {
  return [
    {
      title: '出处',
      key: 'source',
      width: 220,
      render: (_: unknown, t) => {
        const s = t.source;
        const what = s.type === 'goal' ? '主要目标' : '策略措施';
        const title = domainTitle(planDomains, s.plan.kind, s.domainOrd);
        return (
          <Link to={`/${s.type === 'goal' ? 'goals' : 'measures'}/${s.id}`}>
            {labelOf(planKindLabel, s.plan.kind).replace('发展规划', '')}规划 ·{' '}
            {title ? domainLabel({ ord: s.domainOrd, title }) : `领域${s.domainOrd}`} · {what}
            {ordLabel(s.ord)}
          </Link>
        );
      },
    },
  ];
}

function IndicatorView({ indicator, planDomains }: { indicator: IndicatorDetail; planDomains: PlanDomains[] }) {
  const title = domainTitle(planDomains, indicator.planKind, indicator.domainOrd);
  const plan = planDomains.find((p) => p.plan.kind === indicator.planKind)?.plan;
  const domainText = title ? domainLabel({ ord: indicator.domainOrd, title }) : `领域 ${indicator.domainOrd}`;
  return (
    <>
      <PageHeader
        crumbs={[{ title: '指标目录', to: '/indicators' }, { title: `${indicator.code} ${indicator.name}` }]}
        title={indicator.name}
        subTitle={`指标代码 ${indicator.code}`}
      />
      <div className="section-gap">
        <Card title="指标属性">
          <Descriptions
            bordered
            size="middle"
            column={2}
            items={[
              { key: 'code', label: '指标代码', children: indicator.code },
              { key: 'unit', label: '计量单位', children: indicator.unit },
              { key: 'polarity', label: '指标属性', children: <PolarityTag polarity={indicator.polarity} /> },
              { key: 'aggregation', label: '汇总方式', children: labelOf(aggregationLabel, indicator.aggregation) },
              {
                key: 'disaggregations',
                label: '分组统计',
                children: <DisaggregationTags values={indicator.disaggregations} />,
              },
              {
                key: 'department',
                label: '报送单位',
                children: indicator.department ? (
                  <Link to={`/departments/${indicator.department.id}`}>{indicator.department.name}</Link>
                ) : (
                  '—'
                ),
              },
              {
                key: 'plan',
                label: '所属规划',
                children: plan ? (
                  <Link to={`/plans/${encodeURIComponent(plan.code)}`}>{plan.title}</Link>
                ) : (
                  labelOf(planKindLabel, indicator.planKind)
                ),
              },
              {
                key: 'domain',
                label: '发展领域',
                children: plan ? (
                  <Link to={`/plans/${encodeURIComponent(plan.code)}?domain=${indicator.domainOrd}`}>{domainText}</Link>
                ) : (
                  domainText
                ),
              },
              {
                key: 'aliases',
                label: '文中表述',
                span: 'filled',
                children: indicator.aliases.length ? indicator.aliases.join('；') : '—',
              },
              {
                key: 'definition',
                label: '指标解释',
                span: 'filled',
                children: indicator.definition ? (
                  <Typography.Paragraph style={{ margin: 0 }}>{indicator.definition}</Typography.Paragraph>
                ) : (
                  '—'
                ),
              },
            ]}
          />
        </Card>
        <Card title={`规划目标（${indicator.targets.length}）`} className="targets-card">
          <TargetTable targets={indicator.targets} extraColumns={sourceColumn(planDomains)} />
        </Card>
      </div>
    </>
  );
}

export default function IndicatorPage() {
  const { code = '' } = useParams();
  const state = useApi((signal) => Promise.all([api.indicator(code, signal), loadPlanDomains(signal)]), [code]);
  return (
    <AsyncView
      state={state}
      what="正在加载指标…"
      header={<PageHeader crumbs={[{ title: '指标目录', to: '/indicators' }, { title: code }]} title={code} />}
    >
      {([indicator, planDomains]) => <IndicatorView indicator={indicator} planDomains={planDomains} />}
    </AsyncView>
  );
}
