import { Tag } from 'antd';
import { STATUS_LABELS } from '../../../../src/core/monitoring/approval-order.ts';
import type { DataValueStatus, FormKind } from '../../api/types.ts';

export { STATUS_LABELS };

export const STATUS_COLORS: Record<DataValueStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

export const FORM_KIND_LABELS: Record<FormKind, string> = { department: '市直部门', region: '区县' };

/** Short labels for a value's status beside a grid cell. */
export const SHORT_STATUS_LABELS: Record<DataValueStatus, string> = { draft: '草稿', submitted: '已提交', approved: '已通过', returned: '已退回' };

export function StatusTag({ status, className, short = false }: { status: DataValueStatus; className?: string; short?: boolean }) {
  return (
    <Tag color={STATUS_COLORS[status]} className={`status-tag ${className ?? ''}`} data-status={status} title={STATUS_LABELS[status]}>
      {(short ? SHORT_STATUS_LABELS : STATUS_LABELS)[status]}
    </Tag>
  );
}

/** A stored ISO timestamp in Beijing time: 2025-03-02 18:15. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
