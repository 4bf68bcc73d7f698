import { z } from 'zod';
import {
  MEETING_KINDS,
  PILOT_STATUSES,
  TASK_KINDS,
  TASK_SOURCE_TYPES,
  TASK_STATUSES,
  FILING_STATUSES,
} from '../../../core/responsibility/responsibility.types.ts';

/**
 * Request schemas of the responsibility API, with Chinese messages (the error handler shows them as
 * “请求参数有误：<field> <message>”).
 */
const required = (label: string, expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${label}为必填项` : `${label}应为${expected}`),
});

export const text = (label: string, max = 2000) => z.string(required(label, '文本')).max(max, { error: `${label}不能超过${max}个字符` });
export const nonEmpty = (label: string, max = 2000) => text(label, max).trim().min(1, { error: `${label}不能为空` });
export const isoDate = (label: string) => z.string(required(label, '日期')).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}应为 YYYY-MM-DD 格式的日期` });
export const positiveInt = (label: string) => z.number(required(label, '整数')).int({ error: `${label}应为整数` }).positive({ error: `${label}应为正整数` });
export const year = (label: string) => z.number(required(label, '年份')).int({ error: `${label}应为整数年份` }).min(2000, { error: `${label}应在2000—2100年之间` }).max(2100, { error: `${label}应在2000—2100年之间` });

const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: (issue: { input?: unknown }) => (issue.input === undefined ? `${label}为必填项` : `${label}应为 ${values.join('、')} 之一`) });

export const planKind = oneOf(['women', 'children'] as const, '规划类别');
export const taskKind = oneOf(TASK_KINDS as unknown as readonly [string, ...string[]], '任务类别');
export const taskStatus = oneOf(TASK_STATUSES as unknown as readonly [string, ...string[]], '任务状态');
export const taskSourceType = oneOf(TASK_SOURCE_TYPES as unknown as readonly [string, ...string[]], '任务来源');
export const filingStatus = oneOf(FILING_STATUSES as unknown as readonly [string, ...string[]], '报送状态');
export const meetingKind = oneOf(MEETING_KINDS as unknown as readonly [string, ...string[]], '会议类别');
export const pilotStatus = oneOf(PILOT_STATUSES as unknown as readonly [string, ...string[]], '试点状态');
export const decision = oneOf(['reviewed', 'returned'] as const, '审阅结论');
export const targetOp = oneOf(['>=', '>', '<=', '<', '='] as const, '比较方式');
export const targetKind = oneOf(['threshold', 'approx', 'relative_change', 'annual_change', 'trend', 'count', 'ratio', 'deadline'] as const, '目标类型');
export const direction = oneOf(['increase', 'decrease', 'maintain'] as const, '变化方向');

/** Filing a plan (county plan, implementation plan) with the office: the filing date, today when not given. */
export const filingBody = z.object({ filedAt: isoDate('报送日期').nullable().optional() }).optional();

/** The office's review of a filed plan: reviewed, or returned (with the reason in the note). */
export const reviewBody = z.object({ decision, note: text('审阅意见', 2000).nullable().optional() });

export const goalRef = z
  .object({ plan: planKind, domain: positiveInt('领域序号'), goal: positiveInt('目标序号') })
  .describe('市级规划的主要目标：规划类别（women 妇女 / children 儿童）、领域序号、目标序号');

export const owner = z
  .object({
    departmentId: positiveInt('单位编号').nullable().optional(),
    department: text('单位名称', 100).nullable().optional().describe('单位全称或简称，如 市卫健委'),
    regionCode: text('区划代码', 20).nullable().optional().describe('区县区划代码，如 370303'),
  })
  .describe('责任单位：部门、区县，或区县的部门');

export const unit = owner.extend({ name: text('单位名称', 100).nullable().optional().describe('既非登记部门也非区县的单位名称') });

export const idParams = z.object({ id: z.coerce.number(required('编号', '数字')).int({ error: '编号应为整数' }).positive({ error: '编号应为正整数' }) });

/** Comma-separated list in a query string: status=open,done */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item));

export const flag = z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean());
