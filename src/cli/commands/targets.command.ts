import type { Command } from 'commander';
import { extractTargets } from '../../core/target/extract-targets.ts';
import { printJson, readTextInput } from '../read-input.ts';

export function registerTargetCommands(program: Command): void {
  program
    .command('targets')
    .description('目标语法')
    .command('extract')
    .argument('[file]', '文本文件，省略或为 - 时读标准输入')
    .option('--target-year <year>', '目标年份（文本未写明时）', '2025')
    .option('--with-unplaced', '同时输出未能识别的数字短语（待核对）')
    .description('从任意文本中识别量化目标，输出 JSON 列表（不导入任何数据）')
    .action(async (file: string | undefined, opts: { targetYear: string; withUnplaced?: boolean }) => {
      const { text } = await readTextInput(file);
      const result = extractTargets(text, { targetYear: Number(opts.targetYear) });
      printJson(opts.withUnplaced ? result : result.targets);
    });
}
