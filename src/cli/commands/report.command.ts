import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { EVALUATION_YEARS } from '../../core/reports/evaluation-report.compose.ts';
import type { EvaluationReportKind } from '../../core/reports/evaluation-report.types.ts';
import { REPORT_PLAN_SCOPES, type ReportPlanScope } from '../../core/reports/report.types.ts';
import { EvaluationError } from '../../services/evaluation/evaluation.errors.ts';
import { annualReportDocx } from '../../services/reports/annual-report.docx.ts';
import { buildAnnualReport } from '../../services/reports/annual-report.service.ts';
import { buildCompendium, compendiumXlsx } from '../../services/reports/compendium.service.ts';
import { evaluationReportDocx } from '../../services/reports/evaluation-report.docx.ts';
import { buildEvaluationReport } from '../../services/reports/evaluation-report.service.ts';
import type { Database } from '../../storage/schema.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new CliError(`--year“${text}”无效：应为四位数字的年份，如 --year 2024`);
  return Number(text);
}

function parsePlan(text: string | undefined): ReportPlanScope {
  const plan = (text ?? 'all') as ReportPlanScope;
  if (!REPORT_PLAN_SCOPES.includes(plan)) throw new CliError(`--plan“${text}”无效：应为 women（妇女）、children（儿童）或 all（两个规划）`);
  return plan;
}

function checkOut(out: string, ext: string): string {
  if (!out.toLowerCase().endsWith(ext)) throw new CliError(`--out“${out}”应为 ${ext} 文件`);
  return path.resolve(out);
}

function save(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

async function cli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof EvaluationError) throw new CliError(err.message);
    throw err;
  }
}

export interface ReportAnnualOptions {
  year: string;
  plan?: string;
  region?: string;
  out: string;
}

/** Writes the annual statistical monitoring report (.docx); returns the lines to print. */
export async function reportAnnualAction(db: Kysely<Database>, opts: ReportAnnualOptions): Promise<string[]> {
  const year = parseYear(opts.year);
  const plan = parsePlan(opts.plan);
  const file = checkOut(opts.out, '.docx');
  const started = performance.now();
  const report = await cli(() => buildAnnualReport(db, { year, plan, ...(opts.region === undefined ? {} : { regionCode: opts.region }) }));
  const bytes = await annualReportDocx(report);
  save(file, bytes);
  const t = report.overview.tally;
  const lines = [
    `已生成《${report.title}》：${file}（${Math.round(bytes.length / 1024)} KB，${Math.round(performance.now() - started)} 毫秒）`,
    `${report.chapters.length}个领域，${t.total}项目标：已达标${t.achieved}，预计可达标${t.on_track}，达标有风险${t.at_risk}，预计难以达标${t.off_track}，数据不足${t.insufficient_data}，无量化目标${t.no_target}；预警${report.warnings.length}项`,
  ];
  if (report.demo) lines.push('【示例数据】本数据库为示例数据库：报告封面和每页页眉均标注“示例数据”');
  return lines;
}

export interface ReportEvaluationOptions {
  year?: string;
  plan?: string;
  region?: string;
  out: string;
}

/** Writes the mid-term or final evaluation report (.docx); returns the lines to print. */
export async function reportEvaluationAction(db: Kysely<Database>, kind: EvaluationReportKind, opts: ReportEvaluationOptions): Promise<string[]> {
  const year = opts.year === undefined ? EVALUATION_YEARS[kind] : parseYear(opts.year);
  const plan = parsePlan(opts.plan);
  const file = checkOut(opts.out, '.docx');
  const started = performance.now();
  const report = await cli(() => buildEvaluationReport(db, { kind, year, plan, ...(opts.region === undefined ? {} : { regionCode: opts.region }) }));
  const bytes = await evaluationReportDocx(report);
  save(file, bytes);
  const r = report.overview.rate;
  const t = r.tally;
  const lines = [
    `已生成《${report.title}》：${file}（${Math.round(bytes.length / 1024)} KB，${Math.round(performance.now() - started)} 毫秒）`,
    `${report.chapters.length}个领域，${t.total}项指标目标：已达标${t.achieved}，预计可达标${t.on_track}，达标有风险${t.at_risk}，预计难以达标${t.off_track}，数据不足${t.insufficient_data}，无量化目标${t.no_target}；达标率${r.achievedRateText}，预计达标率${r.expectedRateText}`,
    `主要目标${report.overview.goalCount}项（无量化目标${report.overview.directionGoalCount}项）；附自评报告${report.appendix.length}份；“${report.sections.map((s) => s.title).join('”“')}”部分待撰写（在平台“报告审核与发布”中编辑后随报告审核发布）`,
  ];
  if (report.demo) lines.push('【示例数据】本数据库为示例数据库：报告封面和每页页眉均标注“示例数据”');
  return lines;
}

