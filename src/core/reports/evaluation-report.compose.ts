import { evaluationStatusLabels, statusCategoryLabels, trendLabels } from '../evaluation/evaluation.labels.ts';
import type { EvaluationStatus, StatusCategory, TrendDirection } from '../evaluation/evaluation.types.ts';
import type { PlanKind } from '../plan/plan.types.ts';
import { DEMO_DATA_LABEL, chineseNumeral, tallyText } from './annual-report.compose.ts';
import {
  PENDING_SECTION_TEXT,
  SELF_ASSESSMENT_PROGRESS_LABELS,
  type AchievementRate,
  type DirectionGoalRow,
  type EvaluationAppendixEntry,
  type EvaluationChapter,
  type EvaluationReport,
  type EvaluationReportKind,
  type EvaluationSectionSpec,
  type EvaluationTargetRow,
  type GoalAssessment,
  type SelfAssessmentProgress,
} from './evaluation-report.types.ts';
import type { ReportPlanScope, StatusTally } from './report.types.ts';
import { assessedOf, categoryOf, emptyTally } from './tally.ts';

/** The year each evaluation is due by the plans (section 五); another year is allowed and named in the title. */
export const EVALUATION_YEARS: Readonly<Record<EvaluationReportKind, number>> = { midterm: 2023, final: 2025 };
export const EVALUATION_STAGE_LABELS: Readonly<Record<EvaluationReportKind, string>> = { midterm: '中期评估', final: '终期评估' };
/** The plans' base year: their targets are set against 2020. */
export const BASELINE_YEAR = 2020;

export function evaluationSections(kind: EvaluationReportKind): EvaluationSectionSpec[] {
  return [
    { key: 'problems', title: '存在的主要问题' },
    { key: 'recommendations', title: '对策建议' },
    { key: 'outlook', title: kind === 'midterm' ? '下一阶段工作重点' : '“十五五”时期展望' },
  ];
}

/** One evaluated target in the report's region, with the region's series of the indicator. */
export interface EvaluationTargetFacts {
  planKind: PlanKind;
  domainOrd: number;
  source: { type: 'goal' | 'measure'; ord: number };
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  series: readonly { year: number; value: number }[];
  targetText: string;
  targetValue: number | null;
  status: EvaluationStatus;
  /** Not assessed (不作评估: a county target marked 不适用, a city-wide total in a county); its status is no_target. */
  notAssessed?: boolean;
  trend: TrendDirection | null;
  reason: string;
  departmentName: string | null;
}

/** A main goal of a domain; `quantitative` when one of its targets has a number (any kind but a trend). */
export interface GoalFacts {
  planKind: PlanKind;
  domainOrd: number;
  ord: number;
  text: string;
  leadUnits: string[];
  quantitative: boolean;
}

export interface SelfAssessmentFacts {
  planKind: PlanKind;
  domainOrd: number;
  goalOrd: number;
  unitKind: 'department' | 'county';
  unitName: string;
  role: 'lead' | 'responsible' | 'county';
  progress: SelfAssessmentProgress | null;
  done: string;
  problems: string;
}

export interface EvaluationReportInput {
  kind: EvaluationReportKind;
  year: number;
  plan: ReportPlanScope;
  region: { code: string; name: string; level: 'city' | 'county' };
  demo: boolean;
  generatedAt: string;
  plans: { kind: PlanKind; title: string; domains: { ord: number; title: string }[] }[];
  targets: readonly EvaluationTargetFacts[];
  goals: readonly GoalFacts[];
  assessments: readonly SelfAssessmentFacts[];
  appendix: readonly EvaluationAppendixEntry[];
}

const PLAN_NAMES: Record<PlanKind, string> = { women: '妇女发展规划', children: '儿童发展规划' };

