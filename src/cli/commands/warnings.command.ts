import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { formatValue } from '../../core/evaluation/index.ts';
import { actorOfUser } from '../../services/accounts/session.service.ts';
import { findUserByUsername } from '../../services/accounts/user.service.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { EvaluationError } from '../../services/evaluation/evaluation.errors.ts';
import { generateWarnings } from '../../services/evaluation/warning-generate.service.ts';
import { listWarnings, type WarningQuery } from '../../services/evaluation/warning.service.ts';
import type { WarningSummary } from '../../services/evaluation/warning-view.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { WarningStatus } from '../../storage/schema/warnings.schema.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';
import { table } from './evaluate.command.ts';

/** The user named by --as, or the console's system actor (an administrator without an account). */
async function actingAs(db: Kysely<Database>, username: string | undefined): Promise<Actor> {
  if (username === undefined) return CLI_SYSTEM_ACTOR;
  const user = await findUserByUsername(db, username);
  if (user === null) throw new CliError(`用户“${username}”不存在；用 fuer user list 查看用户`);
  if (!user.active) throw new CliError(`用户“${username}”已停用`);
  return actorOfUser(user);
}

async function cli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof EvaluationError) throw new CliError(err.message);
    throw err;
  }
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new CliError(`--year“${text}”无效：应为四位数字的年份，如 --year 2024`);
  return Number(text);
}

const STATUSES = ['open', 'issued', 'responded', 'escalated', 'closed', 'withdrawn'];

export interface WarningsGenerateOptions {
  year: string;
  force?: boolean;
  as?: string;
}

export async function warningsGenerateAction(db: Kysely<Database>, opts: WarningsGenerateOptions): Promise<string[]> {
  const year = parseYear(opts.year) as number;
  await bootstrap(db);
  const actor = await actingAs(db, opts.as);
  const result = await cli(() => generateWarnings(db, actor, { year, force: opts.force === true, origin: 'cli' }));
  const lines = [
    `${year}年度预警清单已生成：共${result.total}条（红色${result.red}条，黄色${result.yellow}条）；新增${result.created}，更新${result.updated}，未变${result.unchanged}` +
      (result.reissued > 0 ? `，重新下发${result.reissued}` : '') +
      (result.withdrawn > 0 ? `，撤销${result.withdrawn}` : '') +
      (result.unflagged > 0 ? `，不再触发但仍在整改${result.unflagged}` : ''),
  ];
  if (result.unapprovedForms > 0) lines.push(`注意：强制生成，尚有${result.unapprovedForms}张报表未审核通过`);
  if (await isDemoDatabase(db)) lines.push('【示例数据】本数据库为示例数据库（fuer demo 生成）');
  return lines;
}

export interface WarningsListOptions {
  year?: string;
  status?: string;
  region?: string;
  indicator?: string;
  json?: boolean;
  as?: string;
}

export function warningRows(warnings: readonly WarningSummary[]): string[] {
  return table(
    ['编号', '年度', '级别', '类型', '指标', '地区', '责任单位', '状态', '最新值', '说明'],
    warnings.map((w) => [
      String(w.id),
      String(w.year),
      w.level === 'red' ? '红' : '黄',
      w.kindLabel,
      `${w.indicatorCode} ${w.indicatorName.length > 14 ? `${w.indicatorName.slice(0, 13)}…` : w.indicatorName}`,
      w.regionName,
      w.department?.name ?? '—',
      w.statusLabel,
      w.latestValue === null ? '—' : `${formatValue(w.latestValue, w.unit)}（${w.latestYear}）`,
      (w.recurrenceText ? `【${w.recurrenceText}】` : '') + w.reason,
    ]),
  );
}

export async function warningsListAction(db: Kysely<Database>, opts: WarningsListOptions): Promise<string> {
  const year = parseYear(opts.year);
  if (opts.status !== undefined && !STATUSES.includes(opts.status)) throw new CliError(`--status“${opts.status}”无效：应为 ${STATUSES.join('、')}`);
  await bootstrap(db);
  const actor = await actingAs(db, opts.as);
  const query: WarningQuery = {
    ...(year !== undefined ? { year } : {}),
    ...(opts.status !== undefined ? { status: opts.status as WarningStatus | 'open' } : {}),
    ...(opts.region !== undefined ? { regionCode: opts.region } : {}),
    ...(opts.indicator !== undefined ? { indicatorCode: opts.indicator } : {}),
  };
  const warnings = await cli(() => listWarnings(db, actor, query));
  if (opts.json) return `${JSON.stringify({ warnings })}\n`;
  const red = warnings.filter((w) => w.level === 'red').length;
  const lines = [
    `预警清单${year !== undefined ? `（${year}年度）` : ''}：共${warnings.length}条，红色${red}条，黄色${warnings.length - red}条${(await isDemoDatabase(db)) ? '【示例数据】' : ''}`,
    '',
    ...warningRows(warnings),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerWarningCommands(program: Command): void {
  const warnings = program.command('warnings').description('年度预警：生成预警清单（达标困难、波动较大），查看清单');
  warnings
    .command('generate')
    .requiredOption('--year <year>', '预警年度，如 2024')
    .option('--force', '该年度仍有报表未审核通过时也强制生成')
    .option('--as <username>', '以该用户身份生成（默认：系统管理员身份 system）')
    .description('在全年数据审核通过后生成预警清单；重复生成只更新，不重复')
    .action(async (opts: WarningsGenerateOptions) => {
      const lines = await withDatabase(({ db }) => warningsGenerateAction(db, opts));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  warnings
    .command('list')
    .option('--year <year>', '预警年度，如 2024')
    .option('--status <status>', `只列出该状态：${STATUSES.join('、')}（open 为在办）`)
    .option('--region <code>', '只列出该地区的预警')
    .option('--indicator <code>', '只列出该指标的预警')
    .option('--json', '输出 JSON：{"warnings":[…]}')
    .option('--as <username>', '以该用户身份查看（只列出其有权查看的预警）')
    .description('列出预警清单')
    .action(async (opts: WarningsListOptions) => {
      const text = await withDatabase(({ db }) => warningsListAction(db, opts));
      process.stdout.write(text);
    });
}
