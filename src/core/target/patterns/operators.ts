import type { TargetOp } from '../target.types.ts';

/** Verbs that put a value after an indicator, longest first (至少达到 before 至少, 达到 before 达). */
export const LEVEL_VERBS = [
  '控制在',
  '保持在',
  '稳定在',
  '维持在',
  '至少达到',
  '达到',
  '提高到',
  '提高至',
  '提升到',
  '提升至',
  '增加到',
  '增加至',
  '增至',
  '下降到',
  '下降至',
  '降低到',
  '降低至',
  '降到',
  '降至',
  '减少到',
  '减少至',
  '至少为',
  '不低于',
  '不少于',
  '不高于',
  '不超过',
  '不多于',
  '超过',
  '高于',
  '多于',
  '低于',
  '少于',
  '至少',
  '达',
  '为',
];

export const LEVEL_VERB = `(?:${LEVEL_VERBS.join('|')})`;

/** Words after a value: 以上/以下/以内 bound it, 左右 makes it approximate. */
export const QUALIFIER = '(?:及以上|或以上|以上|及以下|或以下|以下|以内|左右)';

const GREATER = new Set(['超过', '高于', '多于']);
const LESS = new Set(['低于', '少于']);
const AT_MOST = new Set([
  '不高于',
  '不超过',
  '不多于',
  '控制在',
  '下降到',
  '下降至',
  '降低到',
  '降低至',
  '降到',
  '降至',
  '减少到',
  '减少至',
]);

/**
 * The comparison a verb and qualifier express (DESIGN.md §3): 以上 ≥, 以下/以内 ≤, 超过 >, 控制在/下降到 ≤;
 * a level reached without 以上 (达到98%, 为100%, 保持在98%) is ≥. 左右 is handled as approx by the caller.
 */
export function comparisonOf(verb: string | undefined, qualifier: string | undefined): TargetOp {
  if (qualifier !== undefined && qualifier !== '') {
    if (qualifier.endsWith('以上')) return '>=';
    if (qualifier.endsWith('以下') || qualifier === '以内') return '<=';
    if (qualifier === '左右') return '=';
  }
  if (verb === undefined) return '>=';
  if (GREATER.has(verb)) return '>';
  if (LESS.has(verb)) return '<';
  if (AT_MOST.has(verb)) return '<=';
  return '>=';
}

const INCREASE = ['提高', '提升', '增加', '增长', '上升', '延长', '增强', '扩大'];
const DECREASE = ['下降', '降低', '减少', '缩小', '减缓', '降'];

export function directionOf(verb: string): 'increase' | 'decrease' | null {
  if (INCREASE.some((v) => verb.startsWith(v))) return 'increase';
  if (DECREASE.some((v) => verb.startsWith(v))) return 'decrease';
  return null;
}