/** 0.6667 → “66.7%”; null → “—”. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

export function achievementRate(key: string, label: string, statuses: Iterable<StatusCategory>): AchievementRate {
  const tally: StatusTally = emptyTally();
  for (const s of statuses) {
    tally[s]++;
    tally.total++;
  }
  const assessed = assessedOf(tally);
  const achievedRate = assessed === 0 ? null : tally.achieved / assessed;
  const expectedRate = assessed === 0 ? null : (tally.achieved + tally.on_track) / assessed;
  return { key, label, tally, assessed, achievedRate, expectedRate, achievedRateText: rateText(achievedRate), expectedRateText: rateText(expectedRate) };
}

/** “…纳入评估的8项指标目标中，已达标2项，…；可评估的5项目标达标率为40%，预计达标率为60%。” */
export function achievementSentence(prefix: string, r: AchievementRate): string {
  if (r.tally.total === 0) return `${prefix}暂无纳入监测评估的指标目标。`;
  const head = `${prefix}纳入评估的${r.tally.total}项指标目标中，${tallyText(r.tally)}`;
  if (r.assessed === 0) return `${head}，均不能判断达标情况。`;
  return `${head}；可评估的${r.assessed}项目标达标率为${r.achievedRateText}，预计达标率（已达标和预计可达标）为${r.expectedRateText}。`;
}

function byDepartment(targets: readonly EvaluationTargetFacts[]): AchievementRate[] {
  const groups = new Map<string, StatusCategory[]>();
  for (const t of targets) {
    const name = t.departmentName ?? '未指定牵头部门';
    groups.set(name, [...(groups.get(name) ?? []), categoryOf(t)]);
  }
  return [...groups.entries()]
    .map(([name, statuses]) => achievementRate(name, name, statuses))
    .sort((a, b) => (b.achievedRate ?? -1) - (a.achievedRate ?? -1) || b.tally.total - a.tally.total || a.label.localeCompare(b.label, 'zh'));
}

function toRow(f: EvaluationTargetFacts, year: number): EvaluationTargetRow {
  const series = [...f.series].filter((p) => p.year <= year).sort((a, b) => a.year - b.year);
  const latest = series.at(-1) ?? null;
  return {
    indicatorCode: f.indicatorCode,
    indicatorName: f.indicatorName,
    unit: f.unit,
    sourceLabel: f.source.type === 'goal' ? `目标${f.source.ord}` : `策略措施${f.source.ord}`,
    goalOrd: f.source.type === 'goal' ? f.source.ord : null,
    baseline: series.find((p) => p.year === BASELINE_YEAR)?.value ?? null,
    baselineYear: BASELINE_YEAR,
    value: latest?.value ?? null,
    valueYear: latest?.year ?? null,
    targetText: f.targetText,
    targetValue: f.targetValue,
    status: f.status,
    category: categoryOf(f),
    statusLabel: statusCategoryLabels[categoryOf(f)],
    reason: f.reason,
    departmentName: f.departmentName,
  };
}

function trendLabel(trend: TrendDirection | null): string {
  return trend === null ? '趋势暂不能判断' : `总体${trendLabels[trend]}`;
}

function directionGoal(goal: GoalFacts, targets: readonly EvaluationTargetFacts[], assessments: readonly SelfAssessmentFacts[]): DirectionGoalRow {
  const indicators = targets
    .filter((t) => t.source.type === 'goal' && t.source.ord === goal.ord)
    .map((t) => ({ indicatorCode: t.indicatorCode, indicatorName: t.indicatorName, trend: t.trend, trendLabel: trendLabel(t.trend), reason: t.reason }));
  const own: GoalAssessment[] = assessments
    .filter((a) => a.goalOrd === goal.ord)
    // Lead units first, then the responsible ones, as the plan names them.
    .sort((a, b) => (a.role === 'lead' ? 0 : 1) - (b.role === 'lead' ? 0 : 1))
    .map((a) => ({
      unitName: a.unitName,
      unitKind: a.unitKind,
      role: a.role,
      progress: a.progress,
      progressLabel: a.progress === null ? '未作判断' : SELF_ASSESSMENT_PROGRESS_LABELS[a.progress],
      done: a.done,
      problems: a.problems,
    }));
  return {
    goalOrd: goal.ord,
    goalText: goal.text,
    leadUnits: goal.leadUnits,
    indicators,
    trendText: indicators.length === 0 ? '无监测指标' : indicators.map((i) => `${i.indicatorName}${i.trendLabel}`).join('；'),
    assessments: own,
    assessmentText: own.length === 0 ? '暂无自评' : own.map((a) => `${a.unitName}：${a.progressLabel}`).join('；'),
  };
}

