import { describe, expect, it } from 'vitest';
import type { AchievementRow, CountyComparison, DashboardPlan } from '../../../api/types.ts';
import { achievementOption, domainStatusOption } from './status-chart.options.ts';
import { breakdownChartOption, groupOf, orderedCells } from './breakdown-chart.options.ts';
import { paddedExtent } from './chart-format.ts';
import { countyBars, countyChartOption } from './county-chart.options.ts';
import { countyMapData, countyMapOptions, ZIBO_MAP, ZIBO_MAP_COUNTIES } from './county-map.options.ts';
import ziboGeoText from '../map/zibo.geo.json?raw';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { init, registerZiboMap } from './echarts-setup.ts';
import { alignToYears, chartYears, seriesChartOption } from './series-chart.options.ts';
import type { SeriesChartInput } from './series-chart.options.ts';

type AnySeries = { name?: string; type?: string; data?: unknown[]; markLine?: { data?: { yAxis?: number; xAxis?: number; name?: string }[] }; markArea?: { data?: unknown[] }; itemStyle?: { color?: string }; lineStyle?: { type?: string } };
const seriesOf = (option: { series?: unknown }) => option.series as AnySeries[];

// 孕产妇死亡率 (W1.03, 1/10万, lower is better), target ≤8.2 by 2025; a gap in 2020.
const mmr: SeriesChartInput = {
  unit: '1/10万',
  regionName: '淄博市',
  series: [
    { year: 2018, value: 10.4 },
    { year: 2019, value: 9.9 },
    { year: 2021, value: 9.5 },
    { year: 2022, value: 9.3 },
    { year: 2023, value: 9.2 },
    { year: 2024, value: 9.1 },
  ],
  targets: [
    {
      label: '目标 ≤8.2/10万（2025年）',
      targetValue: 8.2,
      targetYear: 2025,
      band: null,
      projection: [
        { year: 2024, value: 9.1 },
        { year: 2025, value: 8.9 },
      ],
    },
  ],
};

