/**
 * A number for a Chinese message: thousands separators, at most `maxDecimals` decimals, no trailing zeros
 * (1203 → "1,203", 62.3 − 50 → "12.3" rather than 12.299999999999997). Locale-independent on purpose.
 */
export function formatNumber(n: number, maxDecimals = 4): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const [intPart = '0', fracPart = ''] = fixed.split('.');
  const frac = fracPart.replace(/0+$/, '');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac === '' ? grouped : `${grouped}.${frac}`;
  return n < 0 && body.replace(/[0.,]/g, '') !== '' ? `-${body}` : body;
}

/** A number with its unit as Chinese statistics write it: 120%, 3.3‰, 8.2/10万, 1,203人. */
export function withUnit(n: number, unit: string, maxDecimals = 4): string {
  const text = formatNumber(n, maxDecimals);
  // "1/10万" reads 8.2/10万, not 8.21/10万.
  if (unit.startsWith('1/')) return `${text}${unit.slice(1)}`;
  return `${text}${unit}`;
}

/** What an absolute change in this unit is called: 百分点 for %, 千分点 for ‰, else the unit itself. */
export function changeUnit(unit: string): string {
  if (unit === '%') return '个百分点';
  if (unit === '‰') return '个千分点';
  return unit.startsWith('1/') ? `（${unit}）` : unit;
}
