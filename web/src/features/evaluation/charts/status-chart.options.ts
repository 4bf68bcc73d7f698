import type { EChartsOption } from 'echarts';
import type { AchievementRow, DashboardPlan } from '../../../api/types.ts';
import { statusCategoryLabels } from '../../../../../src/core/evaluation/evaluation.labels.ts';
import { CATEGORY_ORDER, STATUS_HEX } from '../evaluation-status.ts';

/** Per domain of a plan, its targets stacked by status (达标 green … 数据不足 grey, then 不作评估); first domain on top. */
export function domainStatusOption(plan: DashboardPlan, domainLabel: (d: { ord: number; title: string }) => string): EChartsOption {
  const domains = [...plan.domains].sort((a, b) => b.ord - a.ord);
  return {
    animation: false,
    grid: { left: 150, right: 24, top: 16, bottom: 64 },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 }, data: CATEGORY_ORDER.map((s) => statusCategoryLabels[s]) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: domains.map(domainLabel) },
    series: CATEGORY_ORDER.map((status) => ({
      name: statusCategoryLabels[status],
      type: 'bar' as const,
      stack: 'status',
      itemStyle: { color: STATUS_HEX[status] },
      label: { show: true, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' && p.value > 0 ? String(p.value) : '') },
      data: domains.map((d) => d.counts[status]),
    })),
  };
}

const pct = (x: number | null) => (x === null ? null : Number((x * 100).toFixed(1)));

/** 达标率 and 预计达标率 per row (domain or department), in %; rows without assessed targets show no bar. */
export function achievementOption(rows: readonly AchievementRow[]): EChartsOption {
  const ordered = [...rows].reverse();
  return {
    animation: false,
    grid: { left: 170, right: 48, top: 32, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    xAxis: { type: 'value', min: 0, max: 100, name: '%' },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      { name: '达标率', type: 'bar', itemStyle: { color: STATUS_HEX.achieved }, data: ordered.map((r) => pct(r.achievedRate)), label: { show: true, position: 'right', formatter: '{c}%' } },
      { name: '预计达标率', type: 'bar', itemStyle: { color: STATUS_HEX.on_track }, data: ordered.map((r) => pct(r.expectedRate)), label: { show: true, position: 'right', formatter: '{c}%' } },
    ],
  };
}
