import type { Command } from 'commander';
import { attachIndicatorCodes } from '../../core/indicator/catalogue.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { extractTargets } from '../../core/target/extract-targets.ts';
import { readCatalogueFile } from '../../services/catalogue-import.service.ts';
import { CliError } from '../cli-error.ts';
import { printJson, readTextInput } from '../read-input.ts';

export function registerTargetCommands(program: Command): void {
  program
    .command('targets')
    .description('目标语法')
    .command('extract')
    .argument('[file]', '文本文件，省略或为 - 时读标准输入')
    .option('--target-year <year>', '目标年份（文本未写明时）', '2025')
    .option('--source <source>', '文本出处：goal（主要目标）或 measure（策略措施，趋势表述从严识别）', 'goal')
    .option('--plan <kind>', '按哪部规划的指标目录对照指标代码：women 或 children（省略时仅在两部规划中唯一的名称可对照）')
    .option('--with-unplaced', '输出 {targets, unplaced}，含未能识别的数字短语（待核对）')
    .description('从任意文本中识别量化目标，输出 JSON 列表（不导入任何数据）')
    .action(async (file: string | undefined, opts: { targetYear: string; source: string; plan?: string; withUnplaced?: boolean }) => {
      const targetYear = Number(opts.targetYear);
      if (!Number.isInteger(targetYear) || targetYear < 1949 || targetYear > 2100) throw new CliError(`--target-year 应为年份，实际为“${opts.targetYear}”`);
      if (opts.source !== 'goal' && opts.source !== 'measure') throw new CliError(`--source 应为 goal 或 measure，实际为“${opts.source}”`);
      if (opts.plan !== undefined && opts.plan !== 'women' && opts.plan !== 'children') throw new CliError(`--plan 应为 women 或 children，实际为“${opts.plan}”`);
      const { text } = await readTextInput(file);
      const result = extractTargets(text, { targetYear, source: opts.source });
      const context = opts.plan === undefined ? {} : { plan: opts.plan as PlanKind };
      const targets = attachIndicatorCodes(readCatalogueFile(), result.targets, context);
      printJson(opts.withUnplaced ? { targets, unplaced: result.unplaced } : targets);
    });
}
