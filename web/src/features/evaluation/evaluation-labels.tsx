import { Tag } from 'antd';
import { evaluationStatusLabels, statusCategoryLabels, targetBasisLabels } from '../../../../src/core/evaluation/evaluation.labels.ts';
import type { EvaluationStatus, StatusCategory, TargetBasis, WarningLevel, WarningStatus } from '../../api/types.ts';
import { categoryOf } from './evaluation-status.ts';

export { evaluationStatusLabels, statusCategoryLabels, targetBasisLabels };

export { CATEGORY_ORDER, STATUS_HEX, STATUS_ORDER, categoryOf } from './evaluation-status.ts';

const STATUS_TAG: Record<StatusCategory, string> = {
  achieved: 'success',
  on_track: 'processing',
  at_risk: 'warning',
  off_track: 'error',
  insufficient_data: 'default',
  no_target: 'default',
  not_assessed: 'default',
};

/**
 * The status as a tag; a result not assessed (notAssessed: a county target marked 不适用, a city-wide total in a
 * county) reads 不作评估, not 无量化目标 (data-status stays the status, data-category tells them apart).
 */
export function EvaluationStatusTag({ status, notAssessed }: { status: EvaluationStatus; notAssessed?: boolean }) {
  const category = categoryOf({ status, notAssessed });
  return (
    <Tag color={STATUS_TAG[category]} className="evaluation-status" data-status={status} data-category={category} variant={category === 'not_assessed' ? 'outlined' : undefined}>
      {statusCategoryLabels[category]}
    </Tag>
  );
}

/** Whose target a county's result is judged against, when it is not the city's (区县规划目标, 区县规划新增目标). */
export function TargetBasisTag({ basis }: { basis: TargetBasis }) {
  if (basis === 'city') return null;
  return (
    <Tag color={basis === 'county_added' ? 'cyan' : 'geekblue'} className="target-basis" data-basis={basis}>
      {targetBasisLabels[basis]}
    </Tag>
  );
}

export const WARNING_LEVEL_COLORS: Record<WarningLevel, string> = { red: 'red', yellow: 'gold' };

export const WARNING_STATUS_COLORS: Record<WarningStatus, string> = {
  issued: 'volcano',
  responded: 'processing',
  escalated: 'magenta',
  closed: 'success',
  withdrawn: 'default',
};

export function WarningLevelTag({ level, label }: { level: WarningLevel; label: string }) {
  return (
    <Tag color={WARNING_LEVEL_COLORS[level]} className="warning-level" data-level={level}>
      {label}
    </Tag>
  );
}

export function WarningStatusTag({ status, label }: { status: WarningStatus; label: string }) {
  return (
    <Tag color={WARNING_STATUS_COLORS[status]} className="warning-status" data-status={status}>
      {label}
    </Tag>
  );
}
