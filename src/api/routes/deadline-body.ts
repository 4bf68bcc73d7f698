import { z } from 'zod';
import { HttpError } from '../plugins/errors.ts';

/** 调整截止日期: the new date, the reason, and optionally the one unit it is for. */
export const deadlineBody = z.object({
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期应为 YYYY-MM-DD'),
  reason: z.string().max(500, '理由过长：不超过500字').optional(),
  departmentId: z.number().int().positive().optional().describe('只为该部门延期'),
  regionCode: z.string().regex(/^\d{6}$/, '区划代码应为6位数字').optional().describe('只为该区县延期'),
  unit: z.string().max(100).optional().describe('只为该单位延期：单位名称（如 市水利局、张店区）'),
});

export function deadlineInput(b: z.infer<typeof deadlineBody>): { dueDate: string; reason: string; unit?: string | { departmentId: number } | { regionCode: string } } {
  if ([b.departmentId, b.regionCode, b.unit].filter((v) => v !== undefined).length > 1) throw new HttpError(400, 'bad_request', '只能指定一个单位：departmentId、regionCode 或 unit 三者选一');
  const unit = b.departmentId !== undefined ? { departmentId: b.departmentId } : b.regionCode !== undefined ? { regionCode: b.regionCode } : b.unit;
  return { dueDate: b.dueDate, reason: b.reason ?? '', ...(unit === undefined ? {} : { unit }) };
}
