import { Flex, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { Target } from '../api/types.ts';
import { targetCondition } from './format.ts';
import { labelOf, targetKindColor, targetKindLabel } from './labels.ts';

/** Each target as a compact chip: indicator and condition; the original phrase in the tooltip. */
export function TargetChips({ targets }: { targets: Target[] }) {
  if (targets.length === 0) return null;
  return (
    <Flex wrap gap={6} className="target-chips">
      {targets.map((t, i) => {
        const chip = (
          <Tag color={labelOf(targetKindColor, t.kind)} className="target-chip" data-kind={t.kind}>
            <span className="target-chip-kind">{labelOf(targetKindLabel, t.kind)}</span>
            {t.indicator} {targetCondition(t)}
          </Tag>
        );
        return (
          <Tooltip key={`${i}-${t.text}`} title={`原文：${t.text}`}>
            {t.indicatorCode ? <Link to={`/indicators/${encodeURIComponent(t.indicatorCode)}`}>{chip}</Link> : chip}
          </Tooltip>
        );
      })}
    </Flex>
  );
}
