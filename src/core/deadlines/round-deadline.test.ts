import { describe, expect, it } from 'vitest';
import { latenessOf } from '../unit-reports/unit-report.types.ts';
import { deadlineProblem, effectiveDue, reasonProblem } from './round-deadline.ts';

const base = { current: '2025-03-31', today: '2025-03-20', openedOn: '2025-01-10' };

describe('a new deadline', () => {
  it('is taken when it is a real date, not in the past, not before the opening and different', () => {
    expect(deadlineProblem({ ...base, proposed: '2025-04-15' })).toBeNull();
    // Moving it earlier (but not into the past) is allowed; today itself too.
    expect(deadlineProblem({ ...base, proposed: '2025-03-25' })).toBeNull();
    expect(deadlineProblem({ ...base, proposed: '2025-03-20' })).toBeNull();
  });

  it('is refused with a Chinese reason otherwise', () => {
    expect(deadlineProblem({ ...base, proposed: '2025-02-30' })).toContain('无效');
    expect(deadlineProblem({ ...base, proposed: '15.04.2025' })).toContain('YYYY-MM-DD');
    expect(deadlineProblem({ ...base, proposed: '2025-03-19' })).toBe('新的截止日期2025-03-19已经过去（今天是2025-03-20），不能把截止日期调整到过去的日期');
    expect(deadlineProblem({ ...base, proposed: '2025-01-09', today: '2025-01-05' })).toContain('早于本轮次的发起日期2025-01-10');
    expect(deadlineProblem({ ...base, proposed: '2025-03-31' })).toContain('相同');
  });

  it('of a data round lies after the data year', () => {
    expect(deadlineProblem({ ...base, today: '2024-12-01', openedOn: '2024-11-01', proposed: '2024-12-31', dataYear: 2024 })).toContain('数据年度2024年结束之后');
    expect(deadlineProblem({ ...base, today: '2024-12-01', openedOn: '2024-11-01', proposed: '2025-01-01', dataYear: 2024 })).toBeNull();
  });

  it('for one unit must exceed the round date', () => {
    expect(deadlineProblem({ ...base, proposed: '2025-03-31', roundDue: '2025-03-31' })).toContain('应晚于本轮统一截止日期2025-03-31');
    expect(deadlineProblem({ ...base, proposed: '2025-03-25', roundDue: '2025-03-31' })).toContain('应晚于');
    expect(deadlineProblem({ ...base, proposed: '2025-04-10', roundDue: '2025-03-31' })).toBeNull();
    // Re-extending to the same date changes nothing.
    expect(deadlineProblem({ ...base, current: '2025-04-10', proposed: '2025-04-10', roundDue: '2025-03-31' })).toContain('相同');
  });
});

describe('the deadline in force', () => {
  it('is the later of the round date and the unit extension', () => {
    expect(effectiveDue('2025-03-31', null)).toBe('2025-03-31');
    expect(effectiveDue('2025-03-31', '2025-04-15')).toBe('2025-04-15');
    // A round moved past the extension absorbs it.
    expect(effectiveDue('2025-04-30', '2025-04-15')).toBe('2025-04-30');
  });

  it('turns a submission after the old date into an on-time one after an extension', () => {
    const submittedOn = '2025-04-05';
    expect(latenessOf('2025-03-31', submittedOn, '2025-04-06')).toBe('late');
    expect(latenessOf(effectiveDue('2025-03-31', '2025-04-15'), submittedOn, '2025-04-06')).toBe('on_time');
    // A submission after the extended date stays late.
    expect(latenessOf(effectiveDue('2025-03-31', '2025-04-15'), '2025-04-16', '2025-04-20')).toBe('late');
  });
});

describe('the reason', () => {
  it('is required and bounded', () => {
    expect(reasonProblem('')).toBe('调整截止日期须说明理由');
    expect(reasonProblem('   ')).toBe('调整截止日期须说明理由');
    expect(reasonProblem(undefined)).toBe('调整截止日期须说明理由');
    expect(reasonProblem('张店区申请延期：机构调整')).toBeNull();
    expect(reasonProblem('理'.repeat(501))).toContain('不超过500字');
  });
});
