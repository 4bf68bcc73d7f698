import type { Command } from 'commander';
import path from 'node:path';
import { parsePlanFile } from '../../core/plan/parse-plan.ts';
import { PlanParseError } from '../../core/plan/plan.types.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { exportPlans } from '../../services/plan-export.service.ts';
import { importPlanFile } from '../../services/plan-import.service.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { getPlanTree, listPlans } from '../../storage/repositories/plan.repository.ts';
import { CliError } from '../cli-error.ts';
import { printJson, readTextInput } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';

const KIND_LABEL = { women: '妇女', children: '儿童' } as const;

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('规划');

  plan
    .command('import')
    .argument('<file>', '规划文本文件（UTF-8）')
    .option('--region <code>', '发布规划的地区代码', '370300')
    .description('解析规划文件并入库（整份文件要么全部导入，要么不导入）')
    .action(async (file: string, opts: { region: string }) => {
      const { text } = await readTextInput(file);
      let parsed;
      try {
        parsed = parsePlanFile(text, { file: path.basename(file) });
      } catch (err) {
        if (err instanceof PlanParseError) throw new CliError(`${path.basename(file)} 不是可识别的规划文本：${err.message}（未导入任何内容）`);
        throw err;
      }
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        await importPlanFile(db, parsed, { regionCode: opts.region, sourceFile: path.basename(file) });
      });
      for (const p of parsed.plans) {
        const goals = p.domains.reduce((n, d) => n + d.goals.length, 0);
        const measures = p.domains.reduce((n, d) => n + d.measures.length, 0);
        const targets = p.domains.reduce((n, d) => n + [...d.goals, ...d.measures].reduce((k, x) => k + x.targets.length, 0), 0);
        process.stdout.write(`已导入 ${p.title}（${p.code}）：${p.domains.length}个领域，${goals}项主要目标，${measures}项策略措施，${targets}个量化目标\n`);
      }
    });

  plan
    .command('show')
    .argument('[code]', '规划编号，如 women-2021-2025；省略时列出全部规划')
    .option('--region <code>', '发布规划的地区代码', '370300')
    .description('查看已入库的规划')
    .action(async (code: string | undefined, opts: { region: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        if (!code) {
          for (const p of await listPlans(db)) {
            process.stdout.write(
              `${p.code}\t${p.title}\t${p.period.start}—${p.period.end}年\t${p.domainCount}个领域 ${p.goalCount}项目标 ${p.measureCount}项措施 ${p.targetCount}个量化目标\n`,
            );
          }
          return;
        }
        const tree = await getPlanTree(db, code, opts.region);
        if (!tree) throw new CliError(`规划“${code}”不存在（地区 ${opts.region}）；用 fuer plan show 查看全部规划`);
        process.stdout.write(`${tree.title}（${KIND_LABEL[tree.kind]}规划，${tree.period.start}—${tree.period.end}年）\n`);
        for (const d of tree.domains) {
          process.stdout.write(`\n（${d.ord}）${d.title}：主要目标${d.goals.length}项，策略措施${d.measures.length}项\n`);
          for (const g of d.goals) {
            const units = [
              g.leadUnits.length ? `牵头：${g.leadUnits.map((u) => u.name).join('、')}` : '',
              g.responsibleUnits.length ? `责任：${g.responsibleUnits.map((u) => u.name).join('、')}` : '',
              g.unitGroups.length ? `单位组：${g.unitGroups.join('、')}` : '',
            ].filter(Boolean);
            process.stdout.write(`  目标${g.ord}. ${g.text}\n      ${units.join('；')}\n`);
            for (const t of g.targets) process.stdout.write(`      · ${t.indicator} ${t.op ?? ''}${t.value ?? ''}${t.unit ?? ''}（${t.text}）\n`);
          }
        }
      });
    });

  plan
    .command('export')
    .option('--json', '以 JSON 输出（目前唯一的格式）', true)
    .option('--region <code>', '只导出该地区发布的规划')
    .description('导出全部已入库的规划：规划 → 领域 → 主要目标 / 策略措施 → 量化目标')
    .action(async (opts: { region?: string }) => {
      await withDatabase(async ({ db }) => {
        await bootstrap(db);
        printJson(await exportPlans(db, { regionCode: opts.region }));
      });
    });
}