export interface ReportCompendiumOptions {
  year: string;
  from?: string;
  plan?: string;
  out: string;
}

/** Writes the statistical compendium (.xlsx); returns the lines to print. */
export async function reportCompendiumAction(db: Kysely<Database>, opts: ReportCompendiumOptions): Promise<string[]> {
  const year = parseYear(opts.year);
  const fromYear = opts.from === undefined ? undefined : parseYear(opts.from);
  const plan = parsePlan(opts.plan);
  const file = checkOut(opts.out, '.xlsx');
  const compendium = await cli(() => buildCompendium(db, { year, plan, ...(fromYear === undefined ? {} : { fromYear }) }));
  const bytes = await compendiumXlsx(compendium);
  save(file, bytes);
  const lines = [`已生成《${compendium.title}》：${file}（${compendium.sheets.length}个领域工作表，${compendium.sheets.reduce((n, s) => n + s.lines.length, 0)}行）`];
  if (compendium.demo) lines.push('【示例数据】本数据库为示例数据库');
  return lines;
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('生成报告：年度统计监测报告、中期/终期评估报告（Word），年度妇女儿童统计资料（Excel）');
  report
    .command('annual')
    .description('年度统计监测报告（.docx）：总体情况、分领域分析、指标表、图表、预警')
    .requiredOption('--year <year>', '监测年度，如 2024')
    .option('--plan <plan>', 'women（妇女）、children（儿童）或 all（两个规划）', 'all')
    .option('--region <code>', '地区代码：淄博市 370300（默认）或区县、功能区代码')
    .requiredOption('--out <file>', '输出的 .docx 文件')
    .action(async (opts: ReportAnnualOptions) => {
      const lines = await withDatabase(({ db }) => reportAnnualAction(db, opts));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  for (const kind of ['midterm', 'final'] as const) {
    const label = kind === 'midterm' ? '中期评估报告' : '终期评估报告';
    report
      .command(kind)
      .description(`${label}（.docx）：各领域、各目标、各牵头部门的达标情况，无量化目标进展和成员单位自评，问题和建议（待撰写），自评报告目录`)
      .option('--year <year>', `评估年度（默认 ${EVALUATION_YEARS[kind]}）`)
      .option('--plan <plan>', 'women（妇女）、children（儿童）或 all（两个规划）', 'all')
      .option('--region <code>', '地区代码：淄博市 370300（默认）或区县、功能区代码')
      .requiredOption('--out <file>', '输出的 .docx 文件')
      .action(async (opts: ReportEvaluationOptions) => {
        const lines = await withDatabase(({ db }) => reportEvaluationAction(db, kind, opts));
        process.stdout.write(`${lines.join('\n')}\n`);
      });
  }
  report
    .command('compendium')
    .description('年度妇女儿童统计资料（.xlsx）：每个领域一个工作表，指标×地区×分组×年度')
    .requiredOption('--year <year>', '资料年度，如 2024')
    .option('--from <year>', '起始年度（默认 2020）')
    .option('--plan <plan>', 'women、children 或 all', 'all')
    .requiredOption('--out <file>', '输出的 .xlsx 文件')
    .action(async (opts: ReportCompendiumOptions) => {
      const lines = await withDatabase(({ db }) => reportCompendiumAction(db, opts));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
