import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { isIsoMonth } from '../../core/responsibility/dates.ts';
import type { TaskKind } from '../../core/responsibility/responsibility.types.ts';
import { TASK_KINDS } from '../../core/responsibility/responsibility.types.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { importCountyPlan } from '../../services/responsibility/county-plan-import.service.ts';
import { countyPlanOverview } from '../../services/responsibility/county-plan.service.ts';
import { mailSetupFromEnv } from '../../services/responsibility/mailer.ts';
import { contactlessUnits } from '../../services/responsibility/reminder-coverage.service.ts';
import { addContact, listContacts, removeContact, sendTaskReminders } from '../../services/responsibility/reminder.service.ts';
import { issueAnnualReportTasks, issueImplementationPlanTasks, syncWarningTasks } from '../../services/responsibility/task-issue.service.ts';
import { listTasks, taskCalendar } from '../../services/responsibility/task.service.ts';
import type { TaskView } from '../../services/responsibility/task.service.ts';
import { resolveDepartment, resolveUnitName } from '../../services/responsibility/units.ts';
import { CliError } from '../cli-error.ts';
import { printJson } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';
import { cliErrors } from './responsibilities.command.ts';

const line = (t: TaskView) => `${t.dueDate}\t${t.dueStateLabel}\t${t.kindLabel}\t${t.owner.label}\t${t.title}（任务${t.id}）`;

/** `fuer tasks …` (tasks, deadlines, reminders) and `fuer county-plans …` (county plan filing). */
export function registerTaskCommands(program: Command): void {
  const tasks = program.command('tasks').description('任务与期限：年度报告、数据报送、区县规划报送、整改等');

  tasks
    .command('list')
    .description('列出任务（默认未完成的）')
    .option('--all', '包括已完成、已取消的任务')
    .option('--overdue', '只列逾期未完成的任务')
    .option('--month <YYYY-MM>', '某月到期的任务（日历）')
    .option('--department <name>', '责任单位')
    .option('--office', '只列市妇儿工委办公室自己的任务（待审核的报告、规划、整改等）')
    .option('--kind <kind>', `任务类别：${TASK_KINDS.join('、')}`)
    .option('--json', '以 JSON 输出')
    .action(async (opts: { all?: boolean; overdue?: boolean; month?: string; department?: string; office?: boolean; kind?: string; json?: boolean }) => {
      if (opts.kind !== undefined && !(TASK_KINDS as readonly string[]).includes(opts.kind)) throw new CliError(`--kind“${opts.kind}”无效：应为 ${TASK_KINDS.join('、')} 之一`);
      if (opts.month !== undefined && !isIsoMonth(opts.month)) throw new CliError(`--month“${opts.month}”无效，应为 YYYY-MM`);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const departmentId = opts.department ? await cliErrors(() => resolveDepartment(db, opts.department as string)) : undefined;
        const kind = opts.kind ? [opts.kind as TaskKind] : undefined;
        if (opts.month) {
          const calendar = await taskCalendar(db, CLI_SYSTEM_ACTOR, opts.month, { kind, departmentId, office: opts.office });
          if (opts.json) return printJson(calendar);
          for (const day of calendar.days) for (const t of day.items) process.stdout.write(`${line(t)}\n`);
          if (calendar.overdueBefore.length > 0) process.stdout.write(`此前逾期未完成：${calendar.overdueBefore.length}项\n`);
          return;
        }
        const list = await listTasks(db, CLI_SYSTEM_ACTOR, { status: opts.all ? undefined : ['open'], overdue: opts.overdue, departmentId, kind, office: opts.office });
        if (opts.json) return printJson(list);
        for (const t of list) process.stdout.write(`${line(t)}\n`);
        if (list.length === 0) process.stdout.write('没有符合条件的任务\n');
      });
    });

  tasks
    .command('remind')
    .description('生成今天的提醒邮件并发送待发送和失败的邮件（需配置 FUER_SMTP_URL；未配置时只留存在待发送队列）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const setup = mailSetupFromEnv();
        const run = await sendTaskReminders(db, { mailer: setup.mailer, notice: setup.notice, log: (text) => process.stderr.write(`${text}\n`) });
        if (opts.json) printJson(run);
      });
    });

  registerContactCommands(tasks);

  tasks
    .command('issue-annual-reports')
    .description('布置年度报告任务：每个责任单位、每个区县各一项')
    .requiredOption('--year <year>', '报告年度')
    .requiredOption('--due <date>', '截止日期 YYYY-MM-DD')
    .action(async (opts: { year: string; due: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const r = await cliErrors(() => issueAnnualReportTasks(db, CLI_SYSTEM_ACTOR, { year: Number(opts.year), dueDate: opts.due }));
        process.stdout.write(`新布置${r.created}项，已有${r.unchanged}项\n`);
      });
    });

  tasks
    .command('issue-implementation-plans')
    .description('布置实施方案任务：尚未报送实施方案的责任单位各一项')
    .requiredOption('--due <date>', '截止日期 YYYY-MM-DD')
    .action(async (opts: { due: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const r = await cliErrors(() => issueImplementationPlanTasks(db, CLI_SYSTEM_ACTOR, { dueDate: opts.due }));
        process.stdout.write(`新布置${r.created}项，已有${r.unchanged}项\n`);
      });
    });

  tasks
    .command('sync-warnings')
    .description('按预警同步整改任务')
    .option('--year <year>', '预警年度')
    .action(async (opts: { year?: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const r = await cliErrors(() => syncWarningTasks(db, CLI_SYSTEM_ACTOR, { year: opts.year === undefined ? undefined : Number(opts.year) }));
        process.stdout.write(`新建${r.created}项，更新${r.updated}项，办结或取消${r.closed}项，未变${r.unchanged}项\n`);
      });
    });

  const county = program.command('county-plans').description('区县规划：报送情况、与市级目标对照');

  county
    .command('status')
    .description('各区县规划报送情况（是否在颁布后1个月内报送）与低于市目标的目标数')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const rows = await countyPlanOverview(db, CLI_SYSTEM_ACTOR);
        if (opts.json) return printJson(rows);
        for (const r of rows) {
          const p = r.plan;
          const state = p === null ? '未建立' : `${p.statusLabel}\t${p.filing.stateLabel}\t${p.filing.explanation}`;
          process.stdout.write(`${r.region.name}\t${r.kindLabel}\t${state}${r.flagged ? `\t⚑ ${r.flags.join('；')}` : ''}\n`);
        }
      });
    });

  county
    .command('import')
    .argument('<file>', '区县规划文本文件（UTF-8）')
    .requiredOption('--region <code>', '区县区划代码，如 370303')
    .option('--promulgated <date>', '颁布日期 YYYY-MM-DD')
    .description('由规划文本导入区县规划并与市级规划对照')
    .action(async (file: string, opts: { region: string; promulgated?: string }) => {
      const text = await readFile(file, 'utf8').catch(() => {
        throw new CliError(`无法读取文件 ${file}`);
      });
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const result = await cliErrors(() => importCountyPlan(db, CLI_SYSTEM_ACTOR, { regionCode: opts.region, text, fileName: path.basename(file), promulgatedAt: opts.promulgated ?? null }));
        for (const [i, p] of result.plans.entries()) {
          const m = result.matching[i];
          process.stdout.write(
            `已导入 ${p.title}（编号 ${p.id}）：量化目标${p.summary.targets}个，其中沿用${m?.targets.adopted ?? 0}、调整${m?.targets.adjusted ?? 0}、新增${m?.targets.added ?? 0}；低于市目标${p.summary.weaker}个；市级目标未列入${p.summary.missingCityTargets}个\n`,
          );
        }
      });
    });
}

