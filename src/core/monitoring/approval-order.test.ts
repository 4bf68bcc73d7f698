import { describe, expect, it } from 'vitest';
import { canApproveParent } from './approval-order.ts';
import { ZIBO_CHILDREN, ZIBO_CHILD_CODES } from './monitoring.fixtures.ts';

const allApproved = ZIBO_CHILD_CODES.map((regionCode) => ({ regionCode, regionName: ZIBO_CHILDREN[regionCode], status: 'approved' as const }));

describe('canApproveParent', () => {
  it('allows the city\u2019s approval once every county form is approved', () => {
    expect(canApproveParent(allApproved, ZIBO_CHILD_CODES)).toEqual({ allowed: true, waitingFor: [], reason: null });
  });

  it('holds it back while any county is not approved, naming them', () => {
    const forms = allApproved.map((f) =>
      f.regionCode === '370304' ? { ...f, status: 'submitted' as const } : f.regionCode === '370322' ? { ...f, status: 'returned' as const } : f,
    );
    const check = canApproveParent(forms, ZIBO_CHILD_CODES);
    expect(check.allowed).toBe(false);
    expect(check.waitingFor.map((w) => [w.regionCode, w.status])).toEqual([
      ['370304', 'submitted'],
      ['370322', 'returned'],
    ]);
    expect(check.reason).toBe('下级报表须全部审核通过后才能审核本级报表，尚未通过：博山区（已提交待审核）、高青县（已退回）');
  });

  it('counts an expected county without a form as not approved', () => {
    const check = canApproveParent(allApproved.filter((f) => f.regionCode !== 'ZB-WCH'), ZIBO_CHILD_CODES);
    expect(check).toMatchObject({ allowed: false, waitingFor: [{ regionCode: 'ZB-WCH', status: 'missing' }] });
    expect(check.reason).toContain('ZB-WCH（无报表）');
    expect(canApproveParent(allApproved.filter((f) => f.regionCode !== 'ZB-WCH')).allowed).toBe(true);
  });

  it('needs every form of a county with several', () => {
    const forms = [...allApproved, { regionCode: '370302', status: 'draft' as const }];
    expect(canApproveParent(forms, ZIBO_CHILD_CODES)).toMatchObject({ allowed: false, reason: '下级报表须全部审核通过后才能审核本级报表，尚未通过：370302（填报中）' });
  });

  it('allows a parent with no children', () => {
    expect(canApproveParent([]).allowed).toBe(true);
  });
});
