import { Tag } from 'antd';
import type { Lateness, UnitReportStatus } from '../../../../src/core/unit-reports/unit-report.types.ts';
export { LATENESS_LABELS, UNIT_PROGRESS_LABELS, UNIT_REPORT_KIND_LABELS, UNIT_REPORT_STATUS_LABELS } from '../../../../src/core/unit-reports/unit-report.types.ts';

const STATUS_COLORS: Record<UnitReportStatus, string> = { draft: 'default', submitted: 'processing', returned: 'error', resubmitted: 'processing', approved: 'cyan', published: 'success' };
const LATENESS_COLORS: Record<Lateness, string> = { on_time: 'success', late: 'warning', pending: 'default', overdue: 'error' };

export function StatusTag({ status, label }: { status: UnitReportStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} className="unit-report-status" data-status={status}>
      {label}
    </Tag>
  );
}

export function LatenessTag({ lateness, label }: { lateness: Lateness; label: string }) {
  return (
    <Tag color={LATENESS_COLORS[lateness]} className="unit-report-lateness" data-lateness={lateness}>
      {label}
    </Tag>
  );
}

/** 2025-03-01T04:00:00.000Z → 2025年3月1日 (in the reader's time zone). */
export function chineseDay(stamp: string | null | undefined): string {
  if (!stamp) return '—';
  const d = new Date(stamp);
  if (Number.isNaN(d.getTime())) return stamp;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