describe('series chart', () => {
  it('spans the years from the first value to the target year and breaks the line at a missing year', () => {
    expect(chartYears(mmr)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(alignToYears(chartYears(mmr), mmr.series)).toEqual([10.4, 9.9, null, 9.5, 9.3, 9.2, 9.1, null]);
  });

  it('draws the observed line, a dashed projection from the latest value, and the target line', () => {
    const option = seriesChartOption(mmr);
    const [actual, projection] = seriesOf(option);
    expect(actual!.name).toBe('淄博市实际值');
    expect(actual!.markLine!.data).toEqual([expect.objectContaining({ yAxis: 8.2, name: '目标 ≤8.2/10万（2025年）' })]);
    expect(projection!.name).toBe('推算');
    expect(projection!.lineStyle!.type).toBe('dashed');
    expect(projection!.data).toEqual([null, null, null, null, null, null, 9.1, 8.9]);
    // The target line is inside the axis even though every value lies above it.
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeLessThanOrEqual(8.2);
    expect(y.max).toBeGreaterThanOrEqual(10.4);
  });

  it('shades a 左右 band instead of a line, and keeps a % axis within 100', () => {
    const option = seriesChartOption({
      unit: '%',
      regionName: '张店区',
      series: [
        { year: 2023, value: 44 },
        { year: 2024, value: 99 },
      ],
      targets: [{ label: '目标 45%左右', targetValue: 45, targetYear: 2025, band: { lower: 43, upper: 47 }, projection: [] }],
    });
    const [actual, ...rest] = seriesOf(option);
    expect(rest).toEqual([]);
    expect(actual!.markLine!.data).toEqual([]);
    expect(actual!.markArea!.data).toEqual([[{ yAxis: 43, name: '目标 45%左右' }, { yAxis: 47 }]]);
    expect((option.yAxis as { max: number }).max).toBe(100);
  });
});

const county = (name: string, value: number | null, status: CountyComparison['status'], latest: CountyComparison['latest'] = null): CountyComparison => ({
  code: name,
  name,
  functional: false,
  value,
  latest: latest ?? (value === null ? null : { year: 2024, value }),
  status,
  notAssessed: false,
  statusLabel: '',
  volatile: false,
  rank: null,
});

describe('county comparison', () => {
  const counties = [
    county('张店区', 7.1, 'achieved'),
    county('淄川区', 12.5, 'off_track'),
    county('博山区', null, 'insufficient_data'),
    county('临淄区', null, 'at_risk', { year: 2023, value: 8.6 }),
  ];

  it('orders the counties best first by polarity, uses an earlier value when the year has none, and lists those without any', () => {
    const { bars, missing } = countyBars({ unit: '1/10万', polarity: 'lower_better', year: 2024, counties, cityValue: 9.1, targetValue: 8.2 });
    expect(bars.map((b) => [b.name, b.value, b.fromYear])).toEqual([
      ['张店区', 7.1, null],
      ['临淄区', 8.6, 2023],
      ['淄川区', 12.5, null],
    ]);
    expect(missing).toEqual(['博山区']);
    const higher = countyBars({ unit: '%', polarity: 'higher_better', year: 2024, counties: [county('甲', 80, 'on_track'), county('乙', 95, 'achieved')], cityValue: null, targetValue: null });
    expect(higher.bars.map((b) => b.name)).toEqual(['乙', '甲']);
  });

  it('colours each bar by the county status and draws the city and target lines', () => {
    const option = countyChartOption({ unit: '1/10万', polarity: 'lower_better', year: 2024, counties, cityValue: 9.1, targetValue: 8.2 });
    // Best on top: ECharts draws the first category at the bottom.
    expect((option.yAxis as { data: string[] }).data).toEqual(['淄川区', '临淄区（2023）', '张店区']);
    const [bars] = seriesOf(option);
    expect((bars!.data as { value: number; itemStyle: { color: string } }[]).map((d) => d.itemStyle.color)).toEqual(['#cf1322', '#faad14', '#389e0d']);
    expect(bars!.markLine!.data!.map((l) => [l.xAxis, l.name])).toEqual([
      [9.1, '全市 9.1/10万'],
      [8.2, '目标 8.2/10万'],
    ]);
  });

  it('a county where the target is not assessed (不作评估) is coloured and named apart from 无量化目标', () => {
    const total = { ...county('博山区', 12, 'no_target'), notAssessed: true };
    const direction = county('张店区', 26, 'no_target');
    const { bars } = countyBars({ unit: '所', polarity: 'higher_better', year: 2024, counties: [total, direction], cityValue: null, targetValue: null });
    expect(bars.map((b) => [b.name, b.status])).toEqual([
      ['张店区', 'no_target'],
      ['博山区', 'not_assessed'],
    ]);
    const option = countyChartOption({ unit: '所', polarity: 'higher_better', year: 2024, counties: [total, direction], cityValue: null, targetValue: null });
    const colors = ((seriesOf(option)[0]!.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color));
    expect(colors[0]).not.toBe(colors[1]);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip({ dataIndex: 0 })).toBe('博山区：12所<br/>不作评估');
  });
});

