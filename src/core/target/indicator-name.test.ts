import { describe, expect, it } from 'vitest';
import { cleanScope, cleanSubject, isMeasurable, measureTail, populationPrefix, resolveSubjects, takeUnitScope } from './indicator-name.ts';

describe('indicator names', () => {
  it('removes verbs, adverbs and connectives around a name', () => {
    expect(cleanSubject('倡导实现高级专业技术人员中的女性比例')).toBe('高级专业技术人员中的女性比例');
    expect(cleanSubject('中国共产党全市各级党员代表大会中女党员代表比例一般')).toBe('中国共产党全市各级党员代表大会中女党员代表比例');
    expect(cleanSubject('保障儿童每天累计运动')).toBe('儿童每天累计运动');
    expect(cleanSubject('应')).toBe('应');
  });

  it('cleans a count scope and drops one that names nothing', () => {
    expect(cleanScope('区县党政正职中至少')).toBe('区县党政正职');
    expect(cleanScope('市委、市人大、市政府、市政协和各区县党委、政府领导班子至少各')).toBe(
      '市委、市人大、市政府、市政协和各区县党委、政府领导班子',
    );
    expect(cleanScope('熟练')).toBeNull();
    expect(cleanScope('')).toBeNull();
  });

  it('takes 以…为单位 out as scope', () => {
    expect(takeUnitScope('疫苗接种率以镇（街道）为单位')).toEqual({ subject: '疫苗接种率', scope: '以镇（街道）为单位' });
    expect(takeUnitScope('疫苗接种率')).toEqual({ subject: '疫苗接种率', scope: null });
  });

  it('finds the shared measure words and population', () => {
    expect(measureTail('5岁以下儿童死亡率')).toBe('死亡率');
    expect(measureTail('乳腺癌人群筛查率')).toBe('人群筛查率');
    expect(measureTail('新生儿')).toBe('');
    expect(populationPrefix('35—64岁适龄妇女宫颈癌')).toBe('35—64岁适龄妇女');
    expect(populationPrefix('5岁以下儿童贫血率')).toBe('5岁以下儿童');
    expect(populationPrefix('生长迟缓率')).toBeNull();
  });

  it('knows what is measurable', () => {
    expect(isMeasurable('儿童溺水死亡率')).toBe(true);
    expect(isMeasurable('妇女人均预期寿命')).toBe(true);
    expect(isMeasurable('男女平等意识')).toBe(false);
    expect(isMeasurable('保障水平')).toBe(false);
    expect(isMeasurable('率')).toBe(false);
  });

  it('resolves lists against the number of values', () => {
    expect(resolveSubjects('新生儿、婴儿和5岁以下儿童死亡率', 3, true)).toEqual(['新生儿死亡率', '婴儿死亡率', '5岁以下儿童死亡率']);
    expect(resolveSubjects('35—64岁适龄妇女宫颈癌、乳腺癌人群筛查率', 1, true)).toEqual([
      '35—64岁适龄妇女宫颈癌人群筛查率',
      '35—64岁适龄妇女乳腺癌人群筛查率',
    ]);
    expect(resolveSubjects('公办园和普惠性民办园在园幼儿占比', 1, false)).toEqual(['公办园和普惠性民办园在园幼儿占比']);
    expect(resolveSubjects('甲率和乙率', 3, true)).toBeNull();
    expect(resolveSubjects('孕产妇系统管理率', 2, false)).toBeNull();
  });
});