/** “本领域共设主要目标9项，其中含量化目标的5项，无量化目标的4项。…” with the units' own judgement of the latter. */
function goalSentence(goalCount: number, direction: readonly DirectionGoalRow[]): string {
  if (goalCount === 0) return '';
  const head = `本领域共设主要目标${goalCount}项，其中含量化目标的${goalCount - direction.length}项，无量化目标的${direction.length}项`;
  if (direction.length === 0) return `${head}。`;
  const judged = direction.flatMap((g) => g.assessments).filter((a) => a.progress !== null);
  if (judged.length === 0) return `${head}；无量化目标的进展暂无成员单位自评。`;
  const counts = new Map<string, number>();
  for (const a of judged) counts.set(a.progressLabel, (counts.get(a.progressLabel) ?? 0) + 1);
  const order = Object.values(SELF_ASSESSMENT_PROGRESS_LABELS);
  const parts = order.filter((l) => counts.has(l)).map((l) => `${l}${counts.get(l)}项次`);
  return `${head}；成员单位对无量化目标的自评中，${parts.join('，')}。`;
}

/** Builds the mid-term or final evaluation report from the evaluated targets of one region and year. */
export function composeEvaluationReport(input: EvaluationReportInput): EvaluationReport {
  const { kind, year, region } = input;
  const stageLabel = EVALUATION_STAGE_LABELS[kind];
  const areaName = region.level === 'city' ? '全市' : region.name;
  const inScope = (p: PlanKind) => input.plans.some((x) => x.kind === p);
  const targets = input.targets.filter((t) => inScope(t.planKind));
  const chapters: EvaluationChapter[] = [];
  const planRates: AchievementRate[] = [];
  let goalTotal = 0;
  let directionTotal = 0;
  for (const plan of input.plans) {
    const planTargets = targets.filter((t) => t.planKind === plan.kind);
    planRates.push(achievementRate(plan.kind, PLAN_NAMES[plan.kind], planTargets.map(categoryOf)));
    plan.domains.forEach((domain, i) => {
      const own = planTargets.filter((t) => t.domainOrd === domain.ord);
      const goals = input.goals.filter((g) => g.planKind === plan.kind && g.domainOrd === domain.ord).sort((a, b) => a.ord - b.ord);
      const assessments = input.assessments.filter((a) => a.planKind === plan.kind && a.domainOrd === domain.ord);
      const directionGoals = goals.filter((g) => !g.quantitative).map((g) => directionGoal(g, own, assessments));
      goalTotal += goals.length;
      directionTotal += directionGoals.length;
      const rate = achievementRate(`${plan.kind}|${domain.ord}`, domain.title, own.map(categoryOf));
      const offTrack = own.filter((t) => t.status === 'off_track' || t.status === 'at_risk');
      const paragraphs = [achievementSentence(`截至${year}年，${areaName}${domain.title}领域`, rate)];
      if (offTrack.length > 0) {
        paragraphs.push(`需重点关注的指标：${[...new Set(offTrack.map((t) => `${t.indicatorName}（${evaluationStatusLabels[t.status]}）`))].join('、')}。`);
      }
      const goalsText = goalSentence(goals.length, directionGoals);
      if (goalsText !== '') paragraphs.push(goalsText);
      chapters.push({
        planKind: plan.kind,
        planTitle: plan.title,
        domainOrd: domain.ord,
        heading: `（${chineseNumeral(i + 1)}）${domain.title}`,
        title: domain.title,
        rate,
        paragraphs,
        rows: own.map((t) => toRow(t, year)),
        departments: byDepartment(own),
        goalCount: goals.length,
        directionGoals,
      });
    });
  }

  const overall = achievementRate('all', '合计', targets.map(categoryOf));
  const titles = input.plans.map((p) => `《${p.title}》`).join('和');
  const unitWord = region.level === 'city' ? '成员单位' : '区县';
  const intro =
    kind === 'midterm'
      ? `按照${titles}关于开展中期评估的要求，${region.name}妇女儿童工作委员会办公室组织评估组，以${BASELINE_YEAR}年为基期，依据截至${year}年审核通过的统计监测数据和${unitWord}的自评报告，对规划实施过半的情况进行了中期评估：逐项对照规划目标，判断已达标、预计可达标、达标有风险和预计难以达标的情况，对无量化目标的主要目标结合指标变化趋势和${unitWord}自评作出评价。`
      : `${titles}实施期满。按照规划关于开展终期评估的要求，${region.name}妇女儿童工作委员会办公室组织评估组，以${BASELINE_YEAR}年为基期，依据截至${year}年审核通过的统计监测数据和${unitWord}的自评报告，对规划目标的实现情况进行了全面评估：逐项对照规划目标，判断已达标、预计可达标、达标有风险和预计难以达标的情况，对无量化目标的主要目标结合指标变化趋势和${unitWord}自评作出评价。`;
  const paragraphs = [intro, achievementSentence(`截至${year}年，${areaName}`, overall)];
  if (input.plans.length > 1) for (const r of planRates) paragraphs.push(achievementSentence(`其中，${r.label}`, r));
  if (goalTotal > 0) paragraphs.push(`规划共设主要目标${goalTotal}项，其中含量化目标的${goalTotal - directionTotal}项，无量化目标的${directionTotal}项。`);
  const behind = [...new Set(targets.filter((t) => t.status === 'off_track').map((t) => t.indicatorName))];
  if (behind.length > 0) paragraphs.push(`预计难以达标的指标有${behind.length}项：${behind.join('、')}，需采取有力措施加快推进。`);
  paragraphs.push(
    input.appendix.length === 0
      ? `${stageLabel}暂未收到审核通过的${unitWord}自评报告。`
      : `${stageLabel}共收到审核通过的${unitWord}自评报告${input.appendix.length}份，目录见附件。`,
  );

  const planLabel = input.plan === 'all' ? '妇女儿童发展规划' : PLAN_NAMES[input.plan];
  const yearNote = year === EVALUATION_YEARS[kind] ? '' : `（${year}年）`;
  return {
    kind,
    stageLabel,
    title: `${region.name}“十四五”${planLabel}${stageLabel}报告${yearNote}`,
    year,
    baselineYear: BASELINE_YEAR,
    plan: input.plan,
    regionCode: region.code,
    regionName: region.name,
    regionLevel: region.level,
    demo: input.demo,
    dataLabel: input.demo ? DEMO_DATA_LABEL : null,
    generatedAt: input.generatedAt,
    issuer: `${region.name}妇女儿童工作委员会办公室`,
    overview: { paragraphs, rate: overall, plans: planRates, goalCount: goalTotal, directionGoalCount: directionTotal },
    domainRates: chapters.map((c) => ({ ...c.rate, planKind: c.planKind, domainOrd: c.domainOrd })),
    departmentRates: byDepartment(targets),
    chapters,
    sections: evaluationSections(kind),
    appendix: [...input.appendix],
  };
}

/** The text of a section the office writes, as paragraphs; the pending marker when empty. */
export function sectionParagraphs(text: string | undefined): string[] {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length === 0 ? [PENDING_SECTION_TEXT] : lines;
}
