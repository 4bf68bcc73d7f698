import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { Dashboard, DashboardRegion, EvaluationRecord, PlanKind, StatusCategory, StatusCounts } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { domainLabel, formatValue } from '../../shared/format.ts';
import { EChart } from './charts/EChart.tsx';
import { domainStatusOption } from './charts/status-chart.options.ts';
import { EvaluationFilters } from './EvaluationFilters.tsx';
import { EvaluationStatusTag, STATUS_HEX, TargetBasisTag, WarningLevelTag, WarningStatusTag, categoryOf, evaluationStatusLabels, statusCategoryLabels } from './evaluation-labels.tsx';
import { CITY, useEvaluationParams } from './use-evaluation-params.ts';

const NOT_ASSESSABLE: StatusCategory[] = ['insufficient_data', 'no_target'];

/** The filter of the records table: one status, 无法评估 (insufficient_data + no_target), or 不作评估. */
const matches = (r: EvaluationRecord, picked: StatusCategory | null) => {
  const category = categoryOf(r);
  return picked === null || category === picked || (picked === 'insufficient_data' && NOT_ASSESSABLE.includes(category));
};

const pickedTitle = (s: StatusCategory) => (s === 'insufficient_data' ? '无法评估' : statusCategoryLabels[s]);

const CARD_TIPS: Partial<Record<StatusCategory, string>> = {
  insufficient_data: '数据不足或无量化目标（方向性目标）',
  not_assessed: '区县规划标注不适用的目标，以及在区县不评估的全市总量目标；不计入无法评估',
};

/**
 * The numbers of the brief: achieved, on track, at risk, off track, not assessable (数据不足 + 无量化目标), and
 * apart from them 不作评估 (targets that do not apply to the region); the total is their sum.
 */
function StatusCards({ counts, active, onPick }: { counts: StatusCounts; active: StatusCategory | null; onPick: (s: StatusCategory | null) => void }) {
  const cards: { key: StatusCategory; title: string; value: number; color: string }[] = [
    ...(['achieved', 'on_track', 'at_risk', 'off_track'] as const).map((s) => ({ key: s, title: evaluationStatusLabels[s], value: counts[s], color: STATUS_HEX[s] })),
    { key: 'insufficient_data', title: '无法评估', value: counts.insufficient_data + counts.no_target, color: STATUS_HEX.insufficient_data },
    { key: 'not_assessed', title: statusCategoryLabels.not_assessed, value: counts.not_assessed, color: STATUS_HEX.not_assessed },
  ];
  return (
    <Row gutter={[12, 12]} className="status-cards">
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={6} xxl={3}>
          <Card
            size="small"
            hoverable
            className={`status-card${active === c.key ? ' status-card-active' : ''}`}
            data-status={c.key}
            style={{ borderTop: `3px solid ${c.color}` }}
            onClick={() => onPick(active === c.key ? null : c.key)}
          >
            <Statistic
              title={CARD_TIPS[c.key] ? <span title={CARD_TIPS[c.key]}>{c.title}</span> : c.title}
              value={c.value}
              styles={{ content: { color: c.color } }}
              className="status-count"
            />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={6} xxl={3}>
        <Card size="small" className="status-card" data-status="total" style={{ borderTop: '3px solid #1f4e9c' }}>
          <Statistic title="目标总数" value={counts.total} className="status-count" />
        </Card>
      </Col>
    </Row>
  );
}

