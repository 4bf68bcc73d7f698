import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisaggregationCell } from './data-value.types.ts';
import {
  cellFromRaw,
  cellLabel,
  cellProblem,
  disaggregationKey,
  gridCells,
  parseDisaggregationKey,
} from './disaggregation.ts';
import { CHILD_INJURY_DEATH_RATE, FITNESS_RATE, NEW_KINDERGARTENS } from './monitoring.fixtures.ts';

describe('disaggregationKey', () => {
  it('names the total _T and orders dimensions sex, age, area', () => {
    expect(disaggregationKey({ sex: null, ageGroup: null, area: null })).toBe('_T');
    expect(disaggregationKey({ sex: '女', ageGroup: null, area: null })).toBe('sex=女');
    expect(disaggregationKey({ area: '城镇', ageGroup: '0-4岁', sex: '男' })).toBe('sex=男|age=0-4岁|area=城镇');
  });

  it('does not depend on the order the object was built in', () => {
    const a: DisaggregationCell = { sex: '女', ageGroup: null, area: '农村' };
    const b: DisaggregationCell = JSON.parse('{"area":"农村","ageGroup":null,"sex":"女"}');
    expect(disaggregationKey(a)).toBe(disaggregationKey(b));
  });

  it('round-trips every cell, including age labels holding the separators', () => {
    const cell = fc.record({
      sex: fc.constantFrom<DisaggregationCell['sex']>(null, '女', '男'),
      ageGroup: fc.option(fc.string({ minLength: 1 }), { nil: null }),
      area: fc.constantFrom<DisaggregationCell['area']>(null, '城镇', '农村'),
    });
    fc.assert(
      fc.property(cell, (c) => {
        expect(parseDisaggregationKey(disaggregationKey(c))).toEqual(c);
      }),
    );
    const tricky: DisaggregationCell = { sex: null, ageGroup: 'a|b=c%7C', area: null };
    expect(parseDisaggregationKey(disaggregationKey(tricky))).toEqual(tricky);
  });

  it('gives different keys to different cells', () => {
    const keys = new Set(
      [null, '女', '男'].flatMap((sex) =>
        [null, '0-4岁', '5-14岁'].flatMap((ageGroup) =>
          [null, '城镇', '农村'].map((area) => disaggregationKey({ sex, ageGroup, area } as DisaggregationCell)),
        ),
      ),
    );
    expect(keys.size).toBe(27);
  });

  it('rejects keys it did not produce', () => {
    expect(() => parseDisaggregationKey('sex=X')).toThrow('无效的分组键');
    expect(() => parseDisaggregationKey('area=城镇|sex=女')).toThrow('无效的分组键');
    expect(() => parseDisaggregationKey('total')).toThrow('无效的分组键');
    expect(() => parseDisaggregationKey('sex=女|sex=男')).toThrow('无效的分组键');
  });
});

describe('grid cells and labels', () => {
  it('lists the total, then each part of each dimension', () => {
    expect(gridCells(FITNESS_RATE).map(cellLabel)).toEqual(['合计', '女', '男', '城镇', '农村']);
    expect(gridCells(CHILD_INJURY_DEATH_RATE).map(cellLabel)).toEqual(['合计', '女', '男', '0-4岁', '5-14岁', '15-17岁']);
    expect(gridCells(NEW_KINDERGARTENS).map(cellLabel)).toEqual(['合计']);
    expect(cellLabel({ sex: '女', ageGroup: null, area: '城镇' })).toBe('女·城镇');
  });

  it('explains cells an indicator does not have', () => {
    expect(cellProblem(NEW_KINDERGARTENS, { sex: '女', ageGroup: null, area: null })).toBe('该指标不分性别统计');
    expect(cellProblem(FITNESS_RATE, { sex: null, ageGroup: '0-4岁', area: null })).toBe('该指标不分年龄组统计');
    expect(cellProblem(CHILD_INJURY_DEATH_RATE, { sex: null, ageGroup: '0-6岁', area: null })).toBe(
      '年龄组“0-6岁”不在该指标的年龄组（0-4岁、5-14岁、15-17岁）中',
    );
    expect(cellProblem(CHILD_INJURY_DEATH_RATE, { sex: null, ageGroup: null, area: '农村' })).toBe('该指标不分城乡统计');
    expect(cellProblem(FITNESS_RATE, { sex: '男', ageGroup: null, area: '农村' })).toBeNull();
  });
});

describe('cellFromRaw', () => {
  it('reads CSV-style columns, blank meaning the total', () => {
    expect(cellFromRaw({ sex: '', ageGroup: '', area: '' })).toEqual({ ok: true, cell: { sex: null, ageGroup: null, area: null } });
    expect(cellFromRaw({ sex: '女性', area: '城镇' })).toEqual({ ok: true, cell: { sex: '女', ageGroup: null, area: '城镇' } });
    expect(cellFromRaw({ sex: '合计', ageGroup: ' 0-4岁 ' })).toEqual({ ok: true, cell: { sex: null, ageGroup: '0-4岁', area: null } });
  });

  it('rejects unknown codes with a Chinese message', () => {
    expect(cellFromRaw({ sex: 'F' })).toEqual({ ok: false, message: '性别“F”无效，应为女、男或留空（合计）' });
    expect(cellFromRaw({ area: '城市' })).toEqual({ ok: false, message: '城乡“城市”无效，应为城镇、农村或留空（合计）' });
  });
});
