import { describe, expect, it } from 'vitest';
import { goalFromPath, goalKey, goalRefText } from './goal-options.ts';
import { ownerFromValue, unitFromValue } from './unit-options.ts';

describe('unit and goal pickers', () => {
  it('turns picker values into the units the API takes', () => {
    expect(unitFromValue('d:12')).toEqual({ departmentId: 12 });
    expect(unitFromValue('r:370303')).toEqual({ regionCode: '370303' });
    // A name typed in (tags mode) stays a name, even when it looks like a department.
    expect(unitFromValue(' 张店区实验小学 ')).toEqual({ name: '张店区实验小学' });
    expect(unitFromValue('d:abc')).toEqual({ name: 'd:abc' });
  });
  it('accepts only departments and counties as task owners', () => {
    expect(ownerFromValue('d:7')).toEqual({ departmentId: 7 });
    expect(ownerFromValue('r:370304')).toEqual({ regionCode: '370304' });
    expect(ownerFromValue('某某小学')).toBeNull();
    expect(ownerFromValue(undefined)).toBeNull();
  });
  it('reads a cascader path as a goal of the city plans', () => {
    expect(goalFromPath(['women', 1, 2])).toEqual({ plan: 'women', domain: 1, goal: 2 });
    expect(goalFromPath(['children', 3])).toBeNull();
    expect(goalFromPath(null)).toBeNull();
    const g = { plan: 'children' as const, domain: 7, goal: 4 };
    expect(goalKey(g)).toBe('children-7-4');
    expect(goalRefText(g)).toBe('儿童规划 领域7 目标4');
  });
});
