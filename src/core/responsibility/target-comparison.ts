import { defaultEvaluationConfig } from '../evaluation/evaluation.config.ts';
import type { EvaluationConfig } from '../evaluation/evaluation.config.ts';
import { formatDifference, formatValue, opSymbol } from '../evaluation/format.ts';
import type { TargetDirection, TargetKind, TargetOp } from '../target/target.types.ts';

/**
 * Compares a county's target with the city target it derives from. A county target WEAKER than the city's is
 * what the office must see: for a ≥ target a lower value, for a ≤ target a higher value, for a 左右 target a
 * value outside the city's band, for a change target a smaller change, for a direction target a direction
 * that promises less.
 */
export interface TargetTerms {
  indicatorCode?: string | null;
  kind: TargetKind;
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
  baseYear?: number | null;
  direction?: TargetDirection | null;
  reference?: string | null;
}

export type ComparisonResult = 'same' | 'stronger' | 'weaker' | 'not_comparable';

export const COMPARISON_LABELS: Record<ComparisonResult, string> = {
  same: '与市目标一致',
  stronger: '高于市目标',
  weaker: '低于市目标',
  not_comparable: '无法比较',
};

export interface TargetComparison {
  result: ComparisonResult;
  /** Chinese, with both targets' numbers. */
  reason: string;
}

export type ApproxBand = EvaluationConfig['approxBand'];

/** Half-width of the 左右 band around `value`, as the evaluation method reads it (docs/evaluation-method.md). */
export function approxHalfWidth(value: number, unit: string | null, indicatorCode: string | null | undefined, band: ApproxBand): number {
  const own = indicatorCode ? band.byIndicator[indicatorCode] : undefined;
  if (own !== undefined) return own;
  if (unit !== null && band.percentUnits.includes(unit)) return band.percentagePoints;
  return Math.abs(value) * band.relative;
}

const EPSILON = 1e-9;

function describe(t: TargetTerms): string {
  if (t.kind === 'trend') return t.direction === 'increase' ? '提高' : t.direction === 'decrease' ? '降低' : '保持';
  if (t.value === null) return `${t.op ? opSymbol(t.op) : ''}${t.reference ?? '（无数值）'}`;
  const v = formatValue(t.value, t.unit);
  switch (t.kind) {
    case 'approx':
      return `${v}左右`;
    case 'relative_change':
      return `以${t.baseYear ?? '基'}年为基数${t.direction === 'increase' ? '提高' : '下降'}${v}`;
    case 'annual_change':
      return `平均每年${t.direction === 'increase' ? '提高' : '降低'}${v}${t.op === '>=' ? '以上' : ''}`;
    default:
      return `${t.op ? opSymbol(t.op) : ''}${v}`;
  }
}

type Family = 'up' | 'down' | 'exact';

function familyOf(op: TargetOp | null): Family | null {
  if (op === '>=' || op === '>') return 'up';
  if (op === '<=' || op === '<') return 'down';
  if (op === '=') return 'exact';
  return null;
}

const DIRECTION_STRENGTH: Record<TargetDirection, number> = { maintain: 0, increase: 1, decrease: 1 };

export function compareTargets(city: TargetTerms, county: TargetTerms, options: { approxBand?: ApproxBand } = {}): TargetComparison {
  const band = options.approxBand ?? defaultEvaluationConfig.approxBand;
  const both = `（市：${describe(city)}；区县：${describe(county)}）`;
  const result = (r: ComparisonResult, why: string): TargetComparison => ({ result: r, reason: `${why}${both}` });

  if (city.kind !== county.kind) return result('not_comparable', '目标类型不同');
  if (city.kind === 'trend') {
    const cd = city.direction ?? 'maintain';
    const kd = county.direction ?? 'maintain';
    if (cd === kd) return result('same', '方向一致');
    if (cd !== 'maintain' && kd !== 'maintain') return result('weaker', '方向与市目标相反');
    return DIRECTION_STRENGTH[kd] < DIRECTION_STRENGTH[cd] ? result('weaker', '只要求保持，市目标要求改善') : result('stronger', '要求改善，市目标只要求保持');
  }
  if (city.unit !== county.unit && city.unit !== null && county.unit !== null) return result('not_comparable', '计量单位不同');
  if (city.value === null || county.value === null) {
    if (city.value === null && county.value === null && city.reference === county.reference && city.op === county.op) return result('same', '参照标准一致');
    return result('not_comparable', '缺少可比较的数值');
  }
  const cv = city.value;
  const kv = county.value;

  if (city.kind === 'approx') {
    const half = approxHalfWidth(cv, city.unit, city.indicatorCode ?? county.indicatorCode, band);
    const gap = kv - cv;
    if (Math.abs(gap) > half + EPSILON) {
      return result('weaker', `偏离市目标${formatDifference(Math.abs(gap), city.unit)}，超出±${formatDifference(half, city.unit)}的容差`);
    }
    return result('same', Math.abs(gap) < EPSILON ? '数值一致' : `在±${formatDifference(half, city.unit)}的容差内`);
  }

  if (city.kind === 'relative_change' || city.kind === 'annual_change') {
    if ((city.direction ?? null) !== (county.direction ?? null)) return result('weaker', '变化方向与市目标不同');
    if ((city.baseYear ?? null) !== (county.baseYear ?? null)) return result('not_comparable', '基数年份不同');
    if (kv < cv - EPSILON) return result('weaker', '要求的变化幅度小于市目标');
    if (kv > cv + EPSILON) return result('stronger', '要求的变化幅度大于市目标');
    return result('same', '数值一致');
  }

  // threshold, count, ratio, deadline: the comparison operator decides which way is stronger.
  const cf = familyOf(city.op);
  const kf = familyOf(county.op);
  if (cf === null || kf === null || cf !== kf) return result('not_comparable', '比较方式不同');
  if (cf === 'exact') return Math.abs(kv - cv) < EPSILON ? result('same', '数值一致') : result('weaker', '数值与市目标不同');
  const sign = cf === 'up' ? 1 : -1;
  const diff = sign * (kv - cv);
  if (diff < -EPSILON) return result('weaker', cf === 'up' ? '目标值低于市目标' : '控制值高于市目标');
  if (diff > EPSILON) return result('stronger', cf === 'up' ? '目标值高于市目标' : '控制值低于市目标');
  // Same number: a strict bound (超过90%) asks more than an inclusive one (达到90%以上).
  const strict = (op: TargetOp | null) => op === '>' || op === '<';
  if (strict(city.op) && !strict(county.op)) return result('weaker', '同一数值，但市目标要求“超过”');
  if (!strict(city.op) && strict(county.op)) return result('stronger', '同一数值，区县要求“超过”');
  return result('same', '数值一致');
}