describe('county map', () => {
  const zone = (code: string, name: string, value: number | null): CountyComparison => ({ ...county(name, value, 'achieved'), code, functional: true });
  const at = (code: string, c: CountyComparison): CountyComparison => ({ ...c, code });
  // 孕产妇死亡率 (1/10万, lower is better) in 2024.
  const counties = [
    at('370303', county('张店区', 7.1, 'achieved')),
    at('370302', county('淄川区', 12.5, 'off_track')),
    at('370304', county('博山区', null, 'insufficient_data')),
    at('370305', county('临淄区', null, 'at_risk', { year: 2023, value: 8.6 })),
    zone('370300-gxq', '高新区', 6.2),
    zone('370300-jkq', '经济开发区', null),
  ];
  type MapSeries = { type: string; map: string; data: { name: string; value: number }[] };
  type VisualMap = { min: number; max: number; text: string[]; inRange: { color: string[] } };
  const tooltipOf = (option: ReturnType<typeof countyMapOptions>) => (name: string) =>
    ((option.tooltip as { formatter: (p: unknown) => string }).formatter)({ name });

  it('names in the code table are those of the boundary file, whose feature ids are the region codes', () => {
    const geo = JSON.parse(ziboGeoText) as { features: { id: string; properties: { name: string } }[] };
    expect(Object.fromEntries(geo.features.map((f) => [f.id, f.properties.name]))).toEqual(ZIBO_MAP_COUNTIES);
  });

  it('draws the compressed boundaries (UTF8Encoding) of all 8 districts and counties, coloured by value', async () => {
    await registerZiboMap();
    use([SVGRenderer]);
    const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: 500, height: 600 });
    chart.setOption(countyMapOptions({ unit: '1/10万', polarity: 'lower_better', year: 2024, counties }));
    const svg = chart.renderToSVGString();
    chart.dispose();
    for (const name of Object.values(ZIBO_MAP_COUNTIES)) expect(svg).toContain(`>${name}</text>`);
    // Decoded outlines: long paths, one per county at least.
    const outlines = [...svg.matchAll(/<path d="M[^"]{400,}"/g)];
    expect(outlines.length).toBeGreaterThanOrEqual(8);
    // 张店区 (7.1, best) at the green end, 淄川区 (12.5, worst) at the red end, 博山区 without value in grey.
    expect(svg).toMatch(/fill="(#389e0d|rgb\(56,158,13\))"/);
    expect(svg).toMatch(/fill="(#cf1322|rgb\(207,19,34\))"/);
    expect(svg).toMatch(/fill="(#f0f0f0|rgb\(240,240,240\))"/);
  });

  it('matches counties to the map by region code and lists the functional zones beside it', () => {
    const { areas, offMap } = countyMapData(counties);
    expect(areas.map((a) => [a.mapName, a.value, a.fromYear])).toEqual([
      ['淄川区', 12.5, null],
      ['张店区', 7.1, null],
      ['博山区', null, null],
      ['临淄区', 8.6, 2023],
    ]);
    expect(offMap.map((c) => c.code)).toEqual(['370300-gxq', '370300-jkq']);
  });

  it('colours the counties with values from poor to good by polarity, with the unit in the legend', () => {
    const option = countyMapOptions({ unit: '1/10万', polarity: 'lower_better', year: 2024, counties });
    const [series] = option.series as MapSeries[];
    expect(series!.type).toBe('map');
    expect(series!.map).toBe('淄博');
    // 博山区 has no value: not coloured; the zones are not on the map.
    expect(series!.data).toEqual([
      { name: '淄川区', value: 12.5 },
      { name: '张店区', value: 7.1 },
      { name: '临淄区', value: 8.6 },
    ]);
    const visual = option.visualMap as VisualMap;
    expect([visual.min, visual.max]).toEqual([7.1, 12.5]);
    expect(visual.text).toEqual(['12.5/10万', '7.1/10万（单位：1/10万）']);
    // Lower is better: the largest value gets the poor (red) end.
    expect(visual.inRange.color.at(-1)).toBe('#cf1322');
    const higher = countyMapOptions({ unit: '%', polarity: 'higher_better', year: 2024, counties });
    expect((higher.visualMap as VisualMap).inRange.color[0]).toBe('#cf1322');
  });

  it('gives each county its value, the year when earlier, and its status in the tooltip', () => {
    const tip = tooltipOf(countyMapOptions({ unit: '1/10万', polarity: 'lower_better', year: 2024, counties }));
    expect(tip('淄川区')).toBe('淄川区：12.5/10万<br/>预计难以达标');
    expect(tip('临淄区')).toBe('临淄区：8.6/10万（2023年）<br/>达标有风险');
    expect(tip('博山区')).toBe('博山区<br/>2024年无数据<br/>数据不足');
    expect(tip('沂源县')).toBe('沂源县<br/>2024年无数据');
  });

  it('widens a scale of one value so that the county is not drawn at an end colour', () => {
    const option = countyMapOptions({ unit: '%', polarity: 'higher_better', year: 2024, counties: [at('370303', county('张店区', 90, 'achieved'))] });
    const visual = option.visualMap as VisualMap;
    expect(visual.min).toBeLessThan(90);
    expect(visual.max).toBeGreaterThan(90);
  });
});

