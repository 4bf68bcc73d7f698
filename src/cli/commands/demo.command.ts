import type { Command } from 'commander';
import { EvaluationError } from '../../services/evaluation/evaluation.errors.ts';
import { DEFAULT_DEMO_DATABASE_URL, checkDemoTarget, fillDemoDatabase } from '../../services/evaluation/demo.service.ts';
import { createDatabase } from '../../storage/database.ts';
import { CliError } from '../cli-error.ts';

export interface DemoCliOptions {
  database: string;
  seed?: string;
  warnings: boolean;
}

/** `fuer demo`: the lines to print. */
export async function demoAction(opts: DemoCliOptions): Promise<string[]> {
  const url = opts.database;
  if (opts.seed !== undefined && !/^-?\d+$/.test(opts.seed)) throw new CliError(`--seed“${opts.seed}”无效：应为整数`);
  try {
    checkDemoTarget(url);
  } catch (err) {
    if (err instanceof EvaluationError) throw new CliError(err.message);
    throw err;
  }
  const opened = createDatabase(url);
  try {
    const started = Date.now();
    const r = await fillDemoDatabase(opened.db, { ...(opts.seed !== undefined ? { seed: Number(opts.seed) } : {}), warnings: opts.warnings });
    const lines = [
      `已生成示例数据（${opened.location}）：${r.indicators}个指标 × ${r.regions}个地区 × ${r.years[0]}—${r.years[1]}年，共${r.values}个数值（均为已审核通过，标记为示例数据）；随机种子 ${r.seed}`,
      ...r.warnings.map((w) => `${w.year}年度预警：${w.total}条（红色${w.red}条，黄色${w.yellow}条）`),
      ...(r.closed > 0 ? [`已演示${r.closed}条预警的对策建议、整改和销号全过程`] : []),
      `用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
      `查看：DATABASE_URL=${url} fuer serve（各页面将标注“示例数据”）`,
    ];
    return lines;
  } catch (err) {
    if (err instanceof EvaluationError) throw new CliError(err.message);
    throw err;
  } finally {
    await opened.close();
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .option('--database <url>', `写入的示例数据库（默认 ${DEFAULT_DEMO_DATABASE_URL}；不能是默认数据库或已有真实数据的数据库）`, DEFAULT_DEMO_DATABASE_URL)
    .option('--seed <n>', '随机种子（同一种子生成相同数据）')
    .option('--no-warnings', '不生成示例预警')
    .description('生成示例数据（示例数据，2015—2024年，每个指标、每个地区），写入单独的数据库，供试用')
    .action(async (opts: DemoCliOptions) => {
      const lines = await demoAction(opts);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
