import type { EChartsOption } from 'echarts';
import type { CountyComparison, StatusCategory, Polarity } from '../../../api/types.ts';
import { STATUS_HEX, categoryOf } from '../evaluation-status.ts';
import { statusCategoryLabels } from '../../../../../src/core/evaluation/evaluation.labels.ts';
import { chartNumber, paddedExtent, withUnit } from './chart-format.ts';

export interface CountyChartInput {
  unit: string;
  polarity: Polarity;
  year: number;
  counties: CountyComparison[];
  /** The city's value of the year, drawn as a reference line. */
  cityValue: number | null;
  targetValue: number | null;
}

export interface CountyBar {
  name: string;
  value: number;
  /** The county's status (不作评估 apart: not_assessed). */
  status: StatusCategory;
  /** The value is of an earlier year than the one evaluated. */
  fromYear: number | null;
}

/**
 * Counties with a value, best first by the indicator's polarity (lower_better: smallest first); a county without
 * a value for the year uses its latest earlier one, marked with that year; counties with none are left out.
 */
export function countyBars(input: CountyChartInput): { bars: CountyBar[]; missing: string[] } {
  const bars: CountyBar[] = [];
  const missing: string[] = [];
  for (const c of input.counties) {
    const value = c.value ?? c.latest?.value ?? null;
    if (value === null) {
      missing.push(c.name);
      continue;
    }
    bars.push({ name: c.name, value, status: categoryOf(c), fromYear: c.value === null ? (c.latest?.year ?? null) : null });
  }
  const sign = input.polarity === 'lower_better' ? 1 : -1;
  bars.sort((a, b) => sign * (a.value - b.value) || a.name.localeCompare(b.name, 'zh-CN'));
  return { bars, missing };
}

/**
 * County comparison as horizontal bars (best at the top), each bar in the colour of the county's status,
 * with the city's value and the target as reference lines (the second tab beside the map, county-map.options.ts).
 */
export function countyChartOption(input: CountyChartInput): EChartsOption {
  const { bars } = countyBars(input);
  // ECharts draws the first category at the bottom of a y category axis: reverse so that the best is on top.
  const ordered = [...bars].reverse();
  const lines = [
    // Labels at opposite ends so that close values do not print over each other.
    ...(input.cityValue !== null
      ? [{ xAxis: chartNumber(input.cityValue), name: `全市 ${withUnit(input.cityValue, input.unit)}`, lineStyle: { color: '#1f4e9c', type: 'dashed' as const }, label: { position: 'end' as const, formatter: '{b}' } }]
      : []),
    ...(input.targetValue !== null
      ? [{ xAxis: chartNumber(input.targetValue), name: `目标 ${withUnit(input.targetValue, input.unit)}`, lineStyle: { color: '#cf1322', type: 'solid' as const }, label: { position: 'start' as const, formatter: '{b}' } }]
      : []),
  ];
  const extent = paddedExtent([...bars.map((b) => b.value), ...lines.map((l) => l.xAxis)], { ceiling: input.unit === '%' ? 100 : null });
  return {
    animation: false,
    grid: { left: 88, right: 72, top: 28, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const bar = ordered[(p as { dataIndex: number }).dataIndex];
        if (!bar) return '';
        return `${bar.name}：${withUnit(bar.value, input.unit)}${bar.fromYear !== null ? `（${bar.fromYear}年）` : ''}<br/>${statusCategoryLabels[bar.status]}`;
      },
    },
    xAxis: { type: 'value', name: input.unit, ...(extent ? { min: Math.min(extent.min, 0) < 0 ? extent.min : 0, max: extent.max } : {}) },
    yAxis: { type: 'category', data: ordered.map((b) => (b.fromYear !== null ? `${b.name}（${b.fromYear}）` : b.name)) },
    series: [
      {
        type: 'bar',
        name: `${input.year}年`,
        data: ordered.map((b) => ({ value: chartNumber(b.value), itemStyle: { color: STATUS_HEX[b.status] } })),
        label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => withUnit(typeof p.value === 'number' ? p.value : null, input.unit) },
        markLine: { symbol: 'none', silent: true, data: lines },
      },
    ],
  };
}
