import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import { isCountIndicator } from '../../core/monitoring/validation-rules.ts';
import type { Target } from '../../core/target/target.types.ts';

/**
 * Generated series for demo databases (示例数据): plausible, reproducible, and varied on purpose — most
 * regions move towards their targets, some stall or fall back (off track), some jump in the last year
 * (波动较大). Pure and seeded: the same seed gives the same numbers.
 */

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a text (FNV-1a), to derive one PRNG per indicator and region from the seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sparse: only the last two years were reported (数据不足 unless already achieved). */
export type DemoScenario = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'worsening' | 'volatile' | 'sparse';

const SCENARIOS: readonly [DemoScenario, number][] = [
  ['achieved', 0.46],
  ['on_track', 0.24],
  ['at_risk', 0.09],
  ['off_track', 0.07],
  ['worsening', 0.03],
  ['volatile', 0.07],
  ['sparse', 0.04],
];

export function pickScenario(rnd: () => number): DemoScenario {
  let x = rnd();
  for (const [s, p] of SCENARIOS) {
    if (x < p) return s;
    x -= p;
  }
  return 'achieved';
}

/** Share of the way from the 2020 level to the target covered by 2024, per scenario (4 of the 5 plan years). */
const PROGRESS: Record<DemoScenario, number> = { achieved: 1.15, on_track: 0.9, at_risk: 0.6, off_track: 0.2, worsening: -0.25, volatile: 0.9, sparse: 0.6 };

function typicalLevel(indicator: IndicatorDefinition, rnd: () => number): number {
  switch (indicator.unit) {
    case '%':
      return indicator.polarity === 'lower_better' ? 5 + rnd() * 20 : 45 + rnd() * 40;
    case '‰':
      return 2 + rnd() * 3;
    case '1/10万':
      return 5 + rnd() * 10;
    case '岁':
      return 78 + rnd() * 4;
    case '年':
      return 10 + rnd() * 2;
    case '比值':
      return 1.2 + rnd() * 0.4;
    case '小时':
      return 1 + rnd() * 8;
    default:
      return isCountIndicator(indicator) ? 2 + Math.floor(rnd() * 30) : 1 + rnd() * 10;
  }
}

function upperBound(indicator: IndicatorDefinition): number | null {
  if (indicator.unit === '%') return 100;
  if (indicator.unit === '‰') return 1000;
  return null;
}

export interface DemoPathInput {
  indicator: IndicatorDefinition;
  /** The indicator's first target with a number, if any. */
  target: Target | null;
  scenario: DemoScenario;
  years: readonly number[];
  rnd: () => number;
  /** Counties of a summed indicator share the city's target: each aims at target ÷ counties. */
  targetShare?: number;
}

/**
 * One region's series, year → value. The level moves on a straight line through 2020 (the plans' base year)
 * with the scenario's progress towards the target by 2024, plus small bounded noise, so that only the
 * volatile scenario's last-year jump stands out from the changes of earlier years.
 */
export function demoPath(input: DemoPathInput): Map<number, number> {
  const { indicator, target, scenario, years, rnd } = input;
  const share = input.targetShare ?? 1;
  const better = indicator.polarity === 'lower_better' ? -1 : 1;
  let start: number;
  let end: number;
  const numeric = target !== null && target.value !== null && target.kind !== 'trend' && target.kind !== 'deadline';
  if (numeric && target.kind === 'annual_change') {
    const per = target.value as number;
    start = typicalLevel(indicator, rnd);
    const dir = target.direction === 'increase' ? 1 : -1;
    end = start + dir * per * 4 * PROGRESS[scenario];
  } else if (numeric && target.kind === 'relative_change') {
    start = typicalLevel(indicator, rnd);
    const dir = target.direction === 'increase' ? 1 : -1;
    const goal = target.unit === '百分点' ? start + dir * (target.value as number) : start * (1 + (dir * (target.value as number)) / 100);
    end = start + (goal - start) * 0.8 * PROGRESS[scenario];
  } else if (numeric) {
    const goal = (target.value as number) * (isCountIndicator(indicator) || indicator.aggregation === 'sum' ? share : 1);
    if (target.kind === 'approx') {
      const off = (rnd() < 0.5 ? -1 : 1) * (3 + rnd() * 4);
      start = goal + off;
      end = start + (goal - start) * Math.min(1, PROGRESS[scenario]);
    } else {
      // Start short of the target by 5–20% (at least a little), then cover the scenario's share of the gap.
      const gap = Math.max(Math.abs(goal) * (0.05 + rnd() * 0.15), isCountIndicator(indicator) ? 1 : 0.5);
      start = goal - better * gap;
      end = start + (goal - start) * PROGRESS[scenario];
    }
  } else {
    start = typicalLevel(indicator, rnd);
    const dir = target?.direction === 'decrease' ? -1 : target?.direction === 'increase' ? 1 : better;
    // Life expectancy and years of schooling move slowly (tenths a year); rates by a few per cent a year.
    const pace = indicator.unit === '岁' || indicator.unit === '年' ? 0.15 : 1;
    const trend = pace * (scenario === 'worsening' || scenario === 'off_track' ? -0.008 : scenario === 'at_risk' ? 0.004 : 0.02);
    end = start * (1 + dir * trend * 4);
  }
  const slope = (end - start) / 4;
  const sigma = Math.max(Math.abs(slope) * 0.12, Math.abs(start) * 0.001, 1e-3);
  const bound = upperBound(indicator);
  const out = new Map<number, number>();
  const last = years[years.length - 1];
  for (const year of years) {
    if (scenario === 'sparse' && last !== undefined && year < last - 1) continue;
    let v = start + slope * (year - 2020) + (rnd() * 2 - 1) * sigma;
    if (scenario === 'volatile' && year === last) v += (rnd() < 0.5 ? -1 : 1) * (4 * Math.abs(slope) + 10 * sigma);
    if (bound !== null) v = Math.min(v, bound - 0.05);
    v = Math.max(v, bound !== null ? 0.05 : 0);
    out.set(year, isCountIndicator(indicator) ? Math.max(0, Math.round(v)) : Math.round(v * 100) / 100);
  }
  return out;
}
