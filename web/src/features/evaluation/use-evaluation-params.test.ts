import { describe, expect, it } from 'vitest';
import { defaultYear, yearOptions } from './use-evaluation-params.ts';

describe('evaluation year', () => {
  const today = new Date('2025-06-01T00:00:00Z');
  it('defaults to the latest round, else last year', () => {
    expect(defaultYear([{ year: 2023 }, { year: 2024 }], today)).toBe(2024);
    expect(defaultYear([], today)).toBe(2024);
  });
  it('offers every year from 2016, newest first, including a round ahead of the calendar', () => {
    expect(yearOptions([], today)).toEqual([2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
    expect(yearOptions([{ year: 2025 }], today)[0]).toBe(2025);
  });
});
