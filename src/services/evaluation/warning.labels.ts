import type { StepStatus, WarningLevel, WarningStatus } from '../../storage/schema/warnings.schema.ts';

export const WARNING_LEVEL_LABELS: Readonly<Record<WarningLevel, string>> = { red: '红色预警', yellow: '黄色预警' };

export const WARNING_STATUS_LABELS: Readonly<Record<WarningStatus, string>> = {
  issued: '已下发（待反馈）',
  responded: '整改中',
  escalated: '已升级',
  closed: '已销号',
  withdrawn: '已撤销',
};

export type WarningKind = 'difficulty' | 'volatility';

export const WARNING_KIND_LABELS: Readonly<Record<WarningKind, string>> = { difficulty: '达标困难', volatility: '波动较大' };

export const STEP_STATUS_LABELS: Readonly<Record<StepStatus, string>> = { pending: '未完成', done: '已完成' };

/** Audit actions of warnings (audit_log.entity = 'warning'). */
export const WARNING_ACTION_LABELS: Readonly<Record<string, string>> = {
  'warning.create': '生成预警',
  'warning.update': '复核更新预警',
  'warning.reissue': '重新下发预警',
  'warning.withdraw': '撤销预警（复核时不再触发）',
  'warning.unflag': '复核时不再触发（整改继续）',
  'warning.countermeasure': '提交对策建议',
  'warning.steps': '制定整改措施',
  'warning.step_done': '整改措施完成',
  'warning.close': '销号',
  'warning.escalate': '升级',
};

export const OPEN_WARNING_STATUSES: readonly WarningStatus[] = ['issued', 'responded', 'escalated'];
