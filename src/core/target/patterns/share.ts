import { splitTopLevel } from '../sentences.ts';
import { NUMBER } from '../units.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

const SHARE = `(?:${NUMBER}%|一半|半数)(?:以上)?`;
const SHARE_OF = new RegExp(
  `^(?<before>.*?)(?<list>${SHARE}的.+?)(?<verb>建立|建成|设立|配备|争创为|创建为|达到|开展|拥有|具备)(?<object>.+)$`,
);
const ONE = new RegExp(`^(?<share>${NUMBER}%|一半|半数)(?<above>以上)?的(?<unit>.+)$`);

/**
 * Shares of units that do something: 95%的城市社区和80%的村（社区）建立家长学校…,
 * 应保证一半以上的领导班子配备女干部 → 配备女干部的领导班子比例 ≥ 50%.
 */
export const sharePattern: ClausePattern = ({ clause, memory }) => {
  const m = SHARE_OF.exec(clause);
  if (!m?.groups) return null;
  const { before = '', list = '', verb = '', object = '' } = m.groups;
  if (/\d/.test(before)) return null;
  const parts = splitTopLevel(list, new RegExp(`^(?:和|、|及)(?=${SHARE}的)`));
  const targets: DraftTarget[] = [];
  for (const part of parts) {
    const p = ONE.exec(part);
    if (!p?.groups) return null;
    const { share = '', unit = '' } = p.groups;
    const value = share === '一半' || share === '半数' ? 50 : Number(share.slice(0, -1));
    const t: DraftTarget = {
      indicator: `${verb}${object}的${unit}比例`,
      kind: 'threshold',
      op: '>=',
      value,
      unit: '%',
      baseYear: null,
    };
    if (memory.pendingScope !== null) t.scope = memory.pendingScope;
    targets.push(t);
  }
  memory.lastItem = object;
  memory.lastScope = memory.pendingScope;
  return { targets, usedPendingScope: memory.pendingScope !== null };
};
