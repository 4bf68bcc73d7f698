// Test fixtures: indicators named as in the seed plans (plans/zibo-14th-fyp-women-children-plans.txt) and
// Zibo's districts and counties. Codes of the indicators are illustrative; the catalogue assigns the real ones.
import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { DataValue, DisaggregationCell } from './data-value.types.ts';

function indicator(
  fields: Pick<IndicatorDefinition, 'code' | 'name' | 'unit' | 'scale' | 'polarity' | 'aggregation' | 'disaggregations'> &
    Partial<IndicatorDefinition>,
): IndicatorDefinition {
  return {
    department: '市卫生健康委',
    plan: fields.code.startsWith('W') ? 'women' : 'children',
    domain: 1,
    definition: '',
    aliases: [],
    ...fields,
  };
}

/** 孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小 (women's plan, health, goal 2). */
export const MATERNAL_MORTALITY = indicator({
  code: 'W1.02', name: '孕产妇死亡率', unit: '1/10万', scale: 100_000,
  polarity: 'lower_better', aggregation: 'ratio', disaggregations: ['area'],
});

/** 新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下，城乡差距逐步缩小. */
export const INFANT_MORTALITY = indicator({
  code: 'C1.03', name: '婴儿死亡率', unit: '‰', scale: 1000,
  polarity: 'lower_better', aggregation: 'ratio', disaggregations: ['area'],
});

/** 中小学生国家学生体质健康标准达标优良率达到52%以上 (by sex and urban–rural). */
export const FITNESS_RATE = indicator({
  code: 'C1.10', name: '中小学生国家学生体质健康标准达标优良率', unit: '%', scale: 100,
  polarity: 'higher_better', aggregation: 'ratio', disaggregations: ['sex', 'area'], department: '市教育局',
});

/** 就业人员中的女性比例保持在45%左右. */
export const FEMALE_EMPLOYMENT_SHARE = indicator({
  code: 'W4.02', name: '就业人员中的女性比例', unit: '%', scale: 100,
  polarity: 'band', aggregation: 'ratio', disaggregations: [], domain: 4, department: '市人力资源社会保障局',
});

/** 村委会成员中女性比例保持在30%以上: the count of members by sex underlies it. */
export const VILLAGE_COMMITTEE_MEMBERS = indicator({
  code: 'W5.09', name: '村委会成员', unit: '人', scale: null,
  polarity: 'higher_better', aggregation: 'sum', disaggregations: ['sex'], domain: 5, department: '市委组织部',
});

/** 新建、改扩建幼儿园300所以上. */
export const NEW_KINDERGARTENS = indicator({
  code: 'C4.05', name: '新建、改扩建幼儿园', unit: '所', scale: null,
  polarity: 'higher_better', aggregation: 'sum', disaggregations: [], domain: 4, department: '市教育局',
});

/** 儿童意外伤害死亡率以2020年为基数下降20% (by sex and age group). */
export const CHILD_INJURY_DEATH_RATE = indicator({
  code: 'C3.01', name: '儿童意外伤害死亡率', unit: '1/10万', scale: 100_000,
  polarity: 'lower_better', aggregation: 'ratio', disaggregations: ['sex', 'age_group'],
  ageGroups: ['0-4岁', '5-14岁', '15-17岁'], domain: 3,
});

/** 城市集中式饮用水水源地水质达标率为100%: assessed per water source, not summed over counties. */
export const DRINKING_WATER_COMPLIANCE = indicator({
  code: 'W8.07', name: '城市集中式饮用水水源地水质达标率', unit: '%', scale: 100,
  polarity: 'higher_better', aggregation: 'none', disaggregations: [], domain: 8, department: '市生态环境局',
});

export const ALL_INDICATORS: readonly IndicatorDefinition[] = [
  MATERNAL_MORTALITY, INFANT_MORTALITY, FITNESS_RATE, FEMALE_EMPLOYMENT_SHARE,
  VILLAGE_COMMITTEE_MEMBERS, NEW_KINDERGARTENS, CHILD_INJURY_DEATH_RATE, DRINKING_WATER_COMPLIANCE,
];

export const ZIBO = '370300';

/** The eight GB/T 2260 districts and counties, then the three functional zones (configured codes). */
export const ZIBO_CHILDREN: Readonly<Record<string, string>> = {
  '370302': '淄川区',
  '370303': '张店区',
  '370304': '博山区',
  '370305': '临淄区',
  '370306': '周村区',
  '370321': '桓台县',
  '370322': '高青县',
  '370323': '沂源县',
  'ZB-GX': '高新区',
  'ZB-JK': '经济开发区',
  'ZB-WCH': '文昌湖区',
};

export const ZIBO_CHILD_CODES: readonly string[] = Object.keys(ZIBO_CHILDREN);

export const TOTAL: DisaggregationCell = { sex: null, ageGroup: null, area: null };
export const FEMALE: DisaggregationCell = { sex: '女', ageGroup: null, area: null };
export const MALE: DisaggregationCell = { sex: '男', ageGroup: null, area: null };
export const URBAN: DisaggregationCell = { sex: null, ageGroup: null, area: '城镇' };
export const RURAL: DisaggregationCell = { sex: null, ageGroup: null, area: '农村' };

/** A data value with everyday defaults: total cell, approved, version 1, Zichuan (370302), 2024. */
export function dv(fields: Partial<DataValue> & Pick<DataValue, 'indicatorCode'>): DataValue {
  return {
    regionCode: '370302',
    year: 2024,
    disaggregation: TOTAL,
    value: null,
    numerator: null,
    denominator: null,
    source: null,
    note: null,
    status: 'approved',
    version: 1,
    backfilled: false,
    ...fields,
  };
}
