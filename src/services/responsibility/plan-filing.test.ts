import { describe, expect, it } from 'vitest';
import { COUNTY_PLAN_FILING } from './county-plan.service.ts';
import { IMPLEMENTATION_PLAN_FILING } from './implementation-plan.service.ts';
import { draftColumns, filingDateOf, isEditableStatus, requireEditable, requireNeverFiled } from './plan-filing.ts';
import type { FilingColumns } from './plan-filing.ts';
import { ResponsibilityError } from './responsibility.errors.ts';
import { actor } from './responsibility.test-support.ts';

const caught = (work: () => unknown): ResponsibilityError => {
  try {
    work();
  } catch (err) {
    if (err instanceof ResponsibilityError) return err;
    throw err;
  }
  throw new Error('expected a ResponsibilityError');
};

const row = (changes: Partial<FilingColumns>): FilingColumns & { id: number } => ({ id: 7, ...draftColumns(actor('张店区妇儿工委', ['reporter'], null, '370303'), '2022-03-02T01:00:00.000Z'), ...changes });

describe('the shared filing and review flow', () => {
  it('starts a plan as a version-1 draft of its author', () => {
    const a = actor('卫健委填报员', ['reporter'], 12, '370300');
    expect(draftColumns(a, '2022-03-02T01:00:00.000Z')).toMatchObject({
      status: 'draft',
      filed_at: null,
      reviewed_at: null,
      version: 1,
      created_by: a.userId,
      created_by_name: '卫健委填报员',
      created_at: '2022-03-02T01:00:00.000Z',
      updated_at: '2022-03-02T01:00:00.000Z',
    });
  });

  it('lets only drafts and returned plans be edited, naming each kind and its reviewer', () => {
    expect(['draft', 'filed', 'reviewed', 'returned'].filter((s) => isEditableStatus(s as FilingColumns['status']))).toEqual(['draft', 'returned']);
    expect(requireEditable(COUNTY_PLAN_FILING, row({ status: 'returned' })).status).toBe('returned');
    const county = caught(() => requireEditable(COUNTY_PLAN_FILING, row({ status: 'filed' })));
    expect(county.status).toBe(409);
    expect(county.message).toBe('该规划已报送，不能修改；需市妇儿工委办公室退回后才能修改');
    expect(caught(() => requireEditable(IMPLEMENTATION_PLAN_FILING, row({ status: 'reviewed' }))).message).toBe('该实施方案已审阅，不能修改；需妇儿工委办公室退回后才能修改');
  });

  it('deletes only drafts never filed (a returned plan once filed stays)', () => {
    expect(() => requireNeverFiled(row({}))).not.toThrow();
    expect(caught(() => requireNeverFiled(row({ status: 'returned', filed_at: '2022-04-15' }))).message).toBe('只有从未报送的草稿可以删除');
  });

  it('takes the filing date given or today, never in the future nor before promulgation', () => {
    expect(filingDateOf({}, '2022-04-20')).toBe('2022-04-20');
    expect(filingDateOf({ filedAt: '2022-04-15' }, '2022-04-20', { date: '2022-03-01', label: '颁布日期' })).toBe('2022-04-15');
    expect(caught(() => filingDateOf({ filedAt: '2022-04-21' }, '2022-04-20')).message).toBe('报送日期2022-04-21晚于今天（2022-04-20）');
    expect(caught(() => filingDateOf({ filedAt: '2022-02-30' }, '2022-04-20')).message).toBe('报送日期“2022-02-30”无效，应为 YYYY-MM-DD');
    expect(caught(() => filingDateOf({ filedAt: '2022-02-28' }, '2022-04-20', { date: '2022-03-01', label: '颁布日期' })).message).toBe('报送日期2022-02-28早于颁布日期2022-03-01');
  });
});