function regionColumns(onPick: (code: string) => void, selected: string): TableColumnsType<DashboardRegion> {
  return [
    {
      title: '地区',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Typography.Link onClick={() => onPick(r.code)} strong={r.code === selected}>
          {name}
          {r.functional && <Tag style={{ marginInlineStart: 6 }}>功能区</Tag>}
        </Typography.Link>
      ),
    },
    ...(['achieved', 'on_track', 'at_risk', 'off_track'] as const).map((s) => ({
      title: evaluationStatusLabels[s],
      key: s,
      width: 100,
      align: 'center' as const,
      sorter: (a: DashboardRegion, b: DashboardRegion) => a.counts[s] - b.counts[s],
      render: (_: unknown, r: DashboardRegion) => <span style={{ color: r.counts[s] ? STATUS_HEX[s] : undefined }}>{r.counts[s]}</span>,
    })),
    {
      title: '无法评估',
      key: 'na',
      width: 90,
      align: 'center',
      render: (_: unknown, r) => r.counts.insufficient_data + r.counts.no_target,
    },
    {
      title: <span title={CARD_TIPS.not_assessed}>{statusCategoryLabels.not_assessed}</span>,
      key: 'not_assessed',
      width: 90,
      align: 'center',
      render: (_: unknown, r) => <Typography.Text type="secondary">{r.counts.not_assessed}</Typography.Text>,
    },
    {
      title: '在办预警',
      key: 'warnings',
      width: 130,
      render: (_: unknown, r) =>
        r.openWarnings.total === 0 ? (
          '—'
        ) : (
          <Space size={4}>
            {r.openWarnings.red > 0 && <Tag color="red">红 {r.openWarnings.red}</Tag>}
            {r.openWarnings.yellow > 0 && <Tag color="gold">黄 {r.openWarnings.yellow}</Tag>}
          </Space>
        ),
    },
  ];
}

function RecordsTable({ year, region, plan, status }: { year: number; region: string; plan?: PlanKind; status: StatusCategory | null }) {
  const state = useApi((signal) => evaluationApi.evaluation({ year, region, plan }, signal), [year, region, plan]);
  const columns: TableColumnsType<EvaluationRecord> = [
    {
      title: '指标',
      key: 'indicator',
      width: 220,
      render: (_: unknown, r) =>
        r.indicatorCode === '' ? (
          // A county's added target no indicator of the catalogue fits: no indicator page.
          <span className="record-unlinked">
            {r.indicatorName} <Typography.Text type="secondary">（未关联监测指标）</Typography.Text>
          </span>
        ) : (
          <Link to={`/evaluation/indicators/${encodeURIComponent(r.indicatorCode)}?year=${year}&region=${region}`} className="record-link">
            {r.indicatorCode} {r.indicatorName}
          </Link>
        ),
    },
    {
      title: '目标',
      dataIndex: 'targetText',
      width: 240,
      render: (t: string, r) => (
        <Space size={2} wrap>
          <TargetBasisTag basis={r.targetBasis} />
          <Typography.Text type="secondary">{t}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_: unknown, r) => (
        <Space size={2}>
          <EvaluationStatusTag status={r.status} notAssessed={r.notAssessed} />
          {r.volatile && <Tag color="purple">波动较大</Tag>}
        </Space>
      ),
    },
    {
      title: '最新值',
      key: 'latest',
      width: 120,
      render: (_: unknown, r) => (r.latestValue === null ? '—' : `${formatValue(Number(r.latestValue.toFixed(2)), r.unit)}（${r.latestYear}）`),
    },
    { title: '说明', dataIndex: 'reason', render: (t: string) => <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>{t}</Typography.Paragraph> },
  ];
  return (
    <AsyncView state={state} what="正在评估…">
      {(evaluation) => {
        const rows = evaluation.results.filter((r) => r.regionCode === region && matches(r, status));
        return (
          <Table<EvaluationRecord>
            className="records-table"
            rowKey={(r) => `${r.indicatorCode}|${r.targetBasis}|${r.targetId ?? ''}|${r.countyTargetId ?? ''}`}
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: '没有符合条件的目标' }}
          />
        );
      }}
    </AsyncView>
  );
}

