import { describe, expect, it } from 'vitest';
import type { AnnualReport, ReportIndicatorRow } from '../../api/reports.types.ts';
import { annualReportCsv } from './report-csv.ts';

const row = (over: Partial<ReportIndicatorRow>): ReportIndicatorRow => ({
  indicatorCode: 'W1.03', indicatorName: '孕产妇死亡率', unit: '1/10万', value: 7.9, valueYear: 2024, previous: 8.5,
  targetText: '控制在8.2/10万以下', targetValue: 8.2, status: 'achieved', category: 'achieved', statusLabel: '已达标', departmentName: '市卫生健康委',
  series: [], sentence: '', ...over,
});

const tally = { achieved: 1, on_track: 0, at_risk: 0, off_track: 0, insufficient_data: 1, no_target: 0, not_assessed: 0, total: 2 };

const report: AnnualReport = {
  kind: 'annual', title: '淄博市2024年妇女儿童发展规划统计监测报告', year: 2024, plan: 'all', regionCode: '370300', regionName: '淄博市',
  regionLevel: 'city', demo: false, dataLabel: null, generatedAt: '2025-03-01T00:00:00Z', issuer: '淄博市统计局',
  overview: { paragraphs: [], tally },
  chapters: [
    {
      planKind: 'women', planTitle: '淄博市妇女发展规划（2021—2025年）', domainOrd: 1, heading: '（一）妇女与健康', title: '妇女与健康', tally,
      paragraphs: [],
      rows: [row({}), row({ indicatorCode: 'W1.09', indicatorName: '妇女"两癌"筛查, 覆盖率', unit: '%', value: null, valueYear: null, previous: null, targetText: '达到80%以上', status: 'insufficient_data', category: 'insufficient_data', statusLabel: '数据不足', departmentName: null })],
    },
  ],
  warnings: [],
};

describe('annualReportCsv', () => {
  const csv = annualReportCsv(report);
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

  it('starts with a BOM and a header naming the report year', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('规划,领域,指标代码,指标,单位,数据年份,2024年数值,上年数值,规划目标,实现情况,牵头单位');
  });

  it('writes one line per target with its numbers, empty cells where there is no value', () => {
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('淄博市妇女发展规划（2021—2025年）,妇女与健康,W1.03,孕产妇死亡率,1/10万,2024,7.9,8.5,控制在8.2/10万以下,已达标,市卫生健康委');
    // Quotes and commas are escaped; missing numbers stay empty, not 0.
    expect(lines[2]).toBe('淄博市妇女发展规划（2021—2025年）,妇女与健康,W1.09,"妇女""两癌""筛查, 覆盖率",%,,,,达到80%以上,数据不足,');
  });
});
