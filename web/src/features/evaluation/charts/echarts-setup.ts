/**
 * ECharts with only what the evaluation pages draw (line and bar charts, their axes, legends, tooltips and
 * reference lines). Reached only through `import()` in EChart.tsx, so none of it is in the first bundle.
 */
import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, CanvasRenderer]);

export { init };
