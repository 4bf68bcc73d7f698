import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import type { ChartOption } from '../../../../src/core/reports/chart-options.ts';

type Chart = { setOption(option: ChartOption, notMerge?: boolean): void; resize(): void; dispose(): void };

/**
 * One of the report's charts (the same ECharts options the server renders into the .docx), drawn in the browser;
 * ECharts is loaded on first use, never in the main bundle.
 */
export function ReportChart({ option, height = 360, label }: { option: ChartOption; height?: number; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./report-echarts-setup.ts').then(
      ({ init }) => {
        if (disposed || !el.current) return;
        chart.current = init(el.current, undefined, { renderer: 'canvas' }) as unknown as Chart;
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(el.current);
        setState('ready');
      },
      () => !disposed && setState('failed'),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, true);
  }, [state, option]);

  if (state === 'failed') return <Alert type="error" showIcon title="图表组件加载失败，请刷新页面重试" />;
  return (
    <div className="report-chart" style={{ height, position: 'relative' }} data-ready={state === 'ready' || undefined}>
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: '100%' }} />
      {state === 'loading' && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      )}
    </div>
  );
}
