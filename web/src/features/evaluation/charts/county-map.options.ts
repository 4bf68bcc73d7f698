import type { EChartsOption } from 'echarts';
import type { CountyComparison, StatusCategory, Polarity } from '../../../api/types.ts';
import { statusCategoryLabels } from '../../../../../src/core/evaluation/evaluation.labels.ts';
import { categoryOf } from '../evaluation-status.ts';
import { chartNumber, withUnit } from './chart-format.ts';

/** The name under which the boundaries of map/zibo.geo.json are registered (echarts.registerMap). */
export const ZIBO_MAP = '淄博';

/**
 * The districts and counties drawn on the map: region code → the feature's name in map/zibo.geo.json (the feature
 * ids are these codes; a test checks the table against the file). The functional zones (370300-gxq, -jkq, -wchq)
 * have no boundary of their own.
 */
export const ZIBO_MAP_COUNTIES: Readonly<Record<string, string>> = {
  '370302': '淄川区',
  '370303': '张店区',
  '370304': '博山区',
  '370305': '临淄区',
  '370306': '周村区',
  '370321': '桓台县',
  '370322': '高青县',
  '370323': '沂源县',
};

export interface CountyMapInput {
  unit: string;
  polarity: Polarity;
  year: number;
  counties: CountyComparison[];
}

export interface CountyMapArea {
  code: string;
  /** The feature's name on the map. */
  mapName: string;
  value: number | null;
  /** The county's status (不作评估 apart: not_assessed). */
  status: StatusCategory;
  /** The value is of an earlier year than the one evaluated. */
  fromYear: number | null;
}

export interface CountyMapData {
  /** Counties on the map, in the map table's order; value null when the county has none. */
  areas: CountyMapArea[];
  /** Counties (the functional zones) with no boundary on the map: listed beside it. */
  offMap: CountyComparison[];
}

/** Splits the counties into those drawn on the map (matched by region code) and those that are not. */
export function countyMapData(counties: readonly CountyComparison[]): CountyMapData {
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const areas: CountyMapArea[] = [];
  for (const [code, mapName] of Object.entries(ZIBO_MAP_COUNTIES)) {
    const c = byCode.get(code);
    if (!c) continue;
    const value = c.value ?? c.latest?.value ?? null;
    areas.push({ code, mapName, value, status: categoryOf(c), fromYear: c.value === null && value !== null ? (c.latest?.year ?? null) : null });
  }
  return { areas, offMap: counties.filter((c) => !(c.code in ZIBO_MAP_COUNTIES)) };
}

// From poor to good: a warm red through pale yellow to green; a lower_better indicator runs the scale backwards.
const POOR_TO_GOOD = ['#cf1322', '#fadb14', '#389e0d'];

/**
 * A choropleth of the indicator's value per district/county on the registered Zibo map: the colour scale runs
 * from poor to good by the indicator's polarity (band targets: a neutral blue scale), the legend shows the
 * range with the unit, and the tooltip gives the value (with its year when earlier) and the county's status.
 */
export function countyMapOptions(input: CountyMapInput): EChartsOption {
  const { areas } = countyMapData(input.counties);
  const withValue = areas.filter((a): a is CountyMapArea & { value: number } => a.value !== null);
  const values = withValue.map((a) => a.value);
  let min = values.length > 0 ? Math.min(...values) : 0;
  let max = values.length > 0 ? Math.max(...values) : 1;
  if (min === max) {
    // One value (or all equal): a scale of zero width would give every county the same end colour.
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const colors =
    input.polarity === 'higher_better' ? POOR_TO_GOOD : input.polarity === 'lower_better' ? [...POOR_TO_GOOD].reverse() : ['#e6f4ff', '#1677ff'];
  const byName = new Map(areas.map((a) => [a.mapName, a]));
  const unitLabel = input.unit ? `单位：${input.unit}` : '无单位';
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const name = (p as { name?: string }).name ?? '';
        const area = byName.get(name);
        if (!area || area.value === null) return `${name}<br/>${input.year}年无数据${area ? `<br/>${statusCategoryLabels[area.status]}` : ''}`;
        const year = area.fromYear !== null ? `（${area.fromYear}年）` : '';
        return `${name}：${withUnit(area.value, input.unit)}${year}<br/>${statusCategoryLabels[area.status]}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min: chartNumber(min),
      max: chartNumber(max),
      left: 8,
      bottom: 8,
      calculable: false,
      // The two ends of the legend: the range with the unit (higher value on top).
      text: [withUnit(max, input.unit), `${withUnit(min, input.unit)}（${unitLabel}）`],
      inRange: { color: colors },
      outOfRange: { color: '#f0f0f0' },
      seriesIndex: 0,
    },
    series: [
      {
        type: 'map',
        map: ZIBO_MAP,
        name: `${input.year}年`,
        roam: false,
        top: 16,
        bottom: 16,
        label: { show: true, fontSize: 11, color: '#262626' },
        itemStyle: { areaColor: '#f0f0f0', borderColor: '#8c8c8c', borderWidth: 1 },
        emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#91caff' } },
        select: { disabled: true },
        data: withValue.map((a) => ({ name: a.mapName, value: chartNumber(a.value) })),
      },
    ],
  };
}
