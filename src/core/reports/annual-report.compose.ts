import type { EvaluationStatus, TrendDirection } from '../evaluation/evaluation.types.ts';
import { evaluationStatusLabels, statusCategoryLabels } from '../evaluation/evaluation.labels.ts';
import type { Polarity } from '../indicator/indicator.types.ts';
import type { PlanKind } from '../plan/plan.types.ts';
import { indicatorSentence } from './indicator-sentence.ts';
import type { AnnualReport, ReportChapter, ReportIndicatorRow, ReportPlanScope, ReportWarning, StatusTally } from './report.types.ts';
import { TALLY_STATUSES, achievedShare, assessedOf, categoryOf, emptyTally } from './tally.ts';

export const DEMO_DATA_LABEL = '示例数据';

/** One evaluated target in the report's region, with the region's series of the indicator. */
export interface TargetFacts {
  planKind: PlanKind;
  domainOrd: number;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  polarity: Polarity;
  /** Approved values of the region up to the report year (any order). */
  series: readonly { year: number; value: number }[];
  targetText: string;
  targetValue: number | null;
  status: EvaluationStatus;
  /** Not assessed (不作评估: a county target marked 不适用, a city-wide total in a county); its status is no_target. */
  notAssessed?: boolean;
  trend: TrendDirection | null;
  departmentName: string | null;
}

export type WarningFacts = ReportWarning;

export interface AnnualReportInput {
  year: number;
  plan: ReportPlanScope;
  region: { code: string; name: string; level: 'city' | 'county' };
  demo: boolean;
  generatedAt: string;
  /** The plans covered, in order, each with its domains in order. */
  plans: { kind: PlanKind; title: string; domains: { ord: number; title: string }[] }[];
  targets: readonly TargetFacts[];
  warnings: readonly WarningFacts[];
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings go no further than 99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`;
}

const PLAN_NAMES: Record<PlanKind, string> = { women: '妇女发展规划', children: '儿童发展规划' };

/** “已达标3项，预计可达标1项，…” listing only the statuses present. */
export function tallyText(t: StatusTally): string {
  return TALLY_STATUSES.filter((s) => t[s] > 0)
    .map((s) => `${statusCategoryLabels[s]}${t[s]}项`)
    .join('，');
}

function summarySentence(prefix: string, t: StatusTally): string {
  if (t.total === 0) return `${prefix}暂无纳入监测评估的量化目标。`;
  const share = achievedShare(t);
  const assessed = assessedOf(t);
  return `${prefix}纳入监测评估的${t.total}项目标中，${tallyText(t)}` + (share === null ? '。' : `；在可评估的${assessed}项目标中，达标率为${share}。`);
}

/** One sentence for the indicators without data, instead of one each. */
function missingSentence(year: number, rows: readonly ReportIndicatorRow[]): string[] {
  const names = [...new Set(rows.filter((r) => r.value === null).map((r) => r.indicatorName))];
  return names.length === 0 ? [] : [`${names.join('、')}等${names.length}项指标${year}年暂无审核通过的监测数据。`];
}

function toRow(f: TargetFacts, year: number, areaName: string): ReportIndicatorRow {
  const series = [...f.series].filter((p) => p.year <= year).sort((a, b) => a.year - b.year);
  const latest = series.at(-1) ?? null;
  const previous = latest === null ? null : (series.find((p) => p.year === latest.year - 1)?.value ?? null);
  const sentence = indicatorSentence({
    year,
    areaName,
    indicatorName: f.indicatorName,
    unit: f.unit,
    polarity: f.polarity,
    value: latest?.value ?? null,
    valueYear: latest?.year ?? null,
    previous,
    targetValue: f.targetValue,
    status: f.status,
    trend: f.trend,
  });
  return {
    indicatorCode: f.indicatorCode,
    indicatorName: f.indicatorName,
    unit: f.unit,
    value: latest?.value ?? null,
    valueYear: latest?.year ?? null,
    previous,
    targetText: f.targetText,
    targetValue: f.targetValue,
    status: f.status,
    category: categoryOf(f),
    statusLabel: statusCategoryLabels[categoryOf(f)],
    departmentName: f.departmentName,
    series,
    sentence,
  };
}

/** Builds the annual statistical monitoring report from the evaluated targets of one region and year. */
export function composeAnnualReport(input: AnnualReportInput): AnnualReport {
  const { year, region } = input;
  const areaName = region.level === 'city' ? '全市' : region.name;
  const chapters: ReportChapter[] = [];
  const overall = emptyTally();
  const planSentences: string[] = [];
  for (const plan of input.plans) {
    const planTally = emptyTally();
    plan.domains.forEach((domain, i) => {
      const rows = input.targets.filter((t) => t.planKind === plan.kind && t.domainOrd === domain.ord).map((t) => toRow(t, year, areaName));
      const tally = emptyTally();
      for (const r of rows) {
        for (const t of [tally, planTally, overall]) {
          t[r.category]++;
          t.total++;
        }
      }
      chapters.push({
        planKind: plan.kind,
        planTitle: plan.title,
        domainOrd: domain.ord,
        heading: `（${chineseNumeral(i + 1)}）${domain.title}`,
        title: domain.title,
        tally,
        paragraphs: [summarySentence(`${domain.title}领域`, tally), ...rows.filter((r) => r.value !== null).map((r) => r.sentence), ...missingSentence(year, rows)],
        rows,
      });
    });
    planSentences.push(summarySentence(`${PLAN_NAMES[plan.kind]}`, planTally));
  }

  const titles = input.plans.map((p) => `《${p.title}》`).join('和');
  const paragraphs = [
    `本报告依据${year}年度审核通过的统计监测数据，对${titles}在${region.name}的实施情况进行监测，按领域逐项分析主要指标的发展水平、比上年变化和规划目标实现情况。`,
    summarySentence(`${year}年，${areaName}`, overall),
  ];
  if (input.plans.length > 1) paragraphs.push(...planSentences);
  const red = input.warnings.filter((w) => w.level === 'red').length;
  paragraphs.push(
    input.warnings.length === 0
      ? `${year}年未产生监测预警。`
      : `${year}年共发出监测预警${input.warnings.length}项，其中红色预警${red}项、黄色预警${input.warnings.length - red}项，详见“监测预警”部分。`,
  );

  const planLabel = input.plan === 'all' ? '妇女儿童发展规划' : PLAN_NAMES[input.plan];
  return {
    kind: 'annual',
    title: `${region.name}${year}年${planLabel}统计监测报告`,
    year,
    plan: input.plan,
    regionCode: region.code,
    regionName: region.name,
    regionLevel: region.level,
    demo: input.demo,
    dataLabel: input.demo ? DEMO_DATA_LABEL : null,
    generatedAt: input.generatedAt,
    issuer: `${region.name}统计局　${region.name}妇女儿童工作委员会办公室`,
    overview: { paragraphs, tally: overall },
    chapters,
    warnings: [...input.warnings],
  };
}
