/**
 * ECharts with only what the evaluation pages draw (line, bar and map charts, their axes, legends, tooltips,
 * visual maps and reference lines). Reached only through `import()` in EChart.tsx, so none of it is in the first
 * bundle; the Zibo boundaries are a further chunk, loaded by the first map.
 */
import { init, registerMap, use } from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ZIBO_MAP } from './county-map.options.ts';

use([
  LineChart,
  BarChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

let ziboMap: Promise<void> | null = null;

/**
 * Registers the boundaries of Zibo's districts and counties as the map `淄博` (once). The file keeps ECharts'
 * compressed coordinates (`UTF8Encoding: true`), which registerMap decodes itself.
 */
export function registerZiboMap(): Promise<void> {
  ziboMap ??= import('../map/zibo.geo.json?raw').then(({ default: text }) => {
    registerMap(ZIBO_MAP, JSON.parse(text) as Parameters<typeof registerMap>[1]);
  });
  return ziboMap;
}

export { init };
