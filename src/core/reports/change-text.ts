import { formatNumber } from '../evaluation/format.ts';
import type { Polarity } from '../indicator/indicator.types.ts';

/** Below this the change reads 与上年持平 (float noise, not a change). */
const SAME_EPSILON = 1e-9;

/**
 * What an absolute change of a value in this unit is called in Chinese statistical reports:
 * 个百分点 for %, 个千分点 for ‰, 个十万分点 for 1/10万 (个万分点 for 1/万); else the unit itself (岁, 人, 所).
 */
export function changeUnitOf(unit: string): string {
  if (unit === '%' || unit === '百分点') return '个百分点';
  if (unit === '‰') return '个千分点';
  if (unit.startsWith('1/')) return `个${unit.slice(2).replace(/^100(?=万)/, '百').replace(/^10(?=万)/, '十')}分点`;
  return unit;
}

/** Rates and ages rise and fall (提高/下降); counts grow and shrink (增加/减少). */
function verbs(unit: string): { up: string; down: string } {
  const rate = unit === '%' || unit === '‰' || unit === '百分点' || unit.startsWith('1/') || unit === '岁';
  return rate ? { up: '提高', down: '下降' } : { up: '增加', down: '减少' };
}

/** Decimals to show a value and its change: those of the data, one at least, two at most. */
export function decimalsFor(...values: (number | null)[]): number {
  let most = 1;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    const text = String(Math.abs(v));
    const dot = text.indexOf('.');
    if (dot >= 0) most = Math.max(most, Math.min(2, text.length - dot - 1));
  }
  return most;
}

/** “比上年下降0.2个十万分点”, “比上年提高1.5个百分点”, “与上年持平”. */
export function changeOnLastYear(value: number, previous: number, unit: string, decimals = decimalsFor(value, previous)): string {
  const diff = Number((value - previous).toFixed(decimals));
  if (Math.abs(diff) < SAME_EPSILON) return '与上年持平';
  const v = verbs(unit);
  return `比上年${diff > 0 ? v.up : v.down}${formatNumber(Math.abs(diff), decimals)}${changeUnitOf(unit)}`;
}

/** Whether the change is for the better: null when no direction is known (band indicators) or no change. */
export function changeIsBetter(value: number, previous: number, polarity: Polarity): boolean | null {
  if (value === previous || polarity === 'band') return null;
  return polarity === 'higher_better' ? value > previous : value < previous;
}
