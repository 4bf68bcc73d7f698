import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { formatValue } from '../../core/evaluation/index.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { STATUS_CATEGORIES, addStatus, emptyCounts } from '../../services/evaluation/dashboard.service.ts';
import { evaluateYear, type EvaluationRecord } from '../../services/evaluation/evaluate-year.service.ts';
import { EvaluationError } from '../../services/evaluation/evaluation.errors.ts';
import { warmYear } from '../../services/evaluation/evaluation-warmup.service.ts';
import { statusCategoryLabels } from '../../core/evaluation/index.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

export interface EvaluateCliOptions {
  year: string;
  region?: string;
  plan?: string;
  indicator?: string;
  json?: boolean;
  /** Only bring the year's stored results up to date (scheduled jobs), print a summary. */
  warm?: boolean;
}

/** Width of a text in a monospace terminal: CJK characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows as an aligned text table (the last column is not padded). */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * The JSON shape of `fuer evaluate --json`: the issue's fields first, then notAssessed (不作评估, status no_target)
 * and targetBasis (city | county | county_added), then the rest.
 */
export function jsonRecord(r: EvaluationRecord): Record<string, unknown> {
  const { indicatorCode, regionCode, year, status, projected, volatile, reason, notAssessed, targetBasis, ...more } = r;
  return { indicatorCode, regionCode, year, status, projected, volatile, reason, notAssessed, targetBasis, ...more };
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new CliError(`--year“${text}”无效：应为四位数字的年份，如 --year 2024`);
  return Number(text);
}

function parsePlan(text: string | undefined): PlanKind | undefined {
  if (text === undefined) return undefined;
  if (text !== 'women' && text !== 'children') throw new CliError(`--plan“${text}”无效：应为 women（妇女规划）或 children（儿童规划）`);
  return text;
}

/** `fuer evaluate`: the text to print. */
export async function evaluateAction(db: Kysely<Database>, opts: EvaluateCliOptions): Promise<string> {
  const year = parseYear(opts.year);
  const planKind = parsePlan(opts.plan);
  await bootstrap(db);
  if (opts.warm) {
    if (opts.region || opts.plan || opts.indicator) throw new CliError('--warm 更新全市（全部区县）的已存评估结果，不能与 --region、--plan、--indicator 同用');
    const started = Date.now();
    let warmed;
    try {
      warmed = await warmYear(db, year);
    } catch (err) {
      if (err instanceof EvaluationError) throw new CliError(err.message);
      throw err;
    }
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) return `${JSON.stringify({ ...warmed, seconds })}\n`;
    const rest = warmed.indicators - warmed.recomputed;
    return `已更新${year}年度的已存评估结果：共${warmed.indicators}个指标，重算${warmed.recomputed}个${rest > 0 ? `，其余${rest}个仍为最新` : ''}，用时${seconds.toFixed(1)}秒\n`;
  }
  let evaluation;
  try {
    evaluation = await evaluateYear(db, {
      year,
      details: false,
      ...(opts.region ? { regionCode: opts.region } : {}),
      ...(planKind ? { planKind } : {}),
      ...(opts.indicator ? { indicatorCode: opts.indicator } : {}),
    });
  } catch (err) {
    if (err instanceof EvaluationError) throw new CliError(err.message);
    throw err;
  }
  if (opts.json) return `${JSON.stringify({ results: evaluation.results.map(jsonRecord) })}\n`;

  const demo = await isDemoDatabase(db);
  const lines: string[] = [];
  const where = opts.region ? (evaluation.regions[0]?.name ?? opts.region) : '淄博市及各区县、功能区';
  lines.push(`${year}年度监测指标评估（${where}；依据已审核通过的数据，按 docs/evaluation-method.md 的方法）${demo ? '【示例数据】' : ''}`);
  lines.push('');
  const fmt = (v: number | null, unit: string) => (v === null ? '—' : formatValue(v, unit));
  const rows = evaluation.results.map((r) => [
    r.indicatorCode || '（未关联）',
    r.indicatorName.length > 16 ? `${r.indicatorName.slice(0, 15)}…` : r.indicatorName,
    r.regionName,
    r.statusLabel,
    r.latestYear === null ? '—' : `${fmt(r.latestValue, r.unit)}（${r.latestYear}）`,
    r.targetValue === null ? '—' : fmt(r.targetValue, r.unit),
    r.projected === null ? '—' : fmt(r.projected, r.unit),
    r.volatile ? '是' : '',
    r.reason,
  ]);
  lines.push(...table(['指标', '名称', '地区', '状态', '最新值', '目标值', `推算${evaluation.results[0]?.targetYear ?? 2025}年`, '波动较大', '说明'], rows));
  const counts = emptyCounts();
  for (const r of evaluation.results) addStatus(counts, r);
  lines.push('');
  lines.push(`共${counts.total}项：${STATUS_CATEGORIES.map((s) => `${statusCategoryLabels[s]}${counts[s]}`).join('，')}；波动较大${evaluation.results.filter((r) => r.volatile).length}`);
  return `${lines.join('\n')}\n`;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .requiredOption('--year <year>', '评估年度，如 2024')
    .option('--region <code>', '只评估该地区（370300 淄博市，或区县、功能区代码）')
    .option('--plan <kind>', '只评估一部规划：women（妇女）或 children（儿童）')
    .option('--indicator <code>', '只评估该指标，如 W1.03')
    .option('--warm', '只更新该年度已存的评估结果（重算数据或目标有变化的指标），供定时任务使用；不输出评估明细')
    .option('--json', '输出 JSON：{"results":[{"indicatorCode","regionCode","year","status","projected","volatile","reason","notAssessed","targetBasis",…}]}（notAssessed 为 true 即不作评估，status 为 no_target）')
    .description('评估每个监测指标在淄博市及各区县相对规划目标（区县已报送规划的目标、区县新增目标）的状态（已达标、预计可达标、达标有风险、预计难以达标、数据不足、无量化目标；区县不适用的目标和全市总量目标在区县不作评估）')
    .action(async (opts: EvaluateCliOptions) => {
      const text = await withDatabase(({ db }) => evaluateAction(db, opts));
      process.stdout.write(text);
    });
}
