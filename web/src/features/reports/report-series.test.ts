import { describe, expect, it } from 'vitest';
import type { ReportVersionView } from '../../api/reports.types.ts';
import { groupSeries } from './report-series.ts';

function version(id: number, seriesKey: string, version: number): ReportVersionView {
  const [kind, year, plan, regionCode] = seriesKey.split(':') as [ReportVersionView['kind'], string, string, string];
  return {
    id, seriesKey, version, kind, kindLabel: kind, title: `报告${id}`, year: Number(year), plan, regionCode,
    status: 'published', statusLabel: '已发布', fileName: 'r.docx', correctionNote: version > 1 ? `更正${version}` : null, demo: false,
    createdByName: '管理员', createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z', submittedAt: null,
    approvedAt: null, approvedByName: null, publishedAt: null, publishedByName: null,
  };
}

describe('groupSeries', () => {
  it('shows each series by its newest version with the older versions under it, newest first', () => {
    const city = 'annual:2024:all:370300';
    const county = 'annual:2024:all:370303';
    const rows = groupSeries([version(5, city, 2), version(4, county, 1), version(1, city, 1), version(7, city, 3)]);
    expect(rows.map((r) => r.id)).toEqual([7, 4]);
    expect(rows[0]!.earlier?.map((r) => r.version)).toEqual([2, 1]);
    expect(rows[0]!.correctionNote).toBe('更正3');
    // A series of one version has no expandable children.
    expect(rows[1]!.earlier).toBeUndefined();
  });

  it('keeps the fields of the versions it groups and returns nothing for nothing', () => {
    expect(groupSeries([])).toEqual([]);
    const [row] = groupSeries([version(3, 'compendium:2023:all:370300', 1)]);
    expect(row).toMatchObject({ id: 3, kind: 'compendium', year: 2023, regionCode: '370300' });
  });
});
