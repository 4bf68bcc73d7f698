/** Services take `now` so that tests can fix the day; the default is the real clock. */
export interface Clock {
  now?: Date;
}

export function nowOf(clock: Clock = {}): Date {
  return clock.now ?? new Date();
}

/** Deadlines are days in China: “today” is the date in this time zone (FUER_TIME_ZONE, default Asia/Shanghai). */
export const TIME_ZONE = process.env.FUER_TIME_ZONE || 'Asia/Shanghai';

const dateInZone = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in TIME_ZONE. */
export function todayOf(clock: Clock = {}): string {
  return dateInZone.format(nowOf(clock));
}

/** A timestamp for the records (ISO, UTC). */
export function stampOf(clock: Clock = {}): string {
  return nowOf(clock).toISOString();
}
