import { Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api/endpoints.ts';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { AchievementRow, MidtermEvaluation } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { EChart } from './charts/EChart.tsx';
import { achievementOption } from './charts/status-chart.options.ts';
import { EvaluationFilters } from './EvaluationFilters.tsx';
import { STATUS_HEX, evaluationStatusLabels, statusCategoryLabels } from './evaluation-labels.tsx';
import { CITY, useEvaluationParams } from './use-evaluation-params.ts';

const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

const columns = (first: string): TableColumnsType<AchievementRow> => [
  { title: first, dataIndex: 'label' },
  ...(['achieved', 'on_track', 'at_risk', 'off_track'] as const).map((s) => ({
    title: evaluationStatusLabels[s],
    key: s,
    width: 96,
    align: 'center' as const,
    render: (_: unknown, r: AchievementRow) => <span style={{ color: r.counts[s] ? STATUS_HEX[s] : undefined }}>{r.counts[s]}</span>,
  })),
  { title: '无法评估', key: 'na', width: 90, align: 'center', render: (_: unknown, r) => r.counts.insufficient_data + r.counts.no_target },
  { title: statusCategoryLabels.not_assessed, key: 'not_assessed', width: 90, align: 'center', render: (_: unknown, r) => r.counts.not_assessed },
  { title: '达标率', key: 'achievedRate', width: 90, align: 'right', render: (_: unknown, r) => <b>{rate(r.achievedRate)}</b>, sorter: (a, b) => (a.achievedRate ?? -1) - (b.achievedRate ?? -1) },
  { title: '预计达标率', key: 'expectedRate', width: 110, align: 'right', render: (_: unknown, r) => rate(r.expectedRate), sorter: (a, b) => (a.expectedRate ?? -1) - (b.expectedRate ?? -1) },
];

function MidtermView({ m }: { m: MidtermEvaluation }) {
  if (m.plans.length === 0) return <Card><Empty description="没有可评估的目标" /></Card>;
  return (
    <div className="section-gap">
      <Row gutter={[12, 12]}>
        {m.plans.map((p) => (
          <Col key={p.planCode} xs={24} md={12}>
            <Card size="small" className="midterm-plan" data-plan={p.planKind} title={p.title}>
              <Space size={32} wrap>
                <Statistic title="达标率" value={rate(p.overall.achievedRate)} styles={{ content: { color: STATUS_HEX.achieved } }} />
                <Statistic title="预计达标率" value={rate(p.overall.expectedRate)} styles={{ content: { color: STATUS_HEX.on_track } }} />
                <Statistic title="参评目标" value={p.overall.assessed} suffix={`/ ${p.overall.counts.total}`} />
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {m.plans.map((p) => (
        <Card key={p.planCode} title={`${p.title}：各领域达标情况`} size="small">
          <EChart option={achievementOption(p.domains)} height={Math.max(220, 48 + p.domains.length * 44)} label={`${p.title}各领域达标率`} />
          <Table<AchievementRow> className="midterm-domains" rowKey="key" size="small" pagination={false} columns={columns('领域')} dataSource={p.domains} />
        </Card>
      ))}
      <Card title="各牵头部门达标情况" size="small">
        <Table<AchievementRow> className="midterm-departments" rowKey="key" size="small" pagination={false} columns={columns('牵头部门')} dataSource={m.departments} />
      </Card>
      <Typography.Paragraph type="secondary">
        达标率 = 已达标目标数 ÷ 参评目标数；预计达标率 = （已达标 + 预计可达标）÷ 参评目标数；参评目标不含数据不足和无量化目标的目标（与国家纲要监测报告口径一致），也不含在区县不作评估的目标（区县规划标注不适用的目标、全市总量目标）；区县的统计含其规划新增的目标。计算时间 {m.computedAt.slice(0, 16).replace('T', ' ')}。
      </Typography.Paragraph>
    </div>
  );
}

/** 中期 / 终期评估: achievement rates per plan, domain and lead department (2023 mid-term, 2025 final). */
export default function MidtermPage() {
  const { ready, year, askedYear, years, region, plan, set } = useEvaluationParams();
  const shown = askedYear ?? (year >= 2025 ? 2025 : year >= 2023 ? 2023 : year);
  const state = useApi((signal) => (ready ? evaluationApi.midterm({ year: shown, region, plan }, signal) : new Promise<MidtermEvaluation>(() => {})), [ready, shown, region, plan]);
  const counties = useApi((signal) => api.regions({ parent: CITY }, signal), []);
  const regions = [{ code: CITY, name: '淄博市' }, ...(counties.data ?? []).map((r) => ({ code: r.code, name: r.name }))];
  return (
    <>
      <PageHeader
        crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: '中期/终期评估' }]}
        title={state.data ? `${state.data.regionName}${shown}年${state.data.stageLabel}` : '中期/终期评估'}
        subTitle="2023年中期评估、2025年终期评估：按规划、领域和牵头部门统计目标达标率"
        extra={
          <Space wrap>
            <Segmented<number>
              value={shown === 2023 || shown === 2025 ? shown : 0}
              onChange={(v) => v && set({ year: String(v) })}
              options={[
                { value: 2023, label: '中期（2023）' },
                { value: 2025, label: '终期（2025）' },
                ...(shown !== 2023 && shown !== 2025 ? [{ value: 0, label: `${shown}年` }] : []),
              ]}
            />
            <EvaluationFilters year={shown} years={years} onYear={(y) => set({ year: String(y) })} regions={regions} region={region} onRegion={(c) => set({ region: c === CITY ? null : c })} plan={plan} onPlan={(p) => set({ plan: p ?? null })} />
          </Space>
        }
      />
      <AsyncView state={state} what="正在计算达标率…">
        {(m) => <MidtermView m={m} />}
      </AsyncView>
    </>
  );
}
