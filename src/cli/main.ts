import { Command, CommanderError } from 'commander';
import { registerDbCommands } from './commands/db.command.ts';
import { registerPlanCommands } from './commands/plan.command.ts';
import { registerTargetCommands } from './commands/targets.command.ts';
import { registerRegionCommands } from './commands/regions.command.ts';
import { registerServeCommand } from './commands/serve.command.ts';
import { registerUserCommands } from './commands/user.command.ts';
import { registerDataCommands } from './commands/data.command.ts';
import { registerEvaluateCommand } from './commands/evaluate.command.ts';
import { registerWarningCommands } from './commands/warnings.command.ts';
import { registerDemoCommand } from './commands/demo.command.ts';
import { registerReportCommands } from './commands/report.command.ts';
import { registerResponsibilityCommands } from './commands/responsibilities.command.ts';
import { registerTaskCommands } from './commands/tasks.command.ts';
import { registerUnitReportCommands } from './commands/unit-reports.command.ts';
import { registerRoundCommands } from './commands/rounds.command.ts';
import { CliError } from './cli-error.ts';

const program = new Command('fuer')
  .description('淄博市妇女儿童发展规划监测评估平台 命令行工具（数据库由环境变量 DATABASE_URL 选择，默认 sqlite:./data/fuer.db）')
  .showHelpAfterError()
  .exitOverride();

registerDbCommands(program);
registerPlanCommands(program);
registerTargetCommands(program);
registerRegionCommands(program);
registerServeCommand(program);
registerUserCommands(program);
registerDataCommands(program);
registerEvaluateCommand(program);
registerWarningCommands(program);
registerDemoCommand(program);
registerReportCommands(program);
registerResponsibilityCommands(program);
registerTaskCommands(program);
registerUnitReportCommands(program);
registerRoundCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof CliError) {
    process.stderr.write(`错误：${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.FUER_DEBUG) console.error(err);
    process.exitCode = 1;
  }
}
