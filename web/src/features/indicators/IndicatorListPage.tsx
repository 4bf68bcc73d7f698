import { useMemo } from 'react';
import { Card, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { IndicatorSummary, PlanKind } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel } from '../../shared/format.ts';
import { aggregationLabel, labelOf, planKindLabel } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { DisaggregationTags, PolarityTag } from './IndicatorLabels.tsx';
import { domainTitle, loadPlanDomains } from './domain-titles.ts';
import type { PlanDomains } from './domain-titles.ts';

function columns(planDomains: PlanDomains[]): TableColumnsType<IndicatorSummary> {
  return [
    {
      title: '指标代码',
      dataIndex: 'code',
      width: 100,
      fixed: 'left',
      sorter: (a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }),
      render: (code: string) => <Link to={`/indicators/${encodeURIComponent(code)}`}>{code}</Link>,
    },
    { title: '指标名称', dataIndex: 'name' },
    { title: '计量单位', dataIndex: 'unit', width: 90 },
    {
      title: '指标属性',
      dataIndex: 'polarity',
      width: 90,
      render: (p: IndicatorSummary['polarity']) => <PolarityTag polarity={p} />,
    },
    {
      title: '汇总方式',
      dataIndex: 'aggregation',
      width: 120,
      render: (a: string) => labelOf(aggregationLabel, a),
    },
    {
      title: '分组统计',
      dataIndex: 'disaggregations',
      width: 140,
      render: (d: IndicatorSummary['disaggregations']) => <DisaggregationTags values={d} />,
    },
    {
      title: '报送单位',
      dataIndex: 'department',
      width: 140,
      render: (d: IndicatorSummary['department']) =>
        d ? <Link to={`/departments/${d.id}`}>{d.name}</Link> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '规划 / 领域',
      key: 'domain',
      width: 180,
      render: (_: unknown, i) => {
        const title = domainTitle(planDomains, i.planKind, i.domainOrd);
        return (
          <span>
            {labelOf(planKindLabel, i.planKind).replace('发展规划', '')} ·{' '}
            {title ? domainLabel({ ord: i.domainOrd, title }) : `领域 ${i.domainOrd}`}
          </span>
        );
      },
    },
  ];
}

function IndicatorCatalogue({ indicators, planDomains }: { indicators: IndicatorSummary[]; planDomains: PlanDomains[] }) {
  const [params, setParams] = useSearchParams();
  const plan = (params.get('plan') ?? '') as PlanKind | '';
  const domain = Number(params.get('domain')) || 0;
  const q = params.get('q') ?? '';

  const update = (next: Partial<{ plan: string; domain: number; q: string }>) => {
    const merged = { plan: plan as string, domain, q, ...next };
    const clean: Record<string, string> = {};
    if (merged.plan) clean.plan = merged.plan;
    if (merged.domain) clean.domain = String(merged.domain);
    if (merged.q) clean.q = merged.q;
    setParams(clean, { replace: true });
  };

  const shown = useMemo(
    () =>
      indicators.filter(
        (i) =>
          (!plan || i.planKind === plan) &&
          (!domain || i.domainOrd === domain) &&
          (!q.trim() || i.name.includes(q.trim()) || i.code.toLowerCase().includes(q.trim().toLowerCase())),
      ),
    [indicators, plan, domain, q],
  );
  const domainOptions = plan ? (planDomains.find((p) => p.plan.kind === plan)?.domains ?? []) : [];
  const cols = useMemo(() => columns(planDomains), [planDomains]);

  return (
    <Card
      title={
        <Flex wrap gap={8} align="center" className="indicator-filters">
          <Select<PlanKind | ''>
            aria-label="按规划筛选"
            className="filter-plan"
            style={{ width: 170 }}
            value={plan}
            onChange={(value) => update({ plan: value, domain: 0 })}
            options={[
              { value: '', label: '全部规划' },
              ...planDomains.map((p) => ({ value: p.plan.kind, label: labelOf(planKindLabel, p.plan.kind) })),
            ]}
          />
          <Select<number>
            aria-label="按领域筛选"
            className="filter-domain"
            style={{ width: 230 }}
            disabled={!plan}
            value={domain}
            onChange={(value) => update({ domain: value })}
            options={[
              { value: 0, label: plan ? '全部领域' : '请先选择规划' },
              ...domainOptions.map((d) => ({ value: d.ord, label: domainLabel(d) })),
            ]}
          />
          <Input.Search
            aria-label="按指标名称或代码筛选"
            placeholder="指标名称或代码"
            allowClear
            style={{ width: 220 }}
            value={q}
            onChange={(e) => update({ q: e.target.value })}
          />
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" className="indicator-count">
          共 {indicators.length} 个指标{shown.length !== indicators.length ? `，筛选出 ${shown.length} 个` : ''}
        </Typography.Text>
      }
    >
      <Table<IndicatorSummary>
        className="indicator-table"
        rowKey="code"
        size="small"
        columns={cols}
        dataSource={shown}
        scroll={{ x: 1130 }}
        pagination={false}
        expandable={{
          expandedRowRender: (i) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              <Typography.Text type="secondary">指标解释：</Typography.Text>
              {i.definition || '—'}
            </Typography.Paragraph>
          ),
          rowExpandable: (i) => Boolean(i.definition),
        }}
        locale={{ emptyText: '没有符合条件的指标' }}
      />
    </Card>
  );
}

export default function IndicatorListPage() {
  const state = useApi((signal) => Promise.all([api.indicators(signal), loadPlanDomains(signal)]), []);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '指标目录' }]}
        title="监测指标目录"
        subTitle="由两部规划的量化目标整理而成：指标代码、计量单位、指标属性、区县向市汇总方式、分组统计要求和报送单位"
      />
      <AsyncView state={state} what="正在加载指标目录…">
        {([indicators, planDomains]) => <IndicatorCatalogue indicators={indicators} planDomains={planDomains} />}
      </AsyncView>
    </>
  );
}
