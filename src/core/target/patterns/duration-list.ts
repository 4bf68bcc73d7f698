import { NUMBER } from '../units.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

const LIST = new RegExp(
  `^(?:保证|保障|确保|要|应)*(?<period>每天|每日|每周)?(?<list>(?:[^\\d、]+?${NUMBER}(?:小时|分钟)、)+[^\\d、]+?${NUMBER}(?:小时|分钟))(?<noun>[^\\d、]+)$`,
);
const ITEM = new RegExp(`([^\\d、]+?)(${NUMBER})(小时|分钟)`, 'g');

/** 保证每天小学生10小时、初中生9小时、高中生8小时睡眠时间: one minimum per group, the noun written once. */
export const durationListPattern: ClausePattern = ({ clause }) => {
  const m = LIST.exec(clause);
  if (!m?.groups) return null;
  const { period = '', list = '', noun = '' } = m.groups;
  const targets: DraftTarget[] = [...list.matchAll(ITEM)].map((item) => ({
    indicator: `${item[1] ?? ''}${period}${noun}`,
    kind: 'threshold',
    op: '>=',
    value: Number(item[2]),
    unit: item[3] ?? null,
    baseYear: null,
  }));
  return targets.length > 1 ? { targets } : null;
};
