import { useMemo } from 'react';
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { IndicatorEvaluationView, TargetEvaluationView } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { targetCondition } from '../../shared/format.ts';
import { labelOf, targetKindLabel } from '../../shared/labels.ts';
import { breakdownChartOption } from './charts/breakdown-chart.options.ts';
import { EChart } from './charts/EChart.tsx';
import { seriesChartOption, seriesInputOf } from './charts/series-chart.options.ts';
import { CountyComparisonCard } from './CountyComparisonCard.tsx';
import { EvaluationFilters } from './EvaluationFilters.tsx';
import { METHOD_LABELS, progressText, rateText, valueText } from './evaluation-format.ts';
import { EvaluationStatusTag, TargetBasisTag, WarningLevelTag, WarningStatusTag } from './evaluation-labels.tsx';
import { CITY, useEvaluationParams } from './use-evaluation-params.ts';

const targetLabel = (t: TargetEvaluationView) =>
  `${t.basis === 'county_added' ? '区县新增目标' : t.basis === 'county' ? '区县目标' : '目标'} ${targetCondition(t.target)}（${t.result.targetYear}年）`;

function TargetWorking({ t, unit }: { t: TargetEvaluationView; unit: string }) {
  const r = t.result;
  return (
    <div className="target-eval" data-target={t.target.id} data-basis={t.basis}>
      <Space wrap size={6}>
        <EvaluationStatusTag status={r.status} notAssessed={r.notAssessed} />
        {r.volatile && <Tag color="purple">波动较大</Tag>}
        <TargetBasisTag basis={t.basis} />
        <Tag>{labelOf(targetKindLabel, t.target.kind)}</Tag>
        <Typography.Text strong>{t.target.text}</Typography.Text>
        {t.basis === 'county' && t.cityTarget !== null && t.cityTarget.text !== t.target.text && (
          <Typography.Text type="secondary">（市级目标：{t.cityTarget.text}）</Typography.Text>
        )}
      </Space>
      <Typography.Paragraph className="reason-text" data-status={r.status}>
        {r.reason}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'latest', label: '最新值', children: r.latest ? `${valueText(r.latest.value, unit)}（${r.latest.year}年${r.stale ? '，非评估年' : ''}）` : '—' },
          { key: 'target', label: '目标值', children: r.band ? `${valueText(r.band.lower, unit)}—${valueText(r.band.upper, unit)}` : valueText(r.targetValue, unit) },
          { key: 'projected', label: `推算${r.targetYear}年`, children: valueText(r.projected, unit) },
          { key: 'window', label: '依据', children: r.window ? `${r.window.fromYear}—${r.window.toYear}年 ${r.window.points}个数据点` : '—' },
          { key: 'required', label: '需要的年均变化', children: rateText(r.requiredRate, r, unit) },
          { key: 'actual', label: '实际年均变化', children: rateText(r.actualRate, r, unit) },
          { key: 'progress', label: '进度比', children: progressText(r.progressRatio) },
          { key: 'method', label: '方法', children: METHOD_LABELS[r.method] },
        ]}
      />
    </div>
  );
}

function IndicatorView({ view, years, onYear, onRegion }: { view: IndicatorEvaluationView; years: number[]; onYear: (y: number) => void; onRegion: (code: string) => void }) {
  const unit = view.indicator.unit;
  const seriesOption = useMemo(() => seriesChartOption(seriesInputOf(view, targetLabel)), [view]);
  const cityValue = view.region.code === CITY ? (view.series.find((p) => p.year === view.year)?.value ?? null) : null;
  const breakdownOption = useMemo(() => breakdownChartOption({ unit, cells: view.breakdown }), [view, unit]);
  const regions = [{ code: CITY, name: '淄博市' }, ...view.counties.map((c) => ({ code: c.code, name: c.name }))];
  const allYears = [...new Set([...view.years, ...years])].sort((a, b) => b - a);

  return (
    <>
      <PageHeader
        crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: `${view.indicator.code} ${view.indicator.name}` }]}
        title={
          <Space wrap>
            <span>{view.indicator.name}</span>
            <EvaluationStatusTag status={view.status} notAssessed={view.notAssessed} />
            {view.volatile && <Tag color="purple">波动较大</Tag>}
          </Space>
        }
        documentTitle={`${view.indicator.name} 评估`}
        subTitle={
          <span>
            {view.region.name} · {view.year}年 · 指标代码 {view.indicator.code} · 单位 {unit || '无'}
            {view.indicator.department && <> · 牵头单位 {view.indicator.department.name}</>} · <Link to={`/indicators/${encodeURIComponent(view.indicator.code)}`}>指标说明</Link>
          </span>
        }
        extra={<EvaluationFilters year={view.year} years={allYears} onYear={onYear} regions={regions} region={view.region.code} onRegion={onRegion} />}
      />
      <div className="section-gap">
        <Card title="评估结论与依据" size="small" className="working-card">
          {view.targets.length === 0 ? (
            <Empty description="该指标没有对应的规划目标" />
          ) : (
            view.targets.map((t) => <TargetWorking key={`${t.basis}-${t.target.id}`} t={t} unit={unit} />)
          )}
        </Card>
        <Card title="历年数据、目标线与推算" size="small">
          {view.series.length === 0 ? (
            <Empty description={`${view.region.name}尚无已审核通过的数据`} />
          ) : (
            <EChart option={seriesOption} height={340} label={`${view.indicator.name}历年数据与目标`} className="series-chart" />
          )}
        </Card>
        <CountyComparisonCard view={view} cityValue={cityValue} />
        <Card title={`分组数据（${view.region.name}，${view.year}年）`} size="small" className="breakdown-card">
          {view.breakdown.length === 0 ? (
            <Empty description="该年度没有分组数据" />
          ) : (
            <EChart option={breakdownOption} height={280} label="分组数据" className="breakdown-chart" />
          )}
          {(view.gaps.sex || view.gaps.urbanRural) && (
            <ul className="plain-list gap-sentences">
              {view.gaps.sex && <li>{view.gaps.sex.sentence}</li>}
              {view.gaps.urbanRural && <li>{view.gaps.urbanRural.sentence}</li>}
            </ul>
          )}
        </Card>
        <Card title={`相关预警（${view.warnings.length}）`} size="small">
          {view.warnings.length === 0 ? (
            <Empty description="没有预警" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              dataSource={view.warnings}
              renderItem={(w) => (
                <List.Item>
                  <Space wrap>
                    <WarningLevelTag level={w.level} label={w.levelLabel} />
                    <Link to={`/evaluation/warnings/${w.id}`}>
                      {w.year}年 {w.regionName} {w.kindLabel}
                    </Link>
                    <WarningStatusTag status={w.status} label={w.statusLabel} />
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </div>
    </>
  );
}

/** 指标评估: the working of every target's status, the series with target and projection, counties, breakdown. */
export default function IndicatorEvaluationPage() {
  const { code = '' } = useParams();
  const { ready, years, region, askedYear, set } = useEvaluationParams();
  const state = useApi(
    (signal) => (ready ? evaluationApi.indicator(code, { region, year: askedYear }, signal) : new Promise<IndicatorEvaluationView>(() => {})),
    [ready, code, region, askedYear],
  );
  return (
    <AsyncView
      state={state}
      what="正在计算评估结果…"
      header={<PageHeader crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: code }]} title={code} />}
    >
      {(view) => (
        <IndicatorView view={view} years={years} onYear={(y) => set({ year: String(y) })} onRegion={(c) => set({ region: c === CITY ? null : c })} />
      )}
    </AsyncView>
  );
}
