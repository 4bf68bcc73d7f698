import { describe, expect, it } from 'vitest';
import { navKeyFor, navParentOf } from './nav.tsx';

describe('menu selection', () => {
  it('selects the entry of a page and of its sub-pages', () => {
    expect(navKeyFor('/plans/women-2021')).toBe('/plans');
    expect(navKeyFor('/goals/12')).toBe('/plans');
    expect(navKeyFor('/data-entry')).toBe('/data-entry');
    expect(navKeyFor('/data-entry/forms/7')).toBe('/data-entry');
    expect(navKeyFor('/data-entry/review')).toBe('/data-entry/review');
    expect(navKeyFor('/evaluation/indicators/W1.03')).toBe('/evaluation');
    expect(navKeyFor('/evaluation/warnings/4')).toBe('/evaluation/warnings');
    expect(navKeyFor('/reports/12')).toBe('/reports');
    expect(navKeyFor('/reports/unit-reports/3')).toBe('/reports/unit-reports');
    expect(navKeyFor('/responsibility/county-plans/5')).toBe('/responsibility/county-plans');
    expect(navKeyFor('/public/reports/9')).toBe('/public/reports');
    expect(navKeyFor('/nowhere')).toBe('/plans');
  });

  it('keeps the submenu of the selected entry open', () => {
    expect(navParentOf('/data-entry/progress')).toBe('/data-entry');
    expect(navParentOf('/evaluation')).toBe('/evaluation');
    expect(navParentOf('/plans')).toBeUndefined();
  });
});
