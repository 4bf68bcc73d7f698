/**
 * Synthetic monitoring data (示例数据, not real figures) in the project's CSV format, for the import benchmark.
 * Values are made to pass the default validation rules, so that the benchmark measures the import path that
 * real data takes: rates come with numerator and denominator (value = numerator ÷ denominator × scale, two
 * decimals), 女+男 and 城镇+农村 add up to the total, counts are whole numbers, every row carries a note (so no
 * year-on-year explanation is missing), every cell of an indicator's grid is filled.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { IndicatorDefinition } from '../src/core/indicator/indicator.types.ts';
import type { DisaggregationCell } from '../src/core/monitoring/data-value.types.ts';
import { gridCells } from '../src/core/monitoring/disaggregation.ts';
import { isCountIndicator } from '../src/core/monitoring/validation-rules.ts';
import { REQUIRED_COLUMNS } from '../src/services/exchange/csv-columns.ts';

export const SAMPLE_NOTE = '示例数据';

/** Deterministic PRNG (mulberry32): the same file on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cell {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function rateCell(indicator: IndicatorDefinition, numerator: number, denominator: number): Cell {
  return { value: round2((numerator / denominator) * (indicator.scale ?? 1)), numerator, denominator };
}

/**
 * Splits a numerator/denominator pair in two parts that add up to it. With num ≤ 0.98 × den and each part's
 * denominator ≥ 30% of den (≥ 600), neither part's numerator exceeds its denominator.
 */
function split(num: number, den: number, share: number): [[number, number], [number, number]] {
  const denA = Math.round(den * share);
  const numA = Math.floor((num * denA) / den);
  return [
    [numA, denA],
    [num - numA, den - denA],
  ];
}

/** The values of one indicator's grid for one region and year. */
function gridValues(indicator: IndicatorDefinition, rnd: () => number): Map<DisaggregationCell, Cell> {
  const cells = gridCells(indicator);
  const out = new Map<DisaggregationCell, Cell>();
  if (indicator.aggregation === 'ratio') {
    const den = 2000 + Math.floor(rnd() * 50_000);
    // Rates of a lower-better indicator per 1,000 or 100,000 are small; others in 40–98% of the denominator.
    const share = (indicator.scale ?? 1) >= 1000 ? 0.0005 + rnd() * 0.01 : 0.4 + rnd() * 0.58;
    const num = Math.min(den, Math.round(den * share));
    const total: [number, number] = [num, den];
    const parts = new Map<string, [number, number]>();
    for (const [dimension, labels] of [
      ['sex', ['女', '男']],
      ['area', ['城镇', '农村']],
    ] as const) {
      if (!indicator.disaggregations.includes(dimension)) continue;
      const [a, b] = split(num, den, 0.35 + rnd() * 0.3);
      parts.set(`${dimension}=${labels[0]}`, a);
      parts.set(`${dimension}=${labels[1]}`, b);
    }
    for (const cell of cells) {
      let pair = total;
      if (cell.sex !== null) pair = parts.get(`sex=${cell.sex}`) ?? total;
      else if (cell.area !== null) pair = parts.get(`area=${cell.area}`) ?? total;
      else if (cell.ageGroup !== null) {
        // Age groups are not summed by the default rules: an independent sample each.
        const d = 500 + Math.floor(rnd() * 5000);
        pair = [Math.min(d, Math.round(d * (share * (0.8 + rnd() * 0.4)))), d];
      }
      out.set(cell, rateCell(indicator, pair[0], pair[1]));
    }
    return out;
  }
  if (isCountIndicator(indicator) || indicator.aggregation === 'sum') {
    const total = Math.floor(rnd() * 500);
    const female = Math.floor(total * (0.4 + rnd() * 0.2));
    const urban = Math.floor(total * (0.4 + rnd() * 0.4));
    for (const cell of cells) {
      let value = total;
      if (cell.sex !== null) value = cell.sex === '女' ? female : total - female;
      else if (cell.area !== null) value = cell.area === '城镇' ? urban : total - urban;
      else if (cell.ageGroup !== null) value = Math.floor(rnd() * total);
      out.set(cell, { value, numerator: null, denominator: null });
    }
    return out;
  }
  // Not a rate, not a count: life expectancy (岁), hours a day (小时) …
  const base = indicator.unit === '岁' ? 78 + rnd() * 6 : indicator.unit === '小时' ? 1 + rnd() * 8 : rnd() * 100;
  for (const cell of cells) out.set(cell, { value: round2(base * (0.95 + rnd() * 0.1)), numerator: null, denominator: null });
  return out;
}

const csvText = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export interface GenerateOptions {
  indicators: readonly IndicatorDefinition[];
  /** Regions in the order they are filled; each gets every year before the next region starts. */
  regionCodes: readonly string[];
  years: readonly number[];
  /** Exactly this many values (rows); the last region-year holds only whole indicators that fit. */
  values: number;
  seed?: number;
}

export interface GenerateResult {
  values: number;
  regionYears: number;
  bytes: number;
  /** Regions that received values. */
  regions: string[];
}

/** Writes the CSV to `file`; fails when the regions and years cannot hold `values` values. */
export async function generateDataCsv(file: string, options: GenerateOptions): Promise<GenerateResult> {
  const rnd = random(options.seed ?? 20_250_331);
  const out = createWriteStream(file, { encoding: 'utf8' });
  let buffer = `${REQUIRED_COLUMNS.join(',')}\n`;
  let bytes = 0;
  const flush = async (force: boolean) => {
    if (!force && buffer.length < 1 << 16) return;
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  let written = 0;
  let regionYears = 0;
  const regions: string[] = [];
  const fmt = (x: number | null) => (x === null ? '' : String(x));
  outer: for (const regionCode of options.regionCodes) {
    regions.push(regionCode);
    for (const year of options.years) {
      if (written >= options.values) break outer;
      regionYears++;
      for (const indicator of options.indicators) {
        const grid = gridValues(indicator, rnd);
        if (written + grid.size > options.values) continue; // whole indicators only
        for (const [cell, v] of grid) {
          buffer += `${indicator.code},${regionCode},${year},${cell.sex ?? ''},${csvText(cell.ageGroup ?? '')},${cell.area ?? ''},${fmt(v.value)},${fmt(v.numerator)},${fmt(v.denominator)},${SAMPLE_NOTE}\n`;
        }
        written += grid.size;
        await flush(false);
      }
    }
  }
  await flush(true);
  out.end();
  await once(out, 'finish');
  if (written !== options.values) {
    throw new Error(`示例数据只能生成${written}个数值（需要${options.values}个）：地区或年份不够`);
  }
  return { values: written, regionYears, bytes, regions };
}
