import type { EChartsOption } from 'echarts';
import type { IndicatorEvaluationView } from '../../../api/types.ts';
import { chartNumber, paddedExtent, withUnit } from './chart-format.ts';

export interface SeriesChartTarget {
  /** Short label: 目标 ≤8.2/10万（2025年）. */
  label: string;
  targetValue: number | null;
  targetYear: number;
  band: { lower: number; upper: number } | null;
  projection: { year: number; value: number }[];
}

export interface SeriesChartInput {
  unit: string;
  regionName: string;
  series: { year: number; value: number }[];
  targets: SeriesChartTarget[];
}

const ACTUAL = '#1f4e9c';
const PROJECTION = '#fa8c16';
const TARGET = '#cf1322';

/** The years the x axis spans: from the first observation to the last target or projected year. */
export function chartYears(input: SeriesChartInput): number[] {
  const years = [
    ...input.series.map((p) => p.year),
    ...input.targets.flatMap((t) => [t.targetYear, ...t.projection.map((p) => p.year)]),
  ];
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Observed values on the years axis; null where the year has no value (the line breaks there). */
export function alignToYears(years: readonly number[], points: readonly { year: number; value: number }[]): (number | null)[] {
  const byYear = new Map(points.map((p) => [p.year, p.value] as const));
  return years.map((y) => {
    const v = byYear.get(y);
    return v === undefined ? null : chartNumber(v);
  });
}

/**
 * The indicator's series with its target line (or 左右 band) and the projection to the target year:
 * solid observed line, dashed projection from the latest value, red target line.
 */
export function seriesChartOption(input: SeriesChartInput): EChartsOption {
  const years = chartYears(input);
  const categories = years.map(String);
  const { unit } = input;
  const projections = input.targets.filter((t) => t.projection.length > 0);
  const series: NonNullable<EChartsOption['series']> = [
    {
      name: `${input.regionName}实际值`,
      type: 'line',
      data: alignToYears(years, input.series),
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 3, color: ACTUAL },
      itemStyle: { color: ACTUAL },
      label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => withUnit(typeof p.value === 'number' ? p.value : null, unit) },
      markLine: {
        symbol: 'none',
        silent: true,
        data: input.targets
          .filter((t) => t.targetValue !== null && t.band === null)
          .map((t) => ({
            yAxis: chartNumber(t.targetValue as number),
            name: t.label,
            // On the left, on the side away from the first values, where the line has room.
            label: { formatter: t.label, position: (input.series[0]?.value ?? 0) > (t.targetValue as number) ? 'insideStartBottom' : 'insideStartTop' },
            lineStyle: { color: TARGET, type: 'solid', width: 2 },
          })),
      },
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(207, 19, 34, 0.08)' },
        data: input.targets
          .filter((t) => t.band !== null)
          .map((t) => [{ yAxis: chartNumber(t.band!.lower), name: t.label }, { yAxis: chartNumber(t.band!.upper) }] as [{ yAxis: number; name: string }, { yAxis: number }]),
      },
    },
    ...projections.map((t, i) => ({
      name: projections.length > 1 ? `推算（目标${i + 1}）` : '推算',
      type: 'line' as const,
      data: alignToYears(years, t.projection),
      connectNulls: true,
      symbol: 'emptyCircle',
      symbolSize: 5,
      lineStyle: { type: 'dashed' as const, width: 2, color: PROJECTION },
      itemStyle: { color: PROJECTION },
    })),
  ];
  const all = [
    ...input.series.map((p) => p.value),
    ...input.targets.flatMap((t) => [
      ...(t.targetValue !== null ? [t.targetValue] : []),
      ...(t.band ? [t.band.lower, t.band.upper] : []),
      ...t.projection.map((p) => p.value),
    ]),
  ];
  const extent = paddedExtent(all, { ceiling: unit === '%' ? 100 : null });
  return {
    animation: false,
    grid: { left: 56, right: 32, top: 48, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => withUnit(typeof v === 'number' ? v : null, unit) },
    xAxis: { type: 'category', data: categories, boundaryGap: false, name: '年份' },
    yAxis: { type: 'value', name: unit, ...(extent ?? {}) },
    series,
  };
}

/** The chart input of an indicator page's view. */
export function seriesInputOf(view: IndicatorEvaluationView, targetLabel: (t: IndicatorEvaluationView['targets'][number]) => string): SeriesChartInput {
  return {
    unit: view.indicator.unit,
    regionName: view.region.name,
    series: view.series,
    targets: view.targets.map((t) => ({
      label: targetLabel(t),
      targetValue: t.result.targetValue,
      targetYear: t.result.targetYear,
      band: t.result.band,
      projection: t.projection,
    })),
  };
}
