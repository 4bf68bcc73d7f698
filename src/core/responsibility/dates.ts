/** Calendar dates as ISO text (YYYY-MM-DD), computed in UTC so that no time zone shifts a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new Error(`日期“${date}”格式不正确，应为 YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether the text is an existing calendar date in YYYY-MM-DD form (2022-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The same day `months` calendar months later; a day the target month lacks becomes its last day
 * (2022-01-31 + 1 month = 2022-02-28), as a deadline “within one month” is read.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** YYYY-MM of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Whether the text is a month in YYYY-MM form. */
export function isIsoMonth(text: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { first: string; last: string } {
  if (!isIsoMonth(month)) throw new Error(`月份“${month}”格式不正确，应为 YYYY-MM`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: format(y, m, 1), last: format(y, m, daysInMonth(y, m)) };
}

/** The date part (YYYY-MM-DD) of a Date, in UTC. */
export function isoDateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
