import { useMemo } from 'react';
import { Card, Col, Empty, Row, Table, Tabs, Tag, Typography } from 'antd';
import type { IndicatorEvaluationView } from '../../api/types.ts';
import { countyBars, countyChartOption } from './charts/county-chart.options.ts';
import { countyMapData, countyMapOptions } from './charts/county-map.options.ts';
import { EChart } from './charts/EChart.tsx';
import { valueText } from './evaluation-format.ts';
import { EvaluationStatusTag } from './evaluation-labels.tsx';

type County = IndicatorEvaluationView['counties'][number];

/**
 * 区县比较: a map of Zibo's districts and counties coloured by the indicator's value, with a table of every county
 * (the functional zones, which have no boundary on the map, included and marked), and the bar chart as a second tab.
 */
export function CountyComparisonCard({ view, cityValue }: { view: IndicatorEvaluationView; cityValue: number | null }) {
  const unit = view.indicator.unit;
  const input = { unit, polarity: view.indicator.polarity, year: view.year, counties: view.counties };
  const firstTarget = view.targets[0]?.result.targetValue ?? null;
  const mapOption = useMemo(() => countyMapOptions(input), [view]); // eslint-disable-line react-hooks/exhaustive-deps
  const barOption = useMemo(() => countyChartOption({ ...input, cityValue, targetValue: firstTarget }), [view, cityValue]); // eslint-disable-line react-hooks/exhaustive-deps
  const { bars, missing } = countyBars({ ...input, cityValue, targetValue: firstTarget });
  const { areas, offMap } = countyMapData(view.counties);
  const onMap = areas.filter((a) => a.value !== null).length;

  const spread = (
    <>
      {view.spread && view.spread.range !== null && ` 区县间极差 ${valueText(view.spread.range, unit)}`}
      {view.spread && view.spread.coefficientOfVariation !== null && `，变异系数 ${(view.spread.coefficientOfVariation * 100).toFixed(1)}%`}
    </>
  );

  const table = (
    <Table<County>
      className="county-table"
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={view.counties}
      aria-label={`各区县${view.year}年数值与评估状态`}
      columns={[
        {
          title: '区县',
          dataIndex: 'name',
          render: (name: string, c) => (
            <span data-region={c.code}>
              {name}
              {c.functional && (
                <Tag className="off-map" style={{ marginInlineStart: 6 }}>
                  功能区
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: `数值（${unit || '无单位'}）`,
          key: 'value',
          align: 'right',
          render: (_: unknown, c) =>
            c.value !== null ? valueText(c.value, unit) : c.latest ? `${valueText(c.latest.value, unit)}（${c.latest.year}年）` : '无数据',
        },
        { title: '状态', dataIndex: 'status', render: (_: unknown, c) => <EvaluationStatusTag status={c.status} notAssessed={c.notAssessed} /> },
      ]}
    />
  );

  const mapTab = (
    <Row gutter={[16, 8]}>
      <Col xs={24} lg={13}>
        {onMap === 0 ? (
          <Empty description="地图上的区县尚无数据" />
        ) : (
          <EChart option={mapOption} map height={420} label={`淄博市各区县${view.indicator.name}地图`} className="county-map" />
        )}
      </Col>
      <Col xs={24} lg={11}>
        {table}
        <Typography.Paragraph type="secondary" className="chart-note">
          颜色由差到好按指标方向着色，灰色为无数据；悬停区县查看数值与状态。
          {offMap.length > 0 && `${offMap.map((c) => c.name).join('、')}为功能区，地图上没有单独边界，数值见上表。`}
          {spread}
        </Typography.Paragraph>
      </Col>
    </Row>
  );

  const barTab =
    bars.length === 0 ? (
      <Empty description="各区县尚无数据" />
    ) : (
      <>
        <EChart option={barOption} height={Math.max(240, 40 + bars.length * 30)} label="区县比较" className="county-chart" />
        <Typography.Paragraph type="secondary" className="chart-note">
          按指标方向由好到差排列，颜色为各区县的评估状态{missing.length > 0 ? `；无数据：${missing.join('、')}` : ''}。{spread}
        </Typography.Paragraph>
      </>
    );

  return (
    <Card title={`区县比较（${view.year}年）`} size="small" className="county-card">
      {view.counties.length === 0 ? (
        <Empty description="没有区县" />
      ) : (
        <Tabs
          size="small"
          items={[
            { key: 'map', label: '地图', children: mapTab },
            { key: 'bars', label: '柱状图', children: barTab },
          ]}
        />
      )}
    </Card>
  );
}
