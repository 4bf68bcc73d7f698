import type { Command } from 'commander';
import { migrateToLatest } from '../../storage/migrate.ts';
import { withDatabase } from '../with-database.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('数据库');
  db.command('migrate')
    .description('创建或升级数据库结构')
    .action(async () => {
      await withDatabase(async ({ db: kysely, dialect }) => {
        const applied = await migrateToLatest(kysely);
        process.stdout.write(
          applied.length === 0 ? `数据库（${dialect}）已是最新结构\n` : `数据库（${dialect}）已执行迁移：${applied.join('、')}\n`,
        );
      });
    });
}
