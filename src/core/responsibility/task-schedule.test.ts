import { describe, expect, it } from 'vitest';
import { calendarMonth, dueState, isOverdue, reminderDates, reminderFor } from './task-schedule.ts';

describe('task deadlines', () => {
  const open = (dueDate: string) => ({ status: 'open' as const, dueDate });
  it('classifies an open task by its due date', () => {
    expect(dueState(open('2025-03-10'), '2025-03-11')).toBe('overdue');
    expect(dueState(open('2025-03-10'), '2025-03-10')).toBe('due_today');
    expect(dueState(open('2025-03-10'), '2025-03-03')).toBe('due_soon');
    expect(dueState(open('2025-03-10'), '2025-03-02')).toBe('upcoming');
    expect(dueState({ status: 'done', dueDate: '2025-03-10' }, '2025-04-01')).toBe('done');
    expect(isOverdue(open('2025-03-10'), '2025-03-11')).toBe(true);
    expect(isOverdue({ status: 'cancelled', dueDate: '2025-03-10' }, '2025-03-11')).toBe(false);
  });
  it('reminds from the first reminder date on and keeps reminding when overdue', () => {
    expect(reminderDates('2025-03-10', [7, 1, 0])).toEqual(['2025-03-03', '2025-03-09', '2025-03-10']);
    expect(reminderFor(open('2025-03-10'), '2025-03-02')).toBeNull();
    expect(reminderFor(open('2025-03-10'), '2025-03-05')).toMatchObject({ remindOn: '2025-03-03', daysLeft: 5, text: '还有5天到期' });
    expect(reminderFor(open('2025-03-10'), '2025-03-10')).toMatchObject({ remindOn: '2025-03-10', text: '今日到期' });
    expect(reminderFor(open('2025-03-10'), '2025-03-15')).toMatchObject({ remindOn: '2025-03-15', daysLeft: -5, text: '已逾期5天' });
    expect(reminderFor({ status: 'done', dueDate: '2025-03-10' }, '2025-03-15')).toBeNull();
  });
  it('lays tasks out on the days of a month', () => {
    const days = calendarMonth('2024-02', [{ dueDate: '2024-02-29', id: 1 }, { dueDate: '2024-03-01', id: 2 }, { dueDate: '2024-02-01', id: 3 }]);
    expect(days).toHaveLength(29);
    expect(days[0]).toEqual({ date: '2024-02-01', items: [{ dueDate: '2024-02-01', id: 3 }] });
    expect(days[28]?.items.map((i) => i.id)).toEqual([1]);
  });
});
