import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../access/actor.types.ts';
import { canCompleteTask, canEditCountyPlan, canReportRectification, canEditImplementationPlan, canManageTask, canReadTask, taskScopeOf } from './responsibility-access.ts';

const actor = (roles: Role[], departmentId: number | null, regionCode: string | null): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  roles,
  departmentId,
  regionCode,
});

describe('responsibility access', () => {
  const office = actor(['admin'], null, '370300');
  const zhangdian = actor(['reporter'], null, '370303');
  const health = actor(['reporter'], 7, '370300');
  it('a county edits only its own plan', () => {
    expect(canEditCountyPlan(zhangdian, '370303')).toBe(true);
    expect(canEditCountyPlan(zhangdian, '370304')).toBe(false);
    expect(canEditCountyPlan(actor(['viewer'], null, '370303'), '370303')).toBe(false);
    expect(canEditCountyPlan(health, '370303')).toBe(false);
    expect(canEditCountyPlan(office, '370304')).toBe(true);
  });
  it('a department edits only its own implementation plan', () => {
    expect(canEditImplementationPlan(health, 7)).toBe(true);
    expect(canEditImplementationPlan(health, 8)).toBe(false);
    expect(canEditImplementationPlan(zhangdian, 7)).toBe(false);
    expect(canEditImplementationPlan(office, 8)).toBe(true);
  });
  it('tasks: the office manages, the owner completes, the statistics bureau manages data rounds', () => {
    const task = { kind: 'annual_report', departmentId: 7, regionCode: null };
    expect(canManageTask(office, 'annual_report')).toBe(true);
    expect(canManageTask(health, 'annual_report')).toBe(false);
    expect(canManageTask(actor(['stats'], null, '370300'), 'data_round')).toBe(true);
    expect(canManageTask(actor(['stats'], null, '370300'), 'rectification')).toBe(false);
    expect(canCompleteTask(health, task)).toBe(true);
    expect(canCompleteTask(actor(['reporter'], 8, '370300'), task)).toBe(false);
    expect(canCompleteTask(actor(['viewer'], 7, '370300'), task)).toBe(false);
    expect(canCompleteTask(zhangdian, { kind: 'plan_filing', departmentId: null, regionCode: '370303' })).toBe(true);
    expect(canReadTask(zhangdian, { departmentId: null, regionCode: '370304' })).toBe(false);
    expect(taskScopeOf(office)).toBeNull();
    expect(taskScopeOf(health)).toEqual({ departmentId: 7, regionCode: null });
    expect(taskScopeOf(zhangdian)).toEqual({ departmentId: null, regionCode: '370303' });
  });
  it('a supervision finding: its owner reports the rectification, only the office closes it', () => {
    const task = { kind: 'supervision_followup', departmentId: 7, regionCode: null };
    expect(canCompleteTask(health, task)).toBe(false);
    expect(canCompleteTask(office, task)).toBe(true);
    expect(canReportRectification(health, task)).toBe(true);
    expect(canReportRectification(actor(['reporter'], 8, '370300'), task)).toBe(false);
    expect(canReportRectification(actor(['viewer'], 7, '370300'), task)).toBe(false);
    expect(canReportRectification(zhangdian, { departmentId: null, regionCode: '370303' })).toBe(true);
    expect(canReportRectification(zhangdian, { departmentId: null, regionCode: '370304' })).toBe(false);
    expect(canReportRectification(office, task)).toBe(true);
  });
});
