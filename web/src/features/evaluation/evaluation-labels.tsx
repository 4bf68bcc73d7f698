import { Tag } from 'antd';
import { evaluationStatusLabels } from '../../../../src/core/evaluation/evaluation.labels.ts';
import type { EvaluationStatus, WarningLevel, WarningStatus } from '../../api/types.ts';

export { evaluationStatusLabels };

export { STATUS_HEX, STATUS_ORDER } from './evaluation-status.ts';

const STATUS_TAG: Record<EvaluationStatus, string> = {
  achieved: 'success',
  on_track: 'processing',
  at_risk: 'warning',
  off_track: 'error',
  insufficient_data: 'default',
  no_target: 'default',
};

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  return (
    <Tag color={STATUS_TAG[status]} className="evaluation-status" data-status={status}>
      {evaluationStatusLabels[status]}
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
