import type { EChartsOption } from 'echarts';
import { LazyChart } from '../../../shared/LazyChart.tsx';

const loadCharts = () => import('./echarts-setup.ts').then((setup) => setup.init);
const loadChartsWithMap = () =>
  import('./echarts-setup.ts').then(async (setup) => {
    await setup.registerZiboMap();
    return setup.init;
  });

/**
 * An ECharts chart of `option`; the library is loaded on first use (dynamic import), never in the main bundle.
 * `map`: the option draws the Zibo map, whose boundaries are registered (loaded) first.
 */
export function EChart({ option, height = 320, className, label, map = false }: { option: EChartsOption; height?: number; className?: string; label: string; map?: boolean }) {
  return <LazyChart load={map ? loadChartsWithMap : loadCharts} option={option} height={height} className={className ?? ''} label={label} />;
}
