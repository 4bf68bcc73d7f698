import type { Command } from 'commander';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../api/app.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { enableEvaluationWarmup, evaluationWarmupIdle } from '../../services/evaluation/evaluation-warmup.service.ts';
import { ensureFirstAdmin } from '../../services/accounts/first-admin.service.ts';
import { createDatabase } from '../../storage/database.ts';
import { CliError } from '../cli-error.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务和网页端（端口 PORT，默认 8080；地址 HOST，默认 127.0.0.1）')
    .action(async () => {
      const port = Number(process.env.PORT ?? 8080);
      const host = process.env.HOST ?? '127.0.0.1';
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`PORT 应为 0—65535 的整数，实际为“${process.env.PORT}”`);
      const opened = createDatabase(process.env.DATABASE_URL);
      const report = await bootstrap(opened.db);
      for (const line of report.messages) process.stdout.write(`${line}\n`);
      const firstAdmin = await ensureFirstAdmin(opened.db, process.env);
      if (firstAdmin.message !== null) process.stdout.write(`${firstAdmin.message}\n`);
      // Background refresh of stored evaluations after approvals and imports: opt-in, since at province scale one
      // refresh keeps the server's single SQLite connection busy for many seconds (`fuer evaluate --warm` in a job instead).
      if (process.env.FUER_EVALUATION_WARMUP === '1') enableEvaluationWarmup();
      const app = await buildApp({ db: opened.db, webRoot: process.env.FUER_WEB_DIST ?? path.join(repoRoot, 'dist/web'), logger: false });
      const close = async () => {
        await app.close();
        enableEvaluationWarmup(false);
        await evaluationWarmupIdle();
        await opened.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const address = await app.listen({ port, host });
      process.stdout.write(`淄博市妇女儿童发展规划监测评估平台已启动：${address.replace('127.0.0.1', 'localhost')}（数据库：${opened.dialect}）\n`);
    });
}