const contactLine = (c: { id: number; owner: string; name: string; email: string }) => `${c.id}\t${c.owner}\t${c.name}\t${c.email}`;

/** `fuer tasks contacts list|add|remove`: who receives each unit's reminder e-mails. */
function registerContactCommands(tasks: Command): void {
  const contacts = tasks.command('contacts').description('邮件提醒联系人：各部门、区县（及本办）的任务提醒发给谁');

  contacts
    .command('list')
    .description('列出提醒联系人，以及有未完成任务但尚无联系人的单位')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const list = await listContacts(db, CLI_SYSTEM_ACTOR);
        const missing = await contactlessUnits(db, CLI_SYSTEM_ACTOR);
        if (opts.json) return printJson({ contacts: list, missing });
        for (const c of list) process.stdout.write(`${contactLine(c)}\n`);
        if (list.length === 0) process.stdout.write('尚未登记提醒联系人\n');
        if (missing.length > 0) {
          process.stdout.write(`以下单位尚无提醒联系人，逾期提醒邮件将无法送达：\n`);
          for (const u of missing) process.stdout.write(`  ${u.label}\t未完成${u.openTasks}项，其中逾期${u.overdueTasks}项\n`);
        }
      });
    });

  contacts
    .command('add')
    .description('登记提醒联系人（同一单位同一邮箱不重复登记）')
    .requiredOption('--unit <name>', '单位：部门全称或简称（如 市卫生健康委、市妇儿工委办公室），或区县名称、区划代码（如 张店区、370303）')
    .requiredOption('--name <name>', '联系人姓名')
    .requiredOption('--email <address>', '邮箱地址')
    .action(async (opts: { unit: string; name: string; email: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const unit = await cliErrors(() => resolveUnitName(db, opts.unit));
        const list = await cliErrors(() => addContact(db, CLI_SYSTEM_ACTOR, { departmentId: unit.departmentId, regionCode: unit.regionCode, name: opts.name, email: opts.email }));
        const added = list.filter((c) => c.departmentId === unit.departmentId && c.regionCode === unit.regionCode && c.email === opts.email.trim()).at(-1);
        process.stdout.write(`已登记提醒联系人 ${added ? contactLine(added) : opts.email}\n`);
      });
    });

  contacts
    .command('remove')
    .description('删除提醒联系人')
    .requiredOption('--id <id>', '联系人编号（见 fuer tasks contacts list）')
    .action(async (opts: { id: string }) => {
      const id = Number(opts.id);
      if (!Number.isInteger(id) || id <= 0) throw new CliError(`--id“${opts.id}”无效，应为正整数`);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        await cliErrors(() => removeContact(db, CLI_SYSTEM_ACTOR, id));
        process.stdout.write(`已删除提醒联系人 ${id}\n`);
      });
    });
}