describe('disaggregation breakdown', () => {
  it('puts 合计 first, then sex, area and age, colouring by dimension', () => {
    const cells = [
      { cellKey: 'age=0—4岁', label: '0—4岁', value: 3, source: 'direct' as const },
      { cellKey: 'area=农村', label: '农村', value: 6, source: 'direct' as const },
      { cellKey: 'sex=男', label: '男', value: 6, source: 'direct' as const },
      { cellKey: 'area=城镇', label: '城镇', value: 7, source: 'direct' as const },
      { cellKey: 'sex=女', label: '女', value: 4, source: 'direct' as const },
      { cellKey: '_T', label: '合计', value: 5, source: 'rollup' as const },
    ];
    expect(orderedCells(cells).map((c) => c.label)).toEqual(['合计', '女', '男', '城镇', '农村', '0—4岁']);
    expect(groupOf('sex=女|area=城镇')).toBe('cross');
    const option = breakdownChartOption({ unit: '1/10万', cells });
    const [bars] = seriesOf(option);
    expect((bars!.data as { value: number }[]).map((d) => d.value)).toEqual([5, 4, 6, 7, 6, 3]);
    const colors = (bars!.data as { itemStyle: { color: string } }[]).map((d) => d.itemStyle.color);
    expect(colors[1]).toBe(colors[2]);
    expect(colors[0]).not.toBe(colors[1]);
  });
});

describe('dashboard charts', () => {
  const counts = (achieved: number, offTrack: number) => ({ achieved, on_track: 1, at_risk: 0, off_track: offTrack, insufficient_data: 2, no_target: 0, not_assessed: 1, total: achieved + offTrack + 4 });
  const plan: DashboardPlan = {
    planCode: 'women',
    planKind: 'women',
    title: '妇女发展规划',
    counts: counts(5, 1),
    domains: [
      { ord: 1, title: '妇女与健康', counts: counts(3, 1) },
      { ord: 2, title: '妇女与教育', counts: counts(2, 0) },
    ],
  };

  it('stacks each domain by status with the first domain on top', () => {
    const option = domainStatusOption(plan, (d) => `（${d.ord}）${d.title}`);
    expect((option.yAxis as { data: string[] }).data).toEqual(['（2）妇女与教育', '（1）妇女与健康']);
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['已达标', '预计可达标', '达标有风险', '预计难以达标', '数据不足', '无量化目标', '不作评估']);
    expect(series[0]!.data).toEqual([2, 3]);
    expect(series[3]!.data).toEqual([0, 1]);
    expect(series[6]!.data).toEqual([1, 1]);
  });

  it('shows achievement rates in percent', () => {
    const rows: AchievementRow[] = [
      { key: '1', label: '妇女与健康', counts: counts(3, 1), assessed: 5, achievedRate: 0.6, expectedRate: 0.8 },
      { key: '2', label: '妇女与教育', counts: counts(0, 0), assessed: 0, achievedRate: null, expectedRate: null },
    ];
    const series = seriesOf(achievementOption(rows));
    expect(series[0]!.data).toEqual([null, 60]);
    expect(series[1]!.data).toEqual([null, 80]);
  });
});

describe('axis extent', () => {
  it('pads around every value and never crosses zero or 100% needlessly', () => {
    expect(paddedExtent([])).toBeNull();
    const e = paddedExtent([0.5, 10]);
    expect(e!.min).toBe(0); // the margin would go below zero: all values are ≥ 0
    expect(e!.max).toBeGreaterThan(10);
    const near = paddedExtent([8.2, 10.4])!;
    expect(near.min).toBeGreaterThan(0); // a zoomed axis where zero is far away
    expect(near.min).toBeLessThanOrEqual(8.2);
    expect(paddedExtent([96, 99.5], { ceiling: 100 })!.max).toBe(100);
    expect(paddedExtent([96, 99], { ceiling: 100 })!.max).toBeLessThanOrEqual(100);
    // Rounded to the span shown, not to the size of the values: 8.2–10.4 gives 7.5–11, not 0–15.
    expect(paddedExtent([8.2, 10.4])).toEqual({ min: 7.5, max: 11 });
  });
});
