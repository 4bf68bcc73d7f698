import { describe, expect, it } from 'vitest';
import { compareTargets } from './target-comparison.ts';
import type { TargetTerms } from './target-comparison.ts';

const at = (op: TargetTerms['op'], value: number, unit = '%'): TargetTerms => ({ kind: 'threshold', op, value, unit });

describe('county target against the city target', () => {
  it('a lower value of a ≥ target is weaker, a higher one stronger', () => {
    expect(compareTargets(at('>=', 85), at('>=', 80)).result).toBe('weaker');
    expect(compareTargets(at('>=', 85), at('>=', 90)).result).toBe('stronger');
    expect(compareTargets(at('>=', 85), at('>=', 85)).result).toBe('same');
  });
  it('a higher value of a ≤ target is weaker', () => {
    const city = at('<=', 8.2, '1/10万');
    const county = at('<=', 10, '1/10万');
    const c = compareTargets(city, county);
    expect(c.result).toBe('weaker');
    expect(c.reason).toBe('控制值高于市目标（市：≤8.2/10万；区县：≤10/10万）');
    expect(compareTargets(city, at('<=', 8, '1/10万')).result).toBe('stronger');
  });
  it('“超过90%” asks more than “90%以上”', () => {
    expect(compareTargets(at('>', 90), at('>=', 90)).result).toBe('weaker');
    expect(compareTargets(at('>=', 90), at('>', 90)).result).toBe('stronger');
  });
  it('a 左右 target is weaker only beyond the band (±2 percentage points by default)', () => {
    const approx = (value: number): TargetTerms => ({ kind: 'approx', op: '=', value, unit: '%' });
    expect(compareTargets(approx(45), approx(43)).result).toBe('same');
    expect(compareTargets(approx(45), approx(47)).result).toBe('same');
    const outside = compareTargets(approx(45), approx(42.5));
    expect(outside.result).toBe('weaker');
    expect(outside.reason).toContain('偏离市目标2.5个百分点，超出±2个百分点的容差');
    expect(compareTargets(approx(45), approx(48), { approxBand: { percentagePoints: 5, relative: 0.05, percentUnits: ['%'], byIndicator: {} } }).result).toBe('same');
  });
  it('a smaller reduction of a change target is weaker', () => {
    const rel = (value: number): TargetTerms => ({ kind: 'relative_change', op: '>=', value, unit: '%', baseYear: 2020, direction: 'decrease' });
    expect(compareTargets(rel(20), rel(15)).result).toBe('weaker');
    expect(compareTargets(rel(20), rel(25)).result).toBe('stronger');
    expect(compareTargets(rel(20), { ...rel(20), baseYear: 2019 }).result).toBe('not_comparable');
  });
  it('a direction target that only maintains is weaker than one that improves', () => {
    const trend = (direction: 'increase' | 'decrease' | 'maintain'): TargetTerms => ({ kind: 'trend', op: null, value: null, unit: null, direction });
    expect(compareTargets(trend('increase'), trend('increase')).result).toBe('same');
    expect(compareTargets(trend('increase'), trend('maintain')).result).toBe('weaker');
    expect(compareTargets(trend('decrease'), trend('increase')).result).toBe('weaker');
  });
  it('different kinds, units or operators are not compared', () => {
    expect(compareTargets(at('>=', 85), { kind: 'trend', op: null, value: null, unit: null, direction: 'increase' }).result).toBe('not_comparable');
    expect(compareTargets(at('>=', 85, '%'), at('>=', 85, '‰')).result).toBe('not_comparable');
    expect(compareTargets(at('>=', 85), at('<=', 85)).result).toBe('not_comparable');
  });
  it('counts and ratios follow their operator', () => {
    expect(compareTargets({ kind: 'count', op: '>=', value: 1, unit: '所' }, { kind: 'count', op: '>=', value: 0, unit: '所' }).result).toBe('weaker');
    expect(compareTargets({ kind: 'ratio', op: '>=', value: 1.5, unit: null }, { kind: 'ratio', op: '>=', value: 2, unit: null }).result).toBe('stronger');
  });
});
