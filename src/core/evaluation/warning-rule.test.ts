import { describe, expect, it } from 'vitest';
import { evaluateTarget } from './evaluate-target.ts';
import { difficultyLevel } from './warning-rule.ts';
import type { Target } from '../target/target.types.ts';

const trendTarget: Target = { indicator: '妇女人均预期寿命', indicatorCode: 'W1.01', kind: 'trend', op: null, value: null, unit: null, baseYear: null, targetYear: 2025, text: '妇女人均预期寿命延长', direction: 'increase' };
const indicator = { code: 'W1.01', unit: '岁', polarity: 'higher_better' as const };
const judge = (values: Record<number, number>) =>
  evaluateTarget({ target: trendTarget, indicator, year: 2024, series: Object.entries(values).map(([year, value]) => ({ year: Number(year), value })) });

describe('difficultyLevel (达标困难 of one target)', () => {
  it('off track is red, at risk yellow, on track and achieved none', () => {
    expect(difficultyLevel({ status: 'off_track', method: 'growth_ratio', trend: null })).toBe('red');
    expect(difficultyLevel({ status: 'at_risk', method: 'linear_ratio', trend: null })).toBe('yellow');
    expect(difficultyLevel({ status: 'on_track', method: 'growth_ratio', trend: null })).toBeNull();
    expect(difficultyLevel({ status: 'achieved', method: 'growth_ratio', trend: null })).toBeNull();
  });

  it('a direction-only target whose trend worsens is yellow; improving, stable or too few points none', () => {
    const worse = judge({ 2020: 81, 2022: 80.6, 2024: 80.2 });
    expect(worse.status).toBe('no_target');
    expect(worse.trend).toBe('worsening');
    expect(worse.reason).toContain('趋势恶化');
    expect(difficultyLevel(worse)).toBe('yellow');
    const better = judge({ 2020: 78, 2022: 80, 2024: 82 });
    expect(better.trend).toBe('improving');
    expect(difficultyLevel(better)).toBeNull();
    const stable = judge({ 2020: 80, 2022: 80.5, 2024: 81 });
    expect(stable.trend).toBe('stable');
    expect(difficultyLevel(stable)).toBeNull();
    const few = judge({ 2023: 81, 2024: 80 });
    expect(few.trend).toBeNull();
    expect(difficultyLevel(few)).toBeNull();
  });

  it('a not-evaluated target (deadline, not applicable) is never a difficulty', () => {
    expect(difficultyLevel({ status: 'no_target', method: 'not_evaluated', trend: null })).toBeNull();
  });
});
