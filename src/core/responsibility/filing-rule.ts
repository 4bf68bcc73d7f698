import { addCalendarMonths, daysBetween } from './dates.ts';

/**
 * The filing rule of section 四（四）: a county plan is sent to the city committee office within one month of
 * its promulgation (各区县规划颁布后1个月内报送市妇儿工委办公室). Read as: filed on or before the same day of the
 * next calendar month (the last day of that month when it has no such day).
 */
export type FilingState =
  | 'not_promulgated' // no promulgation date yet: no deadline runs
  | 'pending' // promulgated, not filed, deadline not passed
  | 'overdue' // promulgated, not filed, deadline passed
  | 'on_time' // filed within the month
  | 'late'; // filed after the deadline

export const FILING_STATE_LABELS: Record<FilingState, string> = {
  not_promulgated: '尚未颁布',
  pending: '待报送',
  overdue: '逾期未报送',
  on_time: '按期报送',
  late: '逾期报送',
};

export interface FilingCheck {
  state: FilingState;
  /** Last day on which filing is on time; null before promulgation. */
  deadline: string | null;
  /** Days past the deadline (filed late, or still not filed); 0 otherwise. */
  daysLate: number;
  /** Whether the office should see this one highlighted. */
  flagged: boolean;
  /** One Chinese sentence with the dates. */
  explanation: string;
}

export const FILING_PERIOD_MONTHS = 1;

export function filingDeadline(promulgatedAt: string): string {
  return addCalendarMonths(promulgatedAt, FILING_PERIOD_MONTHS);
}

export function checkFiling(input: { promulgatedAt: string | null; filedAt: string | null; today: string }): FilingCheck {
  const { promulgatedAt, filedAt, today } = input;
  if (promulgatedAt === null) {
    return { state: 'not_promulgated', deadline: null, daysLate: 0, flagged: false, explanation: '尚未登记颁布日期，报送期限未起算' };
  }
  const deadline = filingDeadline(promulgatedAt);
  if (filedAt === null) {
    const late = daysBetween(deadline, today);
    if (late > 0) {
      return { state: 'overdue', deadline, daysLate: late, flagged: true, explanation: `${promulgatedAt}颁布，应于${deadline}前报送，至今未报送，已逾期${late}天` };
    }
    return { state: 'pending', deadline, daysLate: 0, flagged: false, explanation: `${promulgatedAt}颁布，应于${deadline}前报送，尚余${-late}天` };
  }
  const late = daysBetween(deadline, filedAt);
  if (late > 0) {
    return { state: 'late', deadline, daysLate: late, flagged: true, explanation: `${promulgatedAt}颁布，应于${deadline}前报送，${filedAt}报送，逾期${late}天` };
  }
  return { state: 'on_time', deadline, daysLate: 0, flagged: false, explanation: `${promulgatedAt}颁布，${filedAt}报送，在颁布后1个月内（${deadline}前）` };
}
