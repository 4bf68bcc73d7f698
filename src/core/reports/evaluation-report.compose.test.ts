import { describe, expect, it } from 'vitest';
import {
  achievementRate,
  achievementSentence,
  composeEvaluationReport,
  rateText,
  sectionParagraphs,
  type EvaluationReportInput,
  type EvaluationTargetFacts,
} from './evaluation-report.compose.ts';

const fact = (over: Partial<EvaluationTargetFacts>): EvaluationTargetFacts => ({
  planKind: 'women',
  domainOrd: 1,
  source: { type: 'goal', ord: 2 },
  indicatorCode: 'W1.03',
  indicatorName: '孕产妇死亡率',
  unit: '1/10万',
  series: [],
  targetText: '孕产妇死亡率控制在8.2/10万以下',
  targetValue: 8.2,
  status: 'achieved',
  trend: null,
  reason: '理由',
  departmentName: '市卫生健康委',
  ...over,
});

function input(over: Partial<EvaluationReportInput> = {}): EvaluationReportInput {
  return {
    kind: 'midterm',
    year: 2023,
    plan: 'women',
    region: { code: '370300', name: '淄博市', level: 'city' },
    demo: false,
    generatedAt: '2026-03-01T00:00:00.000Z',
    plans: [{ kind: 'women', title: '淄博市“十四五”妇女发展规划', domains: [{ ord: 1, title: '妇女与健康' }, { ord: 2, title: '妇女与教育' }] }],
    targets: [
      fact({ series: [{ year: 2024, value: 9.1 }, { year: 2020, value: 10 }, { year: 2022, value: 9.5 }], status: 'at_risk', reason: '2023年……达标有风险' }),
      fact({ indicatorCode: 'W1.04', indicatorName: '妇女常见病筛查率', unit: '%', source: { type: 'goal', ord: 3 }, status: 'achieved' }),
      fact({ indicatorCode: 'W1.07', indicatorName: '某比例', unit: '%', source: { type: 'measure', ord: 4 }, status: 'on_track', departmentName: null }),
      fact({ indicatorCode: 'W1.05', indicatorName: '某筛查率', unit: '%', source: { type: 'goal', ord: 3 }, status: 'insufficient_data' }),
      fact({ indicatorCode: 'W1.01', indicatorName: '妇女人均预期寿命', unit: '岁', source: { type: 'goal', ord: 1 }, status: 'no_target', trend: 'improving', targetValue: null }),
      fact({ planKind: 'children', indicatorCode: 'C1.11', status: 'off_track' }),
    ],
    goals: [
      { planKind: 'women', domainOrd: 1, ord: 1, text: '妇女人均预期寿命延长。', leadUnits: ['市卫生健康委'], quantitative: false },
      { planKind: 'women', domainOrd: 1, ord: 2, text: '孕产妇死亡率控制在8.2/10万以下。', leadUnits: ['市卫生健康委'], quantitative: true },
      { planKind: 'women', domainOrd: 1, ord: 3, text: '筛查率达到85%以上。', leadUnits: ['市卫生健康委'], quantitative: true },
      { planKind: 'women', domainOrd: 1, ord: 5, text: '改善妇女营养状况。', leadUnits: ['市卫生健康委'], quantitative: false },
      { planKind: 'women', domainOrd: 2, ord: 1, text: '教育目标。', leadUnits: [], quantitative: false },
    ],
    assessments: [
      { planKind: 'women', domainOrd: 1, goalOrd: 1, unitKind: 'department', unitName: '市医保局', role: 'responsible', progress: 'in_progress', done: '扩大医保覆盖。', problems: '' },
      { planKind: 'women', domainOrd: 1, goalOrd: 1, unitKind: 'department', unitName: '市卫生健康委', role: 'lead', progress: 'mostly_achieved', done: '实施健康行动。', problems: '' },
      { planKind: 'women', domainOrd: 1, goalOrd: 5, unitKind: 'department', unitName: '市卫生健康委', role: 'lead', progress: null, done: '', problems: '' },
    ],
    appendix: [{ reportId: 7, unitKind: 'department', unitName: '市卫生健康委', title: '市卫生健康委中期自评报告', submittedAt: '2023-11-02T08:00:00Z', overview: '' }],
    ...over,
  };
}

describe('achievement rates', () => {
  it('divides achieved (and achieved + on track) by the assessed targets only', () => {
    const r = achievementRate('k', '测试', ['achieved', 'achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target']);
    expect(r.tally.total).toBe(7);
    expect(r.assessed).toBe(5);
    expect(r.achievedRate).toBeCloseTo(0.4, 10);
    expect(r.expectedRate).toBeCloseTo(0.6, 10);
    expect([r.achievedRateText, r.expectedRateText]).toEqual(['40%', '60%']);
    expect(rateText(2 / 3)).toBe('66.7%');
    const none = achievementRate('k', '测试', ['insufficient_data']);
    expect([none.achievedRate, none.achievedRateText]).toEqual([null, '—']);
    expect(achievementSentence('全市', none)).toBe('全市纳入评估的1项指标目标中，数据不足1项，均不能判断达标情况。');
    expect(achievementSentence('全市', achievementRate('k', 'x', []))).toBe('全市暂无纳入监测评估的指标目标。');
    const county = achievementRate('k', '测试', ['achieved', 'off_track', 'no_target', 'not_assessed']);
    expect([county.tally.total, county.tally.not_assessed, county.assessed, county.achievedRateText]).toEqual([4, 1, 2, '50%']);
    expect(achievementSentence('张店区', county)).toBe('张店区纳入评估的4项指标目标中，已达标1项，预计难以达标1项，无量化目标1项，不作评估1项；可评估的2项目标达标率为50%，预计达标率（已达标和预计可达标）为50%。');
  });
});

