import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import type { EChartsOption } from 'echarts';

type Chart = { setOption(option: EChartsOption, notMerge?: boolean): void; resize(): void; dispose(): void };

/**
 * An ECharts chart of `option`; the library is loaded on first use (dynamic import), never in the main bundle.
 * `map`: the option draws the Zibo map, whose boundaries are registered (loaded) first.
 */
export function EChart({ option, height = 320, className, label, map = false }: { option: EChartsOption; height?: number; className?: string; label: string; map?: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup.ts')
      .then(async (setup) => {
        if (map) await setup.registerZiboMap();
        return setup.init;
      })
      .then(
        (init) => {
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
  }, [map]);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, true);
  }, [state, option]);

  if (state === 'failed') return <Alert type="error" showIcon title="图表组件加载失败，请刷新页面重试" />;
  return (
    <div className={`echart-box ${className ?? ''}`} style={{ height }} data-ready={state === 'ready' || undefined}>
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: '100%' }} />
      {state === 'loading' && (
        <div className="echart-loading">
          <Spin />
        </div>
      )}
    </div>
  );
}
