import type { Command } from 'commander';
import type { UnitReportKind } from '../../core/unit-reports/unit-report.types.ts';
import { UNIT_REPORT_KINDS } from '../../core/unit-reports/unit-report.types.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { writeFileSync } from 'node:fs';
import { exportUnitReportDocx, findUnitReportId } from '../../services/unit-reports/unit-report-export.service.ts';
import { openRound, roundOverview } from '../../services/unit-reports/unit-report-round.service.ts';
import { changeUnitReportDeadline } from '../../services/unit-reports/unit-report-deadline.service.ts';
import type { RoundOverview } from '../../services/unit-reports/unit-report.contract.ts';
import { CliError } from '../cli-error.ts';
import { printJson } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';
import { cliErrors } from './responsibilities.command.ts';

function parseKind(kind: string): UnitReportKind {
  if (!(UNIT_REPORT_KINDS as readonly string[]).includes(kind)) throw new CliError(`--kind“${kind}”无效：应为 ${UNIT_REPORT_KINDS.join('、')} 之一`);
  return kind as UnitReportKind;
}

function parseYear(year: string): number {
  const n = Number(year);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new CliError(`--year“${year}”无效`);
  return n;
}

function printOverview(o: RoundOverview): void {
  process.stdout.write(`${o.round.title}（截止${o.round.dueDate}）：共${o.counts.total}个单位，已报送${o.counts.submitted}，未报送${o.counts.notSubmitted}（逾期${o.counts.overdue}），逾期报送${o.counts.late}，已审定${o.counts.approved}，已发布${o.counts.published}\n`);
  for (const u of o.units) {
    process.stdout.write(`${u.unitKind === 'department' ? '部门' : '区县'}\t${u.unitName}\t${u.statusLabel}\t${u.submittedAt ? u.submittedAt.slice(0, 10) : '—'}\t${u.latenessLabel}${u.extension ? `（延期至${u.extension.dueDate}）` : ''}\t报告${u.id}\n`);
  }
}

/** `fuer unit-reports …`: the departments' and counties' reports to the city office. */
export function registerUnitReportCommands(program: Command): void {
  const cmd = program.command('unit-reports').description('部门和区县报告：年度落实情况和下一年工作安排、中期/终期自评报告');

  cmd
    .command('open')
    .description('发起报告轮次：为每个责任部门和区县生成报告（按其牵头或参与的目标预填）及截止任务')
    .requiredOption('--year <year>', '报告年度')
    .requiredOption('--due <date>', '截止日期 YYYY-MM-DD')
    .option('--kind <kind>', `报告类型：${UNIT_REPORT_KINDS.join('、')}`, 'annual')
    .option('--no-counties', '只布置给部门，不含区县')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: string; due: string; kind: string; counties: boolean; json?: boolean }) => {
      const kind = parseKind(opts.kind);
      const year = parseYear(opts.year);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const o = await cliErrors(() => openRound(db, CLI_SYSTEM_ACTOR, { year, kind, dueDate: opts.due, includeCounties: opts.counties }));
        if (opts.json) return printJson(o);
        printOverview(o);
      });
    });

  cmd
    .command('status')
    .description('报送情况：各单位的状态、报送时间、是否逾期')
    .requiredOption('--year <year>', '报告年度')
    .option('--kind <kind>', `报告类型：${UNIT_REPORT_KINDS.join('、')}`, 'annual')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: string; kind: string; json?: boolean }) => {
      const kind = parseKind(opts.kind);
      const year = parseYear(opts.year);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const o = await cliErrors(() => roundOverview(db, CLI_SYSTEM_ACTOR, { year, kind }));
        if (opts.json) return printJson(o);
        printOverview(o);
      });
    });

  cmd
    .command('deadline')
    .description('调整截止日期：整轮统一调整，或用 --unit 为某一部门或区县延期（须说明理由，记入审计；各单位的截止任务随之调整）')
    .requiredOption('--year <year>', '报告年度')
    .requiredOption('--due <date>', '新的截止日期 YYYY-MM-DD（不能早于今天）')
    .requiredOption('--reason <text>', '调整理由')
    .option('--kind <kind>', `报告类型：${UNIT_REPORT_KINDS.join('、')}`, 'annual')
    .option('--unit <unit>', '只为该单位延期：单位名称（如 市水利局、张店区）、部门编号或区划代码')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: string; due: string; reason: string; kind: string; unit?: string; json?: boolean }) => {
      const kind = parseKind(opts.kind);
      const year = parseYear(opts.year);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const o = await cliErrors(() => changeUnitReportDeadline(db, CLI_SYSTEM_ACTOR, { year, kind }, { dueDate: opts.due, reason: opts.reason, ...(opts.unit === undefined ? {} : { unit: opts.unit }) }));
        if (opts.json) return printJson(o);
        const change = o.deadlineChanges[o.deadlineChanges.length - 1];
        process.stdout.write(
          change?.unitName
            ? `已为${change.unitName}延期：截止日期由${change.before}调整为${change.after}（本轮统一截止日期仍为${o.round.dueDate}）\n`
            : `已调整截止日期：由${change?.before ?? ''}调整为${o.round.dueDate}\n`,
        );
        printOverview(o);
      });
    });

  cmd
    .command('export')
    .description('将报告导出为 Word（.docx）：按报告编号，或按年度和单位（最新版本）')
    .option('--id <id>', '报告编号')
    .option('--year <year>', '报告年度（与 --unit 一起使用）')
    .option('--unit <unit>', '单位名称（如 市水利局、张店区）、部门编号或区划代码')
    .option('--kind <kind>', `报告类型：${UNIT_REPORT_KINDS.join('、')}`, 'annual')
    .option('--version <n>', '版本号（默认最新版本）')
    .requiredOption('--out <file>', '输出文件 .docx')
    .action(async (opts: { id?: string; year?: string; unit?: string; kind: string; version?: string; out: string }) => {
      if (opts.id === undefined && (opts.year === undefined || opts.unit === undefined)) throw new CliError('请用 --id 指定报告，或同时给出 --year 和 --unit');
      const id = opts.id === undefined ? undefined : Number(opts.id);
      if (id !== undefined && !(Number.isInteger(id) && id > 0)) throw new CliError(`--id“${opts.id}”无效`);
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new CliError(`--version“${opts.version}”无效`);
      const kind = parseKind(opts.kind);
      const year = opts.year === undefined ? undefined : parseYear(opts.year);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const reportId = id ?? (await cliErrors(() => findUnitReportId(db, { year: year as number, kind, unit: opts.unit as string, ...(version === undefined ? {} : { version }) })));
        const exported = await cliErrors(() => exportUnitReportDocx(db, CLI_SYSTEM_ACTOR, reportId));
        writeFileSync(opts.out, exported.bytes);
        const r = exported.report;
        process.stdout.write(`已导出：${r.title}（${r.statusLabel}，第${r.version}版，${r.itemCount}个目标）→ ${opts.out}（${Math.round(exported.bytes.length / 1024)} KB）\n`);
      });
    });
}
