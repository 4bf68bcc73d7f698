import type { EChartsOption } from 'echarts';
import type { BreakdownCell } from '../../../api/types.ts';
import { chartNumber, paddedExtent, withUnit } from './chart-format.ts';

export type BreakdownGroup = 'total' | 'sex' | 'area' | 'age' | 'cross';

const GROUP_COLORS: Record<BreakdownGroup, string> = { total: '#1f4e9c', sex: '#c41d7f', area: '#08979c', age: '#7cb305', cross: '#8c8c8c' };
const GROUP_ORDER: BreakdownGroup[] = ['total', 'sex', 'area', 'age', 'cross'];

/** Which dimension a cell splits: 合计, 性别, 城乡, 年龄, or a cross of several. */
export function groupOf(cellKey: string): BreakdownGroup {
  if (cellKey === '_T') return 'total';
  const parts = cellKey.split('|');
  if (parts.length > 1) return 'cross';
  const dim = parts[0]?.split('=')[0];
  return dim === 'sex' ? 'sex' : dim === 'area' ? 'area' : dim === 'age' ? 'age' : 'cross';
}

/** Parts in the order the plans and statistical tables write them. */
const PART_ORDER = ['sex=女', 'sex=男', 'area=城镇', 'area=农村'];
const partRank = (cellKey: string) => {
  const i = PART_ORDER.indexOf(cellKey);
  return i < 0 ? PART_ORDER.length : i;
};

/** 合计, then 女/男, 城镇/农村, the age groups in the order given (the catalogue's), then cross cells. */
export function orderedCells(cells: readonly BreakdownCell[]): BreakdownCell[] {
  return cells
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(groupOf(a.c.cellKey)) - GROUP_ORDER.indexOf(groupOf(b.c.cellKey)) ||
        partRank(a.c.cellKey) - partRank(b.c.cellKey) ||
        a.i - b.i,
    )
    .map(({ c }) => c);
}

/** The disaggregation breakdown of a region's year: one bar per cell, coloured by dimension. */
export function breakdownChartOption(input: { unit: string; cells: BreakdownCell[] }): EChartsOption {
  const cells = orderedCells(input.cells);
  const extent = paddedExtent(cells.map((c) => c.value), { ceiling: input.unit === '%' ? 100 : null });
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => withUnit(typeof v === 'number' ? v : null, input.unit) },
    xAxis: { type: 'category', data: cells.map((c) => c.label), axisLabel: { interval: 0, rotate: cells.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: input.unit, ...(extent ? { min: 0, max: extent.max } : {}) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 42,
        data: cells.map((c) => ({ value: chartNumber(c.value), itemStyle: { color: GROUP_COLORS[groupOf(c.cellKey)] } })),
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => withUnit(typeof p.value === 'number' ? p.value : null, input.unit) },
      },
    ],
  };
}
