import type {
  Aggregation,
  Disaggregation,
  PlanKind,
  Polarity,
  RegionLevel,
  TargetDirection,
  TargetKind,
  TargetOp,
} from '../api/types.ts';

export const targetKindLabel: Record<TargetKind, string> = {
  threshold: '阈值',
  approx: '约数',
  relative_change: '相对基年变化',
  annual_change: '年均变化',
  trend: '趋势',
  count: '数量',
  ratio: '比例',
  deadline: '期限',
};

export const targetKindColor: Record<TargetKind, string> = {
  threshold: 'blue',
  approx: 'cyan',
  relative_change: 'purple',
  annual_change: 'geekblue',
  trend: 'green',
  count: 'orange',
  ratio: 'magenta',
  deadline: 'gold',
};

export const opSymbol: Record<TargetOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export const directionLabel: Record<TargetDirection, string> = {
  increase: '提高',
  decrease: '下降',
  maintain: '保持',
};

export const polarityLabel: Record<Polarity, string> = {
  higher_better: '越高越好',
  lower_better: '越低越好',
  band: '区间',
};

export const aggregationLabel: Record<Aggregation, string> = {
  sum: '求和',
  ratio: '分子分母比率',
  none: '不汇总',
};

export const disaggregationLabel: Record<Disaggregation, string> = {
  sex: '性别',
  age_group: '年龄组',
  area: '城乡',
};

export const planKindLabel: Record<PlanKind, string> = {
  women: '妇女发展规划',
  children: '儿童发展规划',
};

export const regionLevelLabel: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '区县',
  town: '乡镇（街道）',
  village: '村（社区）',
};

/** Label of a map whose key may be outside the known set (a newer server); falls back to the raw key. */
export function labelOf<K extends string>(labels: Record<K, string>, key: string): string {
  return (labels as Record<string, string>)[key] ?? key;
}
