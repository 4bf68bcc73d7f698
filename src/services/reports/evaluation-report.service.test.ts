import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { EvaluationReport, EvaluationTargetRow } from '../../core/reports/evaluation-report.types.ts';
import { IS_DEMO_KEY, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import { evaluateYear } from '../evaluation/evaluate-year.service.ts';
import { BOSHAN, ZIBO } from '../evaluation/evaluation.test-support.ts';
import { midtermEvaluation } from '../evaluation/midterm.service.ts';
import { evaluationReportDocx } from './evaluation-report.docx.ts';
import { buildEvaluationReport, type SelfAssessmentBundle, type SelfAssessmentSource } from './evaluation-report.service.ts';
import { docxParagraphs, expectReportFrame, readDocx, seedReportYear } from './report.test-support.ts';

const rowOf = (report: EvaluationReport, code: string): EvaluationTargetRow => {
  const rows = report.chapters.flatMap((c) => c.rows).filter((r) => r.indicatorCode === code);
  expect(rows.length, code).toBeGreaterThan(0);
  return rows[0]!;
};

/** Self-evaluation reports as the unit-reports module returns them: two approved, one still under review, one county's. */
function selfAssessmentFixture(): { source: SelfAssessmentSource; calls: unknown[] } {
  const report = (reportId: number, unitKind: 'department' | 'county', unitCode: string, unitName: string, status: string, submittedAt: string) => ({
    reportId,
    unitKind,
    unitCode,
    unitName,
    title: `${unitName}关于妇女儿童发展规划中期评估的自评报告`,
    status,
    submittedAt,
    overview: `${unitName}自评概述`,
  });
  const goal = { plan: 'women' as const, domain: 1 };
  const bundle: SelfAssessmentBundle = {
    reports: [
      report(11, 'department', '1', '市卫生健康委', 'approved', '2023-11-20T02:00:00.000Z'),
      report(12, 'department', '7', '市医保局', 'approved', '2023-11-10T02:00:00.000Z'),
      report(13, 'department', '9', '市体育局', 'submitted', '2023-11-25T02:00:00.000Z'),
      report(14, 'county', BOSHAN, '博山区', 'approved', '2023-11-26T02:00:00.000Z'),
    ],
    assessments: [
      { reportId: 11, unitKind: 'department', unitCode: '1', unitName: '市卫生健康委', status: 'approved', ...goal, goalNumber: 1, role: 'lead', progress: 'mostly_achieved', done: '实施健康淄博行动，妇女健康水平稳步提高。', problems: '' },
      { reportId: 11, unitKind: 'department', unitCode: '1', unitName: '市卫生健康委', status: 'approved', ...goal, goalNumber: 5, role: 'lead', progress: 'in_progress', done: '开展孕产妇贫血筛查。', problems: '基层营养指导力量不足。' },
      { reportId: 12, unitKind: 'department', unitCode: '7', unitName: '市医保局', status: 'approved', ...goal, goalNumber: 1, role: 'responsible', progress: 'achieved', done: '', problems: '' },
      { reportId: 13, unitKind: 'department', unitCode: '9', unitName: '市体育局', status: 'submitted', ...goal, goalNumber: 9, role: 'lead', progress: 'lagging', done: '', problems: '' },
      { reportId: 14, unitKind: 'county', unitCode: BOSHAN, unitName: '博山区', status: 'approved', ...goal, goalNumber: 1, role: 'county', progress: 'lagging', done: '博山区自评。', problems: '' },
    ],
  };
  const calls: unknown[] = [];
  return {
    calls,
    source: async (_db, query) => {
      calls.push(query);
      return bundle;
    },
  };
}

forEachDialect('mid-term and final evaluation reports', (getDb) => {
  let midterm: EvaluationReport;
  const fixture = selfAssessmentFixture();

  beforeAll(async () => {
    await seedReportYear(getDb());
    midterm = await buildEvaluationReport(getDb(), { kind: 'midterm', year: 2023, plan: 'women' }, fixture.source);
  });

  it('evaluates each target at the evaluation year against the 2020 base and the target, with the engine’s working', async () => {
    expect(midterm.title).toBe('淄博市“十四五”妇女发展规划中期评估报告');
    expect(fixture.calls).toEqual([{ year: 2023, kind: 'midterm', approvedOnly: true }]);
    const engine = (await evaluateYear(getDb(), { year: 2023, regionCode: ZIBO, planKind: 'women', details: false })).results;
    const w103 = rowOf(midterm, 'W1.03');
    // 10, 9.8, 9.5, 9.3 (2020–2023): at risk in 2023 (P = 0.614); the 2024 value is not used.
    expect(w103).toMatchObject({ baseline: 10, baselineYear: 2020, value: 9.3, valueYear: 2023, status: 'at_risk', statusLabel: '达标有风险', sourceLabel: '目标2' });
    expect(w103.reason).toBe(engine.find((r) => r.indicatorCode === 'W1.03')!.reason);
    expect(w103.reason).toContain('2023年为9.3/10万，目标≤8.2/10万');
    expect(rowOf(midterm, 'W1.04')).toMatchObject({ baseline: null, value: 84.5, status: 'insufficient_data' });
    // W1.07: 4, 3.6 (2020, 2022): the latest value before 2023 is named with its year.
    expect(rowOf(midterm, 'W1.07')).toMatchObject({ baseline: 4, value: 3.6, valueYear: 2022 });
  });

  it('counts the statuses of the engine, and the rates of the mid-term evaluation view per domain and per department', async () => {
    const engine = (await evaluateYear(getDb(), { year: 2023, regionCode: ZIBO, planKind: 'women', details: false })).results;
    const tally = midterm.overview.rate.tally;
    expect(tally.total).toBe(engine.length);
    for (const status of ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'] as const) {
      expect(tally[status], status).toBe(engine.filter((r) => r.status === status).length);
    }
    const view = await midtermEvaluation(getDb(), { year: 2023, planKind: 'women' });
    const plan = view.plans[0]!;
    expect(midterm.overview.rate.achievedRate).toBe(plan.overall.achievedRate);
    expect(midterm.overview.rate.expectedRate).toBe(plan.overall.expectedRate);
    for (const d of plan.domains) {
      const mine = midterm.domainRates.find((r) => r.label === d.label)!;
      expect([mine.tally.total, mine.assessed, mine.achievedRate], d.label).toEqual([d.counts.total, d.assessed, d.achievedRate]);
    }
    for (const d of view.departments) {
      const mine = midterm.departmentRates.find((r) => r.label === d.label)!;
      expect([mine.tally.total, mine.achievedRate, mine.expectedRate], d.label).toEqual([d.counts.total, d.achievedRate, d.expectedRate]);
    }
    expect(midterm.departmentRates.length).toBe(view.departments.length);
  });

  it('lists the goals without a quantitative target with the trend and the approved departments’ assessments only', () => {
    const health = midterm.chapters.find((c) => c.domainOrd === 1)!;
    expect(health.goalCount).toBe(9);
    // Goals 1, 5, 6, 7, 8, 9 of 妇女与健康 have no number (trends or nothing); 2, 3, 4 have.
    expect(health.directionGoals.map((g) => g.goalOrd)).toEqual([1, 5, 6, 7, 8, 9]);
    const g1 = health.directionGoals[0]!;
    expect(g1.indicators.map((i) => i.indicatorCode)).toEqual(['W1.01', 'W1.02']);
    // Only two values of W1.01 up to 2023 (2020, 2022): too few for a trend.
    expect(g1.trendText).toBe('妇女人均预期寿命趋势暂不能判断；妇女人均健康预期寿命趋势暂不能判断');
    expect(g1.assessmentText).toBe('市卫生健康委：基本实现；市医保局：已实现');
    expect(health.directionGoals[1]!.assessments.map((a) => [a.unitName, a.progressLabel, a.problems])).toEqual([['市卫生健康委', '稳步推进', '基层营养指导力量不足。']]);
    // 市体育局's report is not approved; 博山区's is a county's.
    expect(health.directionGoals.find((g) => g.goalOrd === 9)!.assessmentText).toBe('暂无自评');
    expect(midterm.appendix.map((a) => [a.reportId, a.unitName])).toEqual([
      [12, '市医保局'],
      [11, '市卫生健康委'],
    ]);
    expect(midterm.overview.paragraphs.at(-1)).toBe('中期评估共收到审核通过的成员单位自评报告2份，目录见附件。');
  });

  it('a county’s report takes its own self-evaluation; the final report evaluates 2025 on the latest data', async () => {
    const boshan = await buildEvaluationReport(getDb(), { kind: 'midterm', year: 2023, plan: 'women', regionCode: BOSHAN }, fixture.source);
    expect(boshan.title).toBe('博山区“十四五”妇女发展规划中期评估报告');
    expect(rowOf(boshan, 'W1.17')).toMatchObject({ baseline: 50, value: 56, valueYear: 2023, status: 'off_track' });
    expect(boshan.appendix.map((a) => a.unitName)).toEqual(['博山区']);
    expect(boshan.chapters[0]!.directionGoals[0]!.assessmentText).toBe('博山区：进展滞后');

    const final = await buildEvaluationReport(getDb(), { kind: 'final', year: 2025, plan: 'all' });
    expect(final.title).toBe('淄博市“十四五”妇女儿童发展规划终期评估报告');
    expect(new Set(final.chapters.map((c) => c.planKind))).toEqual(new Set(['women', 'children']));
    const engine = (await evaluateYear(getDb(), { year: 2025, regionCode: ZIBO, details: false })).results;
    const w103 = rowOf(final, 'W1.03');
    expect(w103).toMatchObject({ value: 9.1, valueYear: 2024, status: engine.find((r) => r.indicatorCode === 'W1.03')!.status });
    expect(final.overview.rate.tally.total).toBe(engine.length);
    expect(final.sections.map((s) => s.title)).toEqual(['存在的主要问题', '对策建议', '“十五五”时期展望']);
    expect(final.appendix).toEqual([]);
    await expect(buildEvaluationReport(getDb(), { kind: 'annual' as never, year: 2023, plan: 'all' })).rejects.toThrow('评估报告类型“annual”无效');
  }, 60_000);

  it('writes the Word document: headings, tables with the numbers and statuses, charts, sections, appendix', async () => {
    const { parts, media } = await readDocx(await evaluationReportDocx(midterm, { problems: '一是部分指标数据缺失。\n二是区域发展不平衡。', recommendations: '' }));
    const doc = parts.get('word/document.xml')!;
    const text = docxParagraphs(doc);
    for (const heading of ['一、总体情况', '二、《淄博市“十四五”妇女发展规划》各领域目标实现情况', '（一）妇女与健康', '三、存在的主要问题', '四、对策建议', '五、下一阶段工作重点', '附件：成员单位中期评估自评报告目录']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain(midterm.overview.paragraphs[1]);
    // The office's text, paragraph by paragraph; the empty sections marked.
    const p = text.indexOf('三、存在的主要问题');
    expect(text.slice(p + 1, p + 5)).toEqual(['一是部分指标数据缺失。', '二是区域发展不平衡。', '四、对策建议', '（待撰写）']);
    expect(text[text.indexOf('五、下一阶段工作重点') + 1]).toBe('（待撰写）');
    // The domain table: 妇女与健康 with its counts and rates: W1.17 achieved (the counties' roll-up, 70.5% in
    // 2023), W1.03 at risk: 1 of 2 assessed.
    const health = midterm.domainRates.find((d) => d.domainOrd === 1)!;
    expect(rowOf(midterm, 'W1.17').status).toBe('achieved');
    const h = text.indexOf('妇女与健康');
    expect(text.slice(h, h + 9)).toEqual(['妇女与健康', String(health.tally.total), '1', '0', '1', '0', String(health.tally.insufficient_data), '50%', '50%']);
    // The target row of W1.03: name, source, 2020, 2023, target, status.
    const w = text.indexOf('孕产妇死亡率');
    expect(text.slice(w, w + 6)).toEqual(['孕产妇死亡率', '目标2', '10/10万', '9.3/10万', rowOf(midterm, 'W1.03').targetText, '达标有风险']);
    expect(text).toContain(`（3）孕产妇死亡率（目标2）：${rowOf(midterm, 'W1.03').reason}。`);
    expect(text).toContain('目标1，市卫生健康委（基本实现）：实施健康淄博行动，妇女健康水平稳步提高。');
    expect(text).toContain('1. 妇女全生命周期享有良好的卫生健康服务，妇女人均预期寿命延长，人均健康预期寿命提高。');
    expect(text).toContain('市卫生健康委关于妇女儿童发展规划中期评估的自评报告');
    // The appendix: listed by submission date (市医保局 first), each with its summary.
    expect(text).toContain('2. 市卫生健康委：市卫生健康委自评概述');
    // One overview chart and one per domain with targets.
    expect(media.length).toBe(1 + midterm.chapters.filter((c) => c.rate.tally.total > 0).length);
    expect(doc).toContain('w:tblHeader');
    expectReportFrame(parts, false);
  }, 120_000);

  it('says 示例数据 on the cover and every page of a demo database', async () => {
    await setMetadata(getDb(), IS_DEMO_KEY, '1');
    const demo = await buildEvaluationReport(getDb(), { kind: 'final', year: 2025, plan: 'children' });
    expect(demo.dataLabel).toBe('示例数据');
    const { parts } = await readDocx(await evaluationReportDocx(demo));
    expect(docxParagraphs(parts.get('word/document.xml')!)[0]).toBe('【示例数据】');
    expectReportFrame(parts, true);
    await setMetadata(getDb(), IS_DEMO_KEY, '0');
  }, 120_000);
});
