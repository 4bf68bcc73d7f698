import { describe, expect, it } from 'vitest';
import { composeAnnualReport, chineseNumeral, type TargetFacts } from './annual-report.compose.ts';
import { changeOnLastYear, changeUnitOf } from './change-text.ts';
import { chapterTrendChart, statusByDomainChart } from './chart-options.ts';
import { indicatorSentence } from './indicator-sentence.ts';

describe('change on last year', () => {
  it('names the change in the unit Chinese statistics use', () => {
    expect(changeUnitOf('%')).toBe('个百分点');
    expect(changeUnitOf('‰')).toBe('个千分点');
    expect(changeUnitOf('1/10万')).toBe('个十万分点');
    expect(changeUnitOf('岁')).toBe('岁');
    expect(changeOnLastYear(7.9, 8.5, '1/10万')).toBe('比上年下降0.6个十万分点');
    expect(changeOnLastYear(86, 84.5, '%')).toBe('比上年提高1.5个百分点');
    expect(changeOnLastYear(3.2, 3.6, '‰')).toBe('比上年下降0.4个千分点');
    expect(changeOnLastYear(120, 100, '所')).toBe('比上年增加20所');
    expect(changeOnLastYear(9.1, 9.1, '%')).toBe('与上年持平');
    // 9.3 − 9.1 is 0.20000000000000107 in floating point
    expect(changeOnLastYear(9.1, 9.3, '1/10万')).toBe('比上年下降0.2个十万分点');
  });
});

describe('indicator sentence', () => {
  const base = { year: 2024, areaName: '全市', indicatorName: '孕产妇死亡率', unit: '1/10万', polarity: 'lower_better' as const, trend: null };
  it('writes the register of the monitoring reports', () => {
    expect(indicatorSentence({ ...base, value: 7.9, valueYear: 2024, previous: 8.5, targetValue: 8.2, status: 'achieved' })).toBe(
      '2024年，全市孕产妇死亡率为7.9/10万，比上年下降0.6个十万分点，优于规划目标。',
    );
    expect(indicatorSentence({ ...base, value: 9.1, valueYear: 2024, previous: 9.3, targetValue: 8.2, status: 'off_track' })).toBe(
      '2024年，全市孕产妇死亡率为9.1/10万，比上年下降0.2个十万分点，与规划目标差距较大，按现有进度预计难以如期实现。',
    );
  });
  it('says when the value is equal to the target, stale or missing', () => {
    expect(indicatorSentence({ ...base, value: 8.2, valueYear: 2023, previous: null, targetValue: 8.2, status: 'achieved' })).toBe(
      '2023年（最新数据），全市孕产妇死亡率为8.2/10万，达到规划目标。',
    );
    expect(indicatorSentence({ ...base, value: null, valueYear: null, previous: null, targetValue: 8.2, status: 'insufficient_data' })).toBe(
      '2024年，全市孕产妇死亡率暂无审核通过的监测数据。',
    );
  });
});

