import type { Command } from 'commander';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { changeRoundDeadline } from '../../services/monitoring/round-deadline.service.ts';
import type { RoundSummary } from '../../services/monitoring/round.service.ts';
import { listRounds } from '../../services/monitoring/round.service.ts';
import { CliError } from '../cli-error.ts';
import { printJson } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';

function printRound(r: RoundSummary): void {
  process.stdout.write(
    `${r.title}（${r.status === 'open' ? '进行中' : '已结束'}）：截止日期${r.dueDate}，报表${r.forms.total}张（已提交${r.forms.submitted}，已审核通过${r.forms.approved}，已退回${r.forms.returned}）\n`,
  );
  for (const e of r.extensions) process.stdout.write(`延期\t${e.unitName}\t${e.dueDate}\t${e.reason}\n`);
}

/** `fuer rounds …`: the monitoring data collection rounds (填报轮次). */
export function registerRoundCommands(program: Command): void {
  const cmd = program.command('rounds').description('监测数据填报轮次：查看、调整截止日期');

  cmd
    .command('list')
    .description('填报轮次列表：截止日期、报表状态、延期的单位')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const rounds = await listRounds(db, CLI_SYSTEM_ACTOR);
        if (opts.json) return printJson(rounds);
        if (rounds.length === 0) process.stdout.write('尚无填报轮次\n');
        for (const r of rounds) printRound(r);
      });
    });

  cmd
    .command('deadline')
    .description('调整填报截止日期：整轮统一调整，或用 --unit 为某一部门或区县延期（须说明理由，记入审计；报送任务随之调整）')
    .requiredOption('--year <year>', '数据年度，如 2024')
    .requiredOption('--due <date>', '新的截止日期 YYYY-MM-DD（不能早于今天）')
    .requiredOption('--reason <text>', '调整理由')
    .option('--unit <unit>', '只为该单位延期：部门或区县名称（如 市卫生健康委、张店区）、部门编号或区划代码')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: string; due: string; reason: string; unit?: string; json?: boolean }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year)) throw new CliError(`--year“${opts.year}”无效`);
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        const round = (await listRounds(db, CLI_SYSTEM_ACTOR)).find((r) => r.year === year);
        if (round === undefined) throw new CliError(`${year}年度的填报轮次不存在`);
        const updated = await changeRoundDeadline(db, CLI_SYSTEM_ACTOR, round.id, { dueDate: opts.due, reason: opts.reason, ...(opts.unit === undefined ? {} : { unit: opts.unit }) });
        if (opts.json) return printJson(updated);
        const ext = opts.unit === undefined ? undefined : updated.extensions.find((e) => e.dueDate === opts.due);
        process.stdout.write(ext ? `已为${ext.unitName}延期至${ext.dueDate}\n` : `已调整截止日期：由${round.dueDate}调整为${updated.dueDate}\n`);
        printRound(updated);
      });
    });
}
