import type { ChartOption } from '../../../../src/core/reports/chart-options.ts';
import { LazyChart } from '../../shared/LazyChart.tsx';

const loadReportCharts = () => import('./report-echarts-setup.ts').then((setup) => setup.init);

/**
 * One of the report's charts (the same ECharts options the server renders into the .docx), drawn in the browser;
 * ECharts is loaded on first use, never in the main bundle.
 */
export function ReportChart({ option, height = 360, label }: { option: ChartOption; height?: number; label: string }) {
  return <LazyChart load={loadReportCharts} option={option} height={height} className="report-chart" label={label} />;
}
