import { existsSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartOption } from '../../core/reports/chart-options.ts';

/** CJK fonts for the rasterised charts (Debian's fonts-noto-cjk); FUER_CHART_FONTS (':'-separated) adds others. */
// Regular only: a CJK collection is ~20 MB and resvg parses every font file for each document it renders.
const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  ...(process.env.FUER_CHART_FONTS?.split(':') ?? []),
];

export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';

export function chartFontFiles(): string[] {
  return FONT_CANDIDATES.filter((f) => f !== '' && existsSync(f));
}

/** ECharts server-side rendering: the option as an SVG document. */
export function renderChartSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function rasteriser(svg: string, scale: number): Resvg {
  const fontFiles = chartFontFiles();
  return new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: CHART_FONT_FAMILY },
  });
}

/** SVG to PNG at `scale` × its size (2 keeps text sharp in print), with the CJK fonts loaded. */
export function svgToPng(svg: string, scale = 2): Buffer {
  return rasteriser(svg, scale).render().asPng();
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

export function renderChart(option: ChartOption, width = 640, height = 360): RenderedChart {
  const svg = renderChartSvg(option, width, height);
  return { svg, png: svgToPng(svg), width, height };
}

/**
 * Several charts of one size at once: the fonts are loaded once for all (about 0.3 s each time) by rendering the
 * charts stacked in one SVG, whose pixels are then cut into one PNG per chart. (resvg 2.6's cropByBBox panics
 * on some stacks, so the cutting is done here.)
 */
export function renderCharts(options: readonly ChartOption[], width = 640, height = 360, scale = 2): RenderedChart[] {
  if (options.length === 0) return [];
  const svgs = options.map((o) => renderChartSvg(o, width, height));
  const total = height * svgs.length;
  const stacked =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    svgs.map((svg, i) => svg.replace(/^<svg /, `<svg x="0" y="${i * height}" `)).join('') +
    '</svg>';
  const image = rasteriser(stacked, scale).render();
  const rowBytes = image.width * 4;
  const slice = Math.round(image.height / svgs.length);
  const pixels = image.pixels;
  return svgs.map((svg, i) => ({ svg, png: encodePng(pixels.subarray(i * slice * rowBytes, (i + 1) * slice * rowBytes), image.width, slice), width, height }));
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (non-premultiplied, as resvg gives them) to a PNG: filter 0 on every row, deflate. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = width * 4;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
