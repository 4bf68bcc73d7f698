import { Tag } from 'antd';
import type { ReportKind, ReportStatus } from '../../api/reports.types.ts';

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  annual: '年度统计监测报告',
  compendium: '年度妇女儿童统计资料',
  midterm: '中期评估报告',
  final: '终期评估报告',
};

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: '草稿', under_review: '审核中', approved: '已审定', published: '已发布' };

const STATUS_COLORS: Record<ReportStatus, string> = { draft: 'default', under_review: 'processing', approved: 'cyan', published: 'success' };

export const PLAN_SCOPE_LABELS: Record<string, string> = { women: '妇女发展规划', children: '儿童发展规划', all: '妇女和儿童发展规划' };

export const planScopeLabel = (plan: string) => PLAN_SCOPE_LABELS[plan] ?? plan;

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} className="report-status" data-status={status}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Generated from demo data: every view of the report says so. */
export function DemoDataTag({ demo }: { demo: boolean }) {
  if (!demo) return null;
  return (
    <Tag color="orange" className="demo-data-tag">
      示例数据
    </Tag>
  );
}

/** 2025-03-01T02:00:00Z → 2025年3月1日 (Beijing time), for readers outside the platform. */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
