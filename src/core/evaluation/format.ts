import type { TargetOp } from '../target/target.types.ts';

/** Values are shown with the precision of the data, at least this many decimals for derived values … */
const MIN_DISPLAY_DECIMALS = 1;
/** … and at most this many. */
const MAX_DISPLAY_DECIMALS = 2;
/** Significant digits for a small non-zero number that would round to 0. */
const SMALL_VALUE_DIGITS = 2;
/** Growth rates are shown in percent with one decimal, two when below 1% in size. */
const RATE_DECIMALS = 1;
const SMALL_RATE_DECIMALS = 2;

/** Decimals looked for in data values; more than this counts as this many. */
const MAX_DATA_DECIMALS = 6;

/** Decimals of a data value as written (0.125 → 3), ignoring float noise; at most 6. */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n)) return 0;
  let scaled = n;
  for (let d = 0; d < MAX_DATA_DECIMALS; d++) {
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
    scaled *= 10;
  }
  return MAX_DATA_DECIMALS;
}

/** Decimals to show a set of related numbers: those of the data, between 1 and 2. */
export function displayDecimals(values: readonly number[]): number {
  const most = values.reduce((m, v) => Math.max(m, decimalsOf(v)), 0);
  return Math.min(MAX_DISPLAY_DECIMALS, Math.max(MIN_DISPLAY_DECIMALS, most));
}

/** Round to `decimals`, drop trailing zeros; a small non-zero number keeps two significant digits. */
export function formatNumber(v: number, decimals = MAX_DISPLAY_DECIMALS): string {
  if (!Number.isFinite(v)) return String(v);
  let text = v.toFixed(decimals);
  if (Number(text) === 0 && v !== 0) text = v.toPrecision(SMALL_VALUE_DIGITS);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** Attach a unit as written in the plan: 85%, 3‰, 8.2/10万 (for 1/10万), 4.5个/千人, 300所. */
export function withUnit(text: string, unit: string | null | undefined): string {
  if (!unit) return text;
  if (unit.startsWith('1/')) return text + unit.slice(1);
  if (unit === '百分点') return `${text}个百分点`;
  return text + unit;
}

export function formatValue(v: number, unit: string | null | undefined, decimals?: number): string {
  return withUnit(formatNumber(v, decimals), unit);
}

/** A difference of two values: percentage points for %, 千分点 for ‰, else the value's unit. */
export function formatDifference(v: number, unit: string | null | undefined, decimals?: number): string {
  const n = formatNumber(v, decimals);
  if (unit === '%' || unit === '百分点') return `${n}个百分点`;
  if (unit === '‰') return `${n}个千分点`;
  return withUnit(n, unit);
}

/** A fraction as a percentage: -0.023 → "-2.3%". */
export function formatRate(fraction: number): string {
  const pct = fraction * 100;
  const decimals = Math.abs(pct) < 1 ? SMALL_RATE_DECIMALS : RATE_DECIMALS;
  return `${formatNumber(pct, decimals)}%`;
}

/** Guard against 0.95 being stored as 0.9499999…: a share exactly at a threshold shows as the threshold. */
const SHARE_EPSILON = 1e-6;

/**
 * A progress ratio as a whole percentage, rounded down so the text never crosses a threshold that the status
 * did not: 0.5988 → "59%", 0.95 → "95%".
 */
export function formatShare(ratio: number): string {
  return `${formatNumber(Math.floor(ratio * 100 + SHARE_EPSILON), 0)}%`;
}

const OP_SYMBOLS: Record<TargetOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function opSymbol(op: TargetOp): string {
  return OP_SYMBOLS[op];
}

/** 2020—2024年 */
export function yearSpan(from: number, to: number): string {
  return `${from}—${to}年`;
}
