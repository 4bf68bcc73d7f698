/**
 * Vocabulary of the departments' and counties' reports to the city office (section 四 of both plans: 责任单位和
 * 下级妇儿工委每年报告规划落实情况和下一年工作安排; section 五: 中期、终期自评).
 */
export type UnitReportKind = 'annual' | 'midterm' | 'final';
export type UnitReportStatus = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'published';
export type UnitKind = 'department' | 'county';
export type UnitProgress = 'achieved' | 'mostly_achieved' | 'in_progress' | 'lagging';
export type UnitItemRole = 'lead' | 'responsible' | 'county';

export const UNIT_REPORT_KINDS: readonly UnitReportKind[] = ['annual', 'midterm', 'final'];
export const UNIT_PROGRESS: readonly UnitProgress[] = ['achieved', 'mostly_achieved', 'in_progress', 'lagging'];

export const UNIT_REPORT_KIND_LABELS: Record<UnitReportKind, string> = {
  annual: '年度落实情况和下一年工作安排',
  midterm: '中期自评报告',
  final: '终期自评报告',
};

export const UNIT_REPORT_STATUS_LABELS: Record<UnitReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  resubmitted: '已重新提交',
  approved: '已审定',
  published: '已发布',
};

export const UNIT_PROGRESS_LABELS: Record<UnitProgress, string> = {
  achieved: '已实现',
  mostly_achieved: '基本实现',
  in_progress: '稳步推进',
  lagging: '进展滞后',
};

export const UNIT_ITEM_ROLE_LABELS: Record<UnitItemRole, string> = { lead: '牵头', responsible: '参与', county: '本地区' };

/** Statuses in which the unit edits its report. */
export const EDITABLE_STATUSES: readonly UnitReportStatus[] = ['draft', 'returned'];
/** Statuses waiting for the office's decision. */
export const PENDING_STATUSES: readonly UnitReportStatus[] = ['submitted', 'resubmitted'];

/** The report's title, e.g. 市卫生健康委2024年度规划落实情况和2025年工作安排. */
export function unitReportTitle(unitName: string, year: number, kind: UnitReportKind): string {
  if (kind === 'annual') return `${unitName}${year}年度妇女儿童发展规划落实情况和${year + 1}年工作安排`;
  return `${unitName}妇女儿童发展规划${kind === 'midterm' ? '中期' : '终期'}自评报告（${year}年）`;
}

/** Deadline state of a unit's report in a round: submitted on time or late, still due, or overdue. */
export type Lateness = 'on_time' | 'late' | 'pending' | 'overdue';
export const LATENESS_LABELS: Record<Lateness, string> = { on_time: '按时报送', late: '逾期报送', pending: '未到期', overdue: '已逾期未报送' };

/** `submittedOn`: date (YYYY-MM-DD) of the first submission, or null; dates compared in the office's time zone. */
export function latenessOf(dueDate: string, submittedOn: string | null, today: string): Lateness {
  if (submittedOn !== null) return submittedOn > dueDate ? 'late' : 'on_time';
  return today > dueDate ? 'overdue' : 'pending';
}
