import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { responsibilityDocx, responsibilityXlsx } from '../../services/responsibility/responsibility-export.service.ts';
import { buildResponsibilityList, listResponsibilities } from '../../services/responsibility/responsibility-list.service.ts';
import { ResponsibilityError } from '../../services/responsibility/responsibility.errors.ts';
import { CliError } from '../cli-error.ts';
import { printJson } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';

/** A service error becomes a CLI error (its Chinese message, exit code 1). */
export async function cliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ResponsibilityError) throw new CliError(err.message);
    throw err;
  }
}

interface Options {
  department?: string;
  json?: boolean;
  xlsx?: string;
  docx?: string;
}

/**
 * `fuer responsibilities --department 市卫生健康委 --json`: the department's responsibility list (责任清单),
 * goals by their numbers ({"department":…,"lead":[{"plan":"women","domain":1,"goal":2,…}],"responsible":[…]}).
 * Without --department: every department the plans name, with its counts.
 */
export function registerResponsibilityCommands(program: Command): void {
  program
    .command('responsibilities')
    .description('责任清单：单位牵头、参与的主要目标，报送的指标，未销号预警，待办任务与报告')
    .option('--department <name>', '单位全称或简称，如 市卫生健康委、市卫健委')
    .option('--json', '以 JSON 输出')
    .option('--xlsx <file>', '导出为 Excel 文件')
    .option('--docx <file>', '导出为 Word 文件')
    .action(async (opts: Options) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        if (!opts.department) {
          if (opts.xlsx || opts.docx) throw new CliError('导出须用 --department 指定单位');
          const all = await listResponsibilities(db);
          if (opts.json) return printJson(all);
          for (const d of all) {
            process.stdout.write(`${d.department}\t牵头${d.lead}项\t参与${d.responsible}项\t指标${d.indicators}个\t待办${d.openTasks}项（逾期${d.overdueTasks}）\t预警${d.openWarnings}项\n`);
          }
          return;
        }
        const list = await cliErrors(() => buildResponsibilityList(db, CLI_SYSTEM_ACTOR, opts.department as string));
        if (opts.xlsx) {
          await writeFile(opts.xlsx, await responsibilityXlsx(list));
          process.stderr.write(`已导出 ${path.resolve(opts.xlsx)}\n`);
        }
        if (opts.docx) {
          await writeFile(opts.docx, await responsibilityDocx(list));
          process.stderr.write(`已导出 ${path.resolve(opts.docx)}\n`);
        }
        if (opts.json) return printJson(list);
        if (opts.xlsx || opts.docx) return;
        const out: string[] = [`${list.department}责任清单`, ''];
        for (const [label, goals] of [
          ['牵头', list.lead],
          ['参与', list.responsible],
        ] as const) {
          out.push(`${label}的主要目标（${goals.length}项）：`);
          for (const g of goals) out.push(`  ${PLAN_KIND_LABELS[g.plan]}规划 领域${g.domain} 目标${g.goal}  ${g.text}`);
          out.push('');
        }
        out.push(`负责报送的监测指标（${list.indicators.length}个）：${list.indicators.map((i) => i.name).join('、') || '无'}`);
        out.push(`未销号预警：${list.warnings.length}项；待办任务：${list.tasks.length}项（逾期${list.counts.overdueTasks}项）`);
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
