import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import type { DataValueStatus } from '../../core/monitoring/data-value.types.ts';
import { findUserByUsername } from '../../services/accounts/user.service.ts';
import { actorOfUser } from '../../services/accounts/session.service.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { importDataCsv } from '../../services/exchange/csv-import.service.ts';
import { EXPORT_FORMATS, VALUE_STATUSES, exportDataValues } from '../../services/exchange/data-export.service.ts';
import type { ExportFormat } from '../../services/exchange/data-export.service.ts';
import { ExchangeError } from '../../services/exchange/exchange-error.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import type { Database } from '../../storage/schema.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

const STATUS_LABEL: Record<DataValueStatus, string> = { draft: '草稿', submitted: '已提交（待审核）', approved: '已审核通过', returned: '已退回' };

/** The user named by --as, or the console's system actor (see CLI_SYSTEM_ACTOR). */
async function actingAs(db: Kysely<Database>, username: string | undefined): Promise<Actor> {
  if (username === undefined) return CLI_SYSTEM_ACTOR;
  const user = await findUserByUsername(db, username);
  if (user === null) throw new CliError(`用户“${username}”不存在；用 fuer user list 查看用户`);
  if (!user.active) throw new CliError(`用户“${username}”已停用`);
  return actorOfUser(user);
}

function parseStatuses(text: string): DataValueStatus[] {
  if (text === 'all') return [...VALUE_STATUSES];
  const list = text.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== '');
  for (const s of list) {
    if (!(VALUE_STATUSES as readonly string[]).includes(s)) throw new CliError(`--status“${s}”无效：应为 ${VALUE_STATUSES.join('、')} 或 all（可用逗号分隔多个）`);
  }
  return list as DataValueStatus[];
}

export interface DataImportOptions {
  status: string;
  as?: string;
  reason?: string;
  backfilled?: boolean;
}

/** `fuer data import FILE`: returns the lines to print. */
export async function dataImportAction(db: Kysely<Database>, file: string, opts: DataImportOptions): Promise<string[]> {
  if (opts.status !== 'approved' && opts.status !== 'submitted') throw new CliError(`--status“${opts.status}”无效：应为 approved（默认）或 submitted`);
  try {
    if (!(await stat(file)).isFile()) throw new CliError(`${file} 不是文件`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`文件不存在或无法读取：${file}`);
  }
  await bootstrap(db);
  const actor = await actingAs(db, opts.as);
  try {
    const result = await importDataCsv(db, actor, createReadStream(file), {
      file: path.basename(file),
      status: opts.status,
      origin: 'cli',
      ...(opts.reason === undefined ? {} : { reason: opts.reason }),
      ...(opts.backfilled === true ? { backfilled: true } : {}),
    });
    const seconds = (result.parseMs + result.writeMs) / 1000;
    const lines = [
      `已导入 ${path.basename(file)}：${result.values}个数值（新增${result.inserted}，更新${result.updated}，未变${result.unchanged}），状态：${STATUS_LABEL[opts.status]}；操作人：${actor.displayName || actor.username}`,
      `用时 ${seconds.toFixed(1)} 秒（读取校验 ${(result.parseMs / 1000).toFixed(1)} 秒，写入 ${(result.writeMs / 1000).toFixed(1)} 秒）`,
    ];
    if (result.warnings.length > 0) {
      lines.push(`提示${result.warnings.length}条（不影响导入）：`);
      for (const w of result.warnings.slice(0, 20)) lines.push(`  ${w.indicatorCode} ${w.regionCode ?? ''} ${w.cellKey}：${w.message}`);
      if (result.warnings.length > 20) lines.push(`  ……另有${result.warnings.length - 20}条`);
    }
    return lines;
  } catch (err) {
    if (err instanceof ExchangeError) {
      const locked = err.issues.some((i) => i.message.includes('解锁原因'));
      throw new CliError(locked ? `${err.message}\n（修改已审核通过的数据，请用 --reason 说明原因）` : err.message);
    }
    throw err;
  }
}

export interface DataExportCliOptions {
  year: string;
  format: string;
  status: string;
  out?: string;
  bom: boolean;
  as?: string;
}

/** `fuer data export`: writes the file (or returns the text for stdout) and returns the lines to print on stderr. */
export async function dataExportAction(db: Kysely<Database>, opts: DataExportCliOptions): Promise<{ text: string | null; lines: string[] }> {
  if (!/^\d{4}$/.test(opts.year)) throw new CliError(`--year“${opts.year}”无效：应为四位数字的年份，如 --year 2024`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format“${opts.format}”无效：应为 csv 或 sdmx`);
  const statuses = parseStatuses(opts.status);
  await bootstrap(db);
  const actor = await actingAs(db, opts.as);
  const result = await exportDataValues(db, actor, { year: Number(opts.year), format: opts.format as ExportFormat, statuses, bom: opts.bom });
  const what = `${opts.year}年${statuses.map((s) => STATUS_LABEL[s]).join('、')}的数据${result.count}个（${opts.format === 'sdmx' ? 'SDMX-CSV 2.0' : '项目 CSV'}）`;
  if (opts.out === undefined) return { text: result.text, lines: [`已导出${what}`] };
  await writeFile(opts.out, result.text, 'utf8');
  return { text: null, lines: [`已导出${what}到 ${opts.out}`] };
}

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('监测数据的导入与导出（CSV、SDMX-CSV）');

  data
    .command('import')
    .argument('<file>', '项目 CSV 文件（UTF-8，可带 BOM）：indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note[,source]')
    .option('--status <status>', '导入后的状态：approved（已审核通过，默认）或 submitted（待审核）', 'approved')
    .option('--as <username>', '以该用户身份导入（默认：系统管理员身份 system）')
    .option('--reason <text>', '修改原因（覆盖已审核通过的数据时必填，记入审计日志）')
    .option('--backfilled', '标记为补录数据（如2015—2020年基线）')
    .description('导入监测数据：整个文件全部导入或全部不导入；有错误时列出每处错误的行、列和原因')
    .action(async (file: string, opts: DataImportOptions) => {
      const lines = await withDatabase(({ db }) => dataImportAction(db, file, opts));
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  data
    .command('export')
    .requiredOption('--year <year>', '数据年度，如 2024')
    .option('--format <format>', 'csv（项目 CSV，默认）或 sdmx（SDMX-CSV 2.0）', 'csv')
    .option('--status <status>', '导出哪些状态的数据：approved（默认）、submitted、draft、returned，逗号分隔，或 all', 'approved')
    .option('--out <file>', '写入文件（默认输出到标准输出）')
    .option('--no-bom', '项目 CSV 不加 UTF-8 BOM（默认加，便于 Excel 打开）')
    .option('--as <username>', '以该用户身份导出（只导出其有权查看的数据）')
    .description('导出一个年度的监测数据')
    .action(async (opts: DataExportCliOptions) => {
      const { text, lines } = await withDatabase(({ db }) => dataExportAction(db, opts));
      if (text !== null) process.stdout.write(text);
      process.stderr.write(`${lines.join('\n')}\n`);
    });
}