describe('annual report composition', () => {
  const facts = (over: Partial<TargetFacts>): TargetFacts => ({
    planKind: 'women',
    domainOrd: 1,
    indicatorCode: 'W1.03',
    indicatorName: '孕产妇死亡率',
    unit: '1/10万',
    polarity: 'lower_better',
    series: [
      { year: 2023, value: 9.3 },
      { year: 2022, value: 9.5 },
      { year: 2024, value: 9.1 },
      { year: 2025, value: 1 },
    ],
    targetText: '控制在8.2/10万以下',
    targetValue: 8.2,
    status: 'off_track',
    trend: null,
    departmentName: '市卫生健康委',
    ...over,
  });
  const report = composeAnnualReport({
    year: 2024,
    plan: 'women',
    region: { code: '370300', name: '淄博市', level: 'city' },
    demo: true,
    generatedAt: '2025-03-01T00:00:00.000Z',
    plans: [{ kind: 'women', title: '淄博市“十四五”妇女发展规划', domains: [{ ord: 1, title: '妇女与健康' }, { ord: 2, title: '妇女与教育' }] }],
    targets: [facts({}), facts({ indicatorCode: 'W1.04', indicatorName: '产前筛查率', unit: '%', polarity: 'higher_better', series: [{ year: 2024, value: 86 }], targetValue: 85, status: 'achieved' })],
    warnings: [{ level: 'red', indicatorCode: 'W1.03', indicatorName: '孕产妇死亡率', regionName: '淄博市', levelLabel: '红色预警', kindLabel: '达标困难', statusLabel: '预计难以达标', reason: '…' }],
  });

  it('counts statuses per chapter and overall, ignoring values after the report year', () => {
    expect(report.title).toBe('淄博市2024年妇女发展规划统计监测报告');
    expect(report.dataLabel).toBe('示例数据');
    expect(report.chapters.map((c) => c.heading)).toEqual(['（一）妇女与健康', '（二）妇女与教育']);
    const health = report.chapters[0]!;
    expect(health.tally).toMatchObject({ total: 2, achieved: 1, off_track: 1 });
    expect(health.rows[0]).toMatchObject({ value: 9.1, valueYear: 2024, previous: 9.3, statusLabel: '预计难以达标' });
    expect(health.rows[0]!.series.map((p) => p.year)).toEqual([2022, 2023, 2024]);
    expect(health.paragraphs[0]).toBe('妇女与健康领域纳入监测评估的2项目标中，已达标1项，预计难以达标1项；在可评估的2项目标中，达标率为50%。');
    expect(report.chapters[1]!.paragraphs).toEqual(['妇女与教育领域暂无纳入监测评估的量化目标。']);
    const withMissing = composeAnnualReport({
      year: 2024, plan: 'women', region: { code: '370303', name: '张店区', level: 'county' }, demo: false, generatedAt: '2025-03-01T00:00:00.000Z',
      plans: [{ kind: 'women', title: 'x', domains: [{ ord: 1, title: '妇女与健康' }] }],
      targets: [facts({ series: [], status: 'insufficient_data' }), facts({ indicatorCode: 'W1.05', indicatorName: '宫颈癌筛查率', series: [], status: 'insufficient_data' }), facts({})],
      warnings: [],
    });
    expect(withMissing.chapters[0]!.paragraphs.slice(1)).toEqual([
      '2024年，张店区孕产妇死亡率为9.1/10万，比上年下降0.2个十万分点，与规划目标差距较大，按现有进度预计难以如期实现。',
      '孕产妇死亡率、宫颈癌筛查率等2项指标2024年暂无审核通过的监测数据。',
    ]);
    expect(report.overview.paragraphs.join('')).toContain('共发出监测预警1项，其中红色预警1项、黄色预警0项');
  });

  it('counts a county target that is not assessed (不作评估) apart from 无量化目标, outside the 达标率', () => {
    const county = composeAnnualReport({
      year: 2024, plan: 'women', region: { code: '370303', name: '张店区', level: 'county' }, demo: false, generatedAt: '2025-03-01T00:00:00.000Z',
      plans: [{ kind: 'women', title: 'x', domains: [{ ord: 1, title: '妇女与健康' }] }],
      targets: [
        facts({ status: 'achieved' }),
        facts({ indicatorCode: 'W1.01', indicatorName: '妇女人均预期寿命', status: 'no_target', targetValue: null }),
        facts({ indicatorCode: 'W2.05', indicatorName: '新建幼儿园数', status: 'no_target', targetValue: 300, notAssessed: true }),
      ],
      warnings: [],
    });
    const chapter = county.chapters[0]!;
    expect(chapter.tally).toMatchObject({ total: 3, achieved: 1, no_target: 1, not_assessed: 1 });
    expect(chapter.rows.map((r) => [r.category, r.statusLabel])).toEqual([['achieved', '已达标'], ['no_target', '无量化目标'], ['not_assessed', '不作评估']]);
    expect(chapter.paragraphs[0]).toBe('妇女与健康领域纳入监测评估的3项目标中，已达标1项，无量化目标1项，不作评估1项；在可评估的1项目标中，达标率为100%。');
    const bars = statusByDomainChart('x', county.chapters) as { series: { name: string; data: (number | null)[] }[] };
    expect(bars.series.find((s) => s.name === '不作评估')!.data).toEqual([1]);
  });

  it('builds chart options from the chapters', () => {
    const bars = statusByDomainChart('x', report.chapters) as { series: { name: string; data: (number | null)[] }[] };
    expect(bars.series.find((s) => s.name === '已达标')!.data).toEqual([null, 1]);
    const trend = chapterTrendChart(report.chapters[0]!) as { series: { name: string; data: (number | null)[] }[]; xAxis: { data: string[] } };
    expect(trend.xAxis.data).toEqual(['2022', '2023', '2024']);
    expect(trend.series.map((s) => s.name)).toEqual(['孕产妇死亡率']);
    expect(chapterTrendChart(report.chapters[1]!)).toBeNull();
  });

  it('numbers headings in Chinese', () => {
    expect([1, 9, 10, 11, 20, 23].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十三']);
  });
});
