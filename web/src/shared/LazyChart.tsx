import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';

/** ECharts' `init`, as a lazily imported setup module exports it. */
export type ChartInit = (el: HTMLElement, theme: undefined, opts: { renderer: 'canvas' }) => unknown;

type Chart<O> = { setOption(option: O, notMerge?: boolean): void; resize(): void; dispose(): void };

/**
 * An ECharts chart of `option`. `load` imports the setup module (`import()`, so ECharts stays out of the main
 * bundle) and resolves to its `init`; it must be a stable function (module level): a new one mounts the chart again.
 * The box is `className` (with `.echart-box`, which places the spinner) and carries `data-ready` once drawn.
 */
export function LazyChart<O>({ load, option, height, className, label }: { load: () => Promise<ChartInit>; option: O; height: number; className: string; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart<O> | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    load().then(
      (init) => {
        if (disposed || !el.current) return;
        chart.current = init(el.current, undefined, { renderer: 'canvas' }) as Chart<O>;
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
  }, [load]);

  useEffect(() => {
    if (state === 'ready') chart.current?.setOption(option, true);
  }, [state, option]);

  if (state === 'failed') return <Alert type="error" showIcon title="图表组件加载失败，请刷新页面重试" />;
  return (
    <div className={`echart-box ${className}`} style={{ height }} data-ready={state === 'ready' || undefined}>
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: '100%' }} />
      {state === 'loading' && (
        <div className="echart-loading">
          <Spin />
        </div>
      )}
    </div>
  );
}
