// Test fixtures: targets as the grammar reads them from the seed plans (text verbatim from
// plans/zibo-14th-fyp-women-children-plans.txt; evaluation.fixtures.test.ts checks that).
import type { Target } from '../target/target.types.ts';
import type { EvaluatedIndicator, SeriesPoint } from './evaluation.types.ts';

function target(fields: Partial<Target> & Pick<Target, 'kind' | 'text' | 'indicator'>): Target {
  return { indicatorCode: null, op: null, value: null, unit: null, baseYear: null, targetYear: 2025, ...fields };
}

export const seedTargets = {
  maternalMortality: target({
    indicator: '孕产妇死亡率',
    kind: 'threshold',
    op: '<=',
    value: 8.2,
    unit: '1/10万',
    text: '孕产妇死亡率控制在8.2/10万以下',
  }),
  preschoolEnrolment: target({
    indicator: '学前3年毛入园率',
    kind: 'threshold',
    op: '>=',
    value: 99,
    unit: '%',
    text: '学前3年毛入园率达到99%以上',
  }),
  screening: target({
    indicator: '妇女常见病筛查率',
    kind: 'threshold',
    op: '>=',
    value: 85,
    unit: '%',
    text: '妇女常见病筛查率达到85%以上',
  }),
  waterQuality: target({
    indicator: '城市集中式饮用水水源地水质达标率',
    kind: 'threshold',
    op: '=',
    value: 100,
    unit: '%',
    text: '城市集中式饮用水水源地水质达标率为100%',
  }),
  womenEmployed: target({
    indicator: '就业人员中的女性比例',
    kind: 'approx',
    op: '=',
    value: 45,
    unit: '%',
    text: '就业人员中的女性比例保持在45%左右',
  }),
  childInjuryDeaths: target({
    indicator: '儿童意外伤害死亡率',
    kind: 'relative_change',
    op: '>=',
    value: 20,
    unit: '%',
    baseYear: 2020,
    direction: 'decrease',
    text: '儿童意外伤害死亡率以2020年为基数下降20%',
  }),
  myopia: target({
    indicator: '儿童总体近视率',
    kind: 'annual_change',
    op: '>=',
    value: 1,
    unit: '百分点',
    direction: 'decrease',
    text: '儿童总体近视率平均每年降低1个百分点以上',
  }),
  kindergartens: target({
    indicator: '新建、改扩建幼儿园',
    kind: 'count',
    op: '>=',
    value: 300,
    unit: '所',
    text: '新建、改扩建幼儿园300所以上',
  }),
  toiletRatio: target({
    indicator: '女性厕位与男性厕位的比例',
    kind: 'ratio',
    op: '>=',
    value: 1.5,
    unit: null,
    ratio: [3, 2],
    text: '女性厕位与男性厕位的比例至少为3：2',
  }),
  womenExercise: target({
    indicator: '妇女经常参加体育锻炼的人数比例',
    kind: 'trend',
    direction: 'increase',
    text: '提高妇女经常参加体育锻炼的人数比例',
  }),
  newMyopia: target({
    indicator: '儿童新发近视率',
    kind: 'trend',
    direction: 'decrease',
    text: '儿童新发近视率明显下降',
  }),
  countyPlanFiling: target({
    indicator: '区县妇女发展规划报送',
    kind: 'deadline',
    value: 1,
    unit: '个月',
    text: '各区县规划颁布后1个月内报送市妇儿工委办公室',
  }),
} satisfies Record<string, Target>;

export const indicators = {
  maternalMortality: { code: 'W1.02', unit: '1/10万', polarity: 'lower_better' },
  percentHigher: { code: 'X.01', unit: '%', polarity: 'higher_better' },
  percentLower: { code: 'X.02', unit: '%', polarity: 'lower_better' },
  childInjuryDeaths: { code: 'C5.01', unit: '1/10万', polarity: 'lower_better' },
  womenEmployed: { code: 'W3.02', unit: '%', polarity: 'band' },
} satisfies Record<string, EvaluatedIndicator>;

/** Series from consecutive years starting in `from`. */
export function yearly(from: number, values: readonly number[]): SeriesPoint[] {
  return values.map((value, i) => ({ year: from + i, value }));
}