function DashboardView({ dashboard, region, plan, onRegion }: { dashboard: Dashboard; region: string; plan?: PlanKind; onRegion: (code: string) => void }) {
  const [status, setStatus] = useState<StatusCategory | null>(null);
  const selected = dashboard.regions.find((r) => r.code === region) ?? dashboard.regions[0];
  const cols = useMemo(() => regionColumns(onRegion, selected?.code ?? CITY), [onRegion, selected?.code]);
  if (!selected) return <Card><Empty description="没有可评估的地区" /></Card>;
  const warnings = dashboard.openWarnings.items.filter((w) => region === CITY || w.regionCode === region);
  return (
    <div className="section-gap">
      <Typography.Title level={4} className="dashboard-region-title">
        {selected.name} · {dashboard.year}年 · 共{selected.counts.total}个目标
      </Typography.Title>
      <StatusCards counts={selected.counts} active={status} onPick={setStatus} />
      <Row gutter={[16, 16]}>
        {selected.plans.map((p) => (
          <Col key={p.planCode} xs={24} xl={selected.plans.length > 1 ? 12 : 24}>
            <Card title={p.title} size="small" className="plan-status-card" data-plan={p.planKind}>
              <EChart option={domainStatusOption(p, domainLabel)} height={Math.max(240, 80 + p.domains.length * 34)} label={`${p.title}各领域目标状态`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title="市、区县比较" size="small">
            <Table<DashboardRegion>
              className="region-compare-table"
              rowKey="code"
              size="small"
              columns={cols}
              dataSource={dashboard.regions}
              pagination={false}
              rowClassName={(r) => (r.code === selected.code ? 'ant-table-row-selected' : '')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            title={`在办预警（${region === CITY ? dashboard.openWarnings.total : warnings.length}）`}
            size="small"
            className="open-warnings-card"
            extra={<Link to="/evaluation/warnings">全部预警</Link>}
          >
            {warnings.length === 0 ? (
              <Empty description="没有在办预警" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={warnings.slice(0, 12)}
                renderItem={(w) => (
                  <List.Item className="open-warning" data-id={w.id}>
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Space size={4} wrap>
                        <WarningLevelTag level={w.level} label={w.levelLabel} />
                        <Link to={`/evaluation/warnings/${w.id}`}>
                          {w.indicatorName}（{w.regionName}）
                        </Link>
                      </Space>
                      <Space size={4} wrap>
                        <Typography.Text type="secondary">{w.kindLabel}</Typography.Text>
                        <WarningStatusTag status={w.status} label={w.statusLabel} />
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={`目标评估明细${status ? `：${pickedTitle(status)}` : ''}`}
        size="small"
        extra={status && <Typography.Link onClick={() => setStatus(null)}>显示全部</Typography.Link>}
      >
        <RecordsTable year={dashboard.year} region={selected.code} plan={plan} status={status} />
      </Card>
    </div>
  );
}

/** 评估总览: per plan and domain, how many targets stand where, for the city and each county; open warnings. */
export default function DashboardPage() {
  const { ready, year, years, region, plan, set } = useEvaluationParams();
  const state = useApi((signal) => (ready ? evaluationApi.dashboard({ year, plan }, signal) : new Promise<Dashboard>(() => {})), [ready, year, plan]);
  const regions = state.data?.regions.map((r) => ({ code: r.code, name: r.name })) ?? [{ code: CITY, name: '淄博市' }];
  return (
    <>
      <PageHeader
        crumbs={[{ title: '评估预警' }, { title: '评估总览' }]}
        title="目标评估总览"
        subTitle="按规划和领域统计各目标的达标状态（由已审核通过的数据实时计算），比较全市与各区县，列出在办预警"
        extra={
          <EvaluationFilters
            year={year}
            years={years}
            onYear={(y) => set({ year: String(y) })}
            regions={regions}
            region={region}
            onRegion={(code) => set({ region: code === CITY ? null : code })}
            plan={plan}
            onPlan={(p) => set({ plan: p ?? null })}
          />
        }
      />
      <AsyncView state={state} what="正在计算各目标的评估结果…">
        {(dashboard) => (
          <>
            {dashboard.regions.every((r) => r.counts.total === r.counts.insufficient_data + r.counts.no_target + r.counts.not_assessed) && (
              <Alert type="info" showIcon className="section-gap-bottom" title={`${dashboard.year}年及以前尚无已审核通过的数据，各目标暂为“数据不足”`} />
            )}
            <DashboardView dashboard={dashboard} region={region} plan={plan} onRegion={(code) => set({ region: code === CITY ? null : code })} />
          </>
        )}
      </AsyncView>
    </>
  );
}
