import { describe, expect, it } from 'vitest';
import { statusByDomainChart } from '../../core/reports/chart-options.ts';
import { Resvg } from '@resvg/resvg-js';
import { chartFontFiles, renderCharts } from './chart-render.ts';

const tally = (achieved: number) => ({ achieved, on_track: 1, at_risk: 0, off_track: 1, insufficient_data: 0, no_target: 0, not_assessed: 0, total: achieved + 2 });
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('server-side charts', () => {
  it('renders ECharts to SVG with the Chinese labels as text', () => {
    const [chart] = renderCharts([statusByDomainChart('各领域目标评估结果', [{ title: '妇女与健康', tally: tally(3) }])]);
    expect(chart!.svg).toContain('各领域目标评估结果');
    expect(chart!.svg).toContain('妇女与健康');
    expect(pngSize(chart!.png)).toEqual({ width: 1280, height: 720 });
  });

  it('cuts each chart of a batch out with the pixels it has rendered alone', () => {
    const options = [1, 2, 3].map((n) => statusByDomainChart(`图${n}`, [{ title: `领域${n}`, tally: tally(n) }]));
    const charts = renderCharts(options);
    expect(charts).toHaveLength(3);
    expect(charts[0]!.png.equals(charts[1]!.png)).toBe(false);
    for (const c of charts) {
      expect(pngSize(c.png)).toEqual({ width: 1280, height: 720 });
      // Same pixels as the chart rendered on its own (decoded through resvg: a PNG embedded in an SVG).
      const alone = new Resvg(c.svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { fontFiles: chartFontFiles(), loadSystemFonts: false } }).render().pixels;
      const cut = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><image width="1280" height="720" href="data:image/png;base64,${c.png.toString('base64')}"/></svg>`).render().pixels;
      let differing = 0;
      for (let i = 0; i < alone.length; i += 4) if (Math.abs(alone[i]! - cut[i]!) > 8) differing++;
      expect(differing / (alone.length / 4)).toBeLessThan(0.01);
    }
  });

  it('finds a CJK font on this machine (fonts-noto-cjk)', () => {
    if (chartFontFiles().length === 0 && process.env.FUER_REQUIRE_ALL !== '1') {
      console.warn('未找到中文字体（fonts-noto-cjk）：图表中的中文将无法显示');
      return;
    }
    expect(chartFontFiles().length).toBeGreaterThan(0);
  });
});
