import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays, daysBetween, isIsoDate, monthRange } from './dates.ts';
import { checkFiling, filingDeadline } from './filing-rule.ts';

describe('calendar dates', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2022-03-01', 1)).toBe('2022-04-01');
    expect(addCalendarMonths('2022-01-31', 1)).toBe('2022-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2022-12-15', 1)).toBe('2023-01-15');
    expect(addCalendarMonths('2022-03-31', -1)).toBe('2022-02-28');
  });
  it('counts days across months and years', () => {
    expect(daysBetween('2022-04-01', '2022-04-15')).toBe(14);
    expect(daysBetween('2022-12-31', '2023-01-01')).toBe(1);
    expect(daysBetween('2022-04-15', '2022-04-01')).toBe(-14);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2022-01-01', -1)).toBe('2021-12-31');
  });
  it('validates dates and months', () => {
    expect(isIsoDate('2022-02-28')).toBe(true);
    expect(isIsoDate('2022-02-29')).toBe(false);
    expect(isIsoDate('2022-2-1')).toBe(false);
    expect(monthRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
  });
});

describe('filing within one month of promulgation', () => {
  it('promulgated 2022-03-01 is due 2022-04-01', () => {
    expect(filingDeadline('2022-03-01')).toBe('2022-04-01');
  });
  it('flags a plan filed on 2022-04-15 as 14 days late', () => {
    const check = checkFiling({ promulgatedAt: '2022-03-01', filedAt: '2022-04-15', today: '2025-01-01' });
    expect(check).toMatchObject({ state: 'late', deadline: '2022-04-01', daysLate: 14, flagged: true });
    expect(check.explanation).toBe('2022-03-01颁布，应于2022-04-01前报送，2022-04-15报送，逾期14天');
  });
  it('accepts filing on the last day, and rejects the day after', () => {
    expect(checkFiling({ promulgatedAt: '2022-03-01', filedAt: '2022-04-01', today: '2025-01-01' }).state).toBe('on_time');
    expect(checkFiling({ promulgatedAt: '2022-03-01', filedAt: '2022-04-02', today: '2025-01-01' })).toMatchObject({ state: 'late', daysLate: 1 });
    expect(checkFiling({ promulgatedAt: '2022-01-31', filedAt: '2022-02-28', today: '2025-01-01' }).state).toBe('on_time');
    expect(checkFiling({ promulgatedAt: '2022-01-31', filedAt: '2022-03-01', today: '2025-01-01' }).state).toBe('late');
  });
  it('distinguishes pending from overdue while not filed', () => {
    expect(checkFiling({ promulgatedAt: '2022-03-01', filedAt: null, today: '2022-04-01' })).toMatchObject({ state: 'pending', flagged: false });
    expect(checkFiling({ promulgatedAt: '2022-03-01', filedAt: null, today: '2022-04-11' })).toMatchObject({ state: 'overdue', daysLate: 10, flagged: true });
    expect(checkFiling({ promulgatedAt: null, filedAt: null, today: '2022-04-11' })).toMatchObject({ state: 'not_promulgated', deadline: null, flagged: false });
  });
});
