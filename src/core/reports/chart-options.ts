import { statusCategoryLabels } from '../evaluation/evaluation.labels.ts';
import type { ReportChapter, StatusTally } from './report.types.ts';
import { TALLY_STATUSES } from './tally.ts';

/**
 * ECharts options of the report's charts, as plain data (rendered on the server to SVG, in the browser as is).
 * Colours follow the platform's status colours; no animation (a still image).
 */
export type ChartOption = Record<string, unknown>;

export const STATUS_COLORS: Readonly<Record<string, string>> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#faad14',
  off_track: '#cf1322',
  insufficient_data: '#8c8c8c',
  no_target: '#bfbfbf',
  not_assessed: '#a3b1c2',
};

const FONT = 'Noto Sans CJK SC, sans-serif';

/** Stacked horizontal bars: the targets of each domain by status. */
export function statusByDomainChart(title: string, domains: readonly { title: string; tally: StatusTally }[]): ChartOption {
  const names = domains.map((d) => d.title);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 'center', textStyle: { fontSize: 16, fontFamily: FONT } },
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 130, right: 30, top: 40, bottom: 80 },
    xAxis: { type: 'value', name: '目标数（项）', nameLocation: 'middle', nameGap: 26, minInterval: 1 },
    yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { fontFamily: FONT } },
    series: TALLY_STATUSES.map((s) => ({
      name: statusCategoryLabels[s],
      type: 'bar',
      stack: 'status',
      itemStyle: { color: STATUS_COLORS[s] },
      label: { show: true, formatter: '{c}' },
      data: [...domains].reverse().map((d) => (d.tally[s] === 0 ? null : d.tally[s])),
    })),
  };
}

/**
 * Lines of the chapter's indicators that share its most common unit and have two or more points (at most
 * five), so one axis fits them all; null when none qualifies.
 */
export function chapterTrendChart(chapter: ReportChapter): ChartOption | null {
  const seen = new Set<string>();
  const rows = chapter.rows.filter((r) => r.series.length >= 2 && !seen.has(r.indicatorCode) && seen.add(r.indicatorCode));
  if (rows.length === 0) return null;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  const unit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const chosen = rows.filter((r) => r.unit === unit).slice(0, 5);
  const years = [...new Set(chosen.flatMap((r) => r.series.map((p) => p.year)))].sort((a, b) => a - b);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: `${chapter.title}领域主要指标变化（${unit}）`, left: 'center', textStyle: { fontSize: 16, fontFamily: FONT } },
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 60, right: 30, top: 50, bottom: 70 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: unit, scale: true },
    series: chosen.map((r) => ({
      name: r.indicatorName,
      type: 'line',
      connectNulls: true,
      // Only the last point is labelled: every text costs ~10 ms to rasterise with a CJK font.
      endLabel: { show: true, formatter: '{c}' },
      data: years.map((y) => {
        const v = r.series.find((p) => p.year === y)?.value;
        return v === undefined ? null : Math.round(v * 100) / 100;
      }),
    })),
  };
}