describe('evaluation report', () => {
  const report = composeEvaluationReport(input());

  it('names the report by kind, plan and region; another year is named in the title', () => {
    expect(report.title).toBe('淄博市“十四五”妇女发展规划中期评估报告');
    expect(composeEvaluationReport(input({ kind: 'final', year: 2025, plan: 'all' })).title).toBe('淄博市“十四五”妇女儿童发展规划终期评估报告');
    expect(composeEvaluationReport(input({ kind: 'final', year: 2024 })).title).toBe('淄博市“十四五”妇女发展规划终期评估报告（2024年）');
    expect(report.sections.map((s) => s.key)).toEqual(['problems', 'recommendations', 'outlook']);
    expect(report.sections[2]!.title).toBe('下一阶段工作重点');
    expect(composeEvaluationReport(input({ kind: 'final', year: 2025 })).sections[2]!.title).toBe('“十五五”时期展望');
  });

  it('counts only the plans in scope, overall, per domain and per lead department', () => {
    // The children's target is outside a women's report.
    expect(report.overview.rate.tally).toMatchObject({ total: 5, achieved: 1, on_track: 1, at_risk: 1, off_track: 0, insufficient_data: 1, no_target: 1 });
    expect(report.overview.rate.achievedRateText).toBe('33.3%');
    expect(report.overview.rate.expectedRateText).toBe('66.7%');
    expect(report.overview.paragraphs[1]).toBe(
      '截至2023年，全市纳入评估的5项指标目标中，已达标1项，预计可达标1项，达标有风险1项，数据不足1项，无量化目标1项；可评估的3项目标达标率为33.3%，预计达标率（已达标和预计可达标）为66.7%。',
    );
    expect(report.domainRates.map((d) => [d.label, d.tally.total])).toEqual([
      ['妇女与健康', 5],
      ['妇女与教育', 0],
    ]);
    // Best 达标率 first: 市卫生健康委 1 of 2 assessed; the measure's target without a lead department 0 of 1.
    expect(report.departmentRates.map((d) => [d.label, d.tally.total, d.achievedRateText, d.expectedRateText])).toEqual([
      ['市卫生健康委', 4, '50%', '50%'],
      ['未指定牵头部门', 1, '0%', '100%'],
    ]);
  });

  it('writes each target with its base-year value, latest value, status and the working', () => {
    const health = report.chapters[0]!;
    expect(health.heading).toBe('（一）妇女与健康');
    const w103 = health.rows.find((r) => r.indicatorCode === 'W1.03')!;
    // Values after the evaluation year are not used.
    expect(w103).toMatchObject({ baseline: 10, baselineYear: 2020, value: 9.5, valueYear: 2022, statusLabel: '达标有风险', reason: '2023年……达标有风险', sourceLabel: '目标2' });
    expect(health.rows.find((r) => r.indicatorCode === 'W1.07')!.sourceLabel).toBe('策略措施4');
    expect(health.paragraphs).toContain('需重点关注的指标：孕产妇死亡率（达标有风险）。');
  });

  it('lists the goals without a quantitative target with their trend and the units’ own assessments, lead first', () => {
    const health = report.chapters[0]!;
    expect(health.goalCount).toBe(4);
    expect(health.directionGoals.map((g) => g.goalOrd)).toEqual([1, 5]);
    const g1 = health.directionGoals[0]!;
    expect(g1.trendText).toBe('妇女人均预期寿命总体改善');
    expect(g1.assessmentText).toBe('市卫生健康委：基本实现；市医保局：稳步推进');
    const g5 = health.directionGoals[1]!;
    expect([g5.trendText, g5.assessmentText]).toEqual(['无监测指标', '市卫生健康委：未作判断']);
    expect(health.paragraphs.at(-1)).toBe('本领域共设主要目标4项，其中含量化目标的2项，无量化目标的2项；成员单位对无量化目标的自评中，基本实现1项次，稳步推进1项次。');
    expect(report.chapters[1]!.directionGoals[0]!.assessmentText).toBe('暂无自评');
    expect(report.overview).toMatchObject({ goalCount: 5, directionGoalCount: 3 });
    expect(report.overview.paragraphs.at(-1)).toBe('中期评估共收到审核通过的成员单位自评报告1份，目录见附件。');
  });

  it('marks demo data and empty sections', () => {
    expect(composeEvaluationReport(input({ demo: true })).dataLabel).toBe('示例数据');
    expect(report.dataLabel).toBeNull();
    expect(sectionParagraphs(undefined)).toEqual(['（待撰写）']);
    expect(sectionParagraphs('  \n ')).toEqual(['（待撰写）']);
    expect(sectionParagraphs('一是数据缺失。\r\n\n二是进展不平衡。')).toEqual(['一是数据缺失。', '二是进展不平衡。']);
  });
});
