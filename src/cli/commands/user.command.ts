import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { ROLE_LABELS } from '../../core/access/actor.types.ts';
import { AccountError } from '../../services/accounts/account-error.ts';
import type { AccountUser } from '../../services/accounts/account.types.ts';
import { createUser, findUserByUsername, listUsers, parseRole, roleList, setUserPassword } from '../../services/accounts/user.service.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import type { Database } from '../../storage/schema.ts';
import { CliError } from '../cli-error.ts';
import { printJson } from '../read-input.ts';
import { withDatabase } from '../with-database.ts';

export interface UserAddOptions {
  /** Role codes or Chinese labels; each entry may be a comma-separated list. */
  role?: string[];
  department?: string;
  region?: string;
  name?: string;
  passwordStdin?: boolean;
}

/** Reads what is piped in for `--password-stdin` (the password is its first line). */
export type PasswordReader = () => Promise<string>;

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const firstLine = (text: string): string => text.split(/\r?\n/)[0] ?? '';

const asCliError = (err: unknown): unknown => (err instanceof AccountError ? new CliError(err.message) : err);

function scopeText(user: AccountUser): string {
  if (user.departmentName !== null) return user.departmentName;
  if (user.regionCode !== null) return `${user.regionName ?? ''}（${user.regionCode}）`;
  return '—';
}

async function hasRows(db: Kysely<Database>, table: 'departments' | 'regions'): Promise<boolean> {
  return (await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n > 0;
}

/** `fuer user add`: returns the lines to print (the generated password among them, once). */
export async function addUserAction(db: Kysely<Database>, username: string, opts: UserAddOptions, readPassword: PasswordReader): Promise<string[]> {
  const roleNames = (opts.role ?? []).flatMap((r) => r.split(/[,，、]/)).map((r) => r.trim()).filter((r) => r !== '');
  if (roleNames.length === 0) throw new CliError('请用 --role 指定角色，如 --role reporter（可多次指定或用逗号分隔）');
  try {
    const roles = roleNames.map(parseRole);
    if (opts.department !== undefined && !(await hasRows(db, 'departments'))) {
      throw new CliError('数据库中还没有责任单位：请先运行 fuer serve（首次启动会导入规划和单位）或 fuer plan import');
    }
    if (opts.region !== undefined && !(await hasRows(db, 'regions'))) {
      throw new CliError('数据库中还没有行政区划：请先运行 fuer regions load 或 fuer serve');
    }
    const password = opts.passwordStdin === true ? firstLine(await readPassword()) : undefined;
    const { user, generatedPassword } = await createUser(db, {
      username,
      roles,
      ...(opts.name !== undefined ? { displayName: opts.name } : {}),
      ...(opts.department !== undefined ? { department: opts.department } : {}),
      ...(opts.region !== undefined ? { regionCode: opts.region } : {}),
      ...(password !== undefined ? { password } : {}),
    });
    const lines = [`已创建用户 ${user.username}（${user.displayName}；${roleList(user.roles)}；${scopeText(user)}）`];
    if (generatedPassword !== undefined) lines.push(`初始密码：${generatedPassword}（只显示这一次，请转交本人并在首次登录后修改）`);
    return lines;
  } catch (err) {
    throw asCliError(err);
  }
}

/** `fuer user list`: one line per user. */
export async function listUsersAction(db: Kysely<Database>): Promise<string[]> {
  const users = await listUsers(db);
  if (users.length === 0) return ['（尚无用户）'];
  return users.map(
    (u) =>
      `${String(u.id).padStart(4)}  ${u.username}  ${u.displayName}  ${u.roles.map((r) => ROLE_LABELS[r]).join('、')}  ${scopeText(u)}  ${u.active ? '启用' : '已停用'}${u.mustChangePassword ? '  须修改密码' : ''}`,
  );
}

/** `fuer user passwd`: sets the password given on stdin, or generates one (printed once, to be changed at login). */
export async function passwdAction(db: Kysely<Database>, username: string, opts: { passwordStdin?: boolean }, readPassword: PasswordReader): Promise<string[]> {
  const user = await findUserByUsername(db, username);
  if (user === null) throw new CliError(`用户“${username}”不存在`);
  try {
    const password = opts.passwordStdin === true ? firstLine(await readPassword()) : undefined;
    const { generatedPassword } = await setUserPassword(db, user.id, password !== undefined ? { password } : {});
    const lines = [`已重设用户 ${user.username} 的密码，其已登录的会话全部失效`];
    if (generatedPassword !== undefined) lines.push(`新密码：${generatedPassword}（只显示这一次，用户登录后须修改）`);
    return lines;
  } catch (err) {
    throw asCliError(err);
  }
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const print = (lines: string[]): void => {
  for (const line of lines) process.stdout.write(`${line}\n`);
};

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户账号');

  user
    .command('add')
    .argument('<username>', '用户名（登录名）')
    .option('--role <role>', '角色（必填）：admin 管理员、stats 统计局、reporter 填报员、reviewer 审核员、viewer 只读（可多次指定或用逗号分隔）', collect)
    .option('--department <name>', '所属单位（全称或简称，如 市卫生健康委、市卫健委）')
    .option('--region <code>', '所属区县的区划代码（如 370303）')
    .option('--name <displayName>', '显示名（默认同用户名）')
    .option('--password-stdin', '从标准输入读取密码（不指定则生成一个并显示一次）')
    .description('新建用户；填报员须属于一个单位或一个区县')
    .action(async (username: string, opts: UserAddOptions) => {
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        print(await addUserAction(db, username, opts, readStdin));
      });
    });

  user
    .command('list')
    .option('--json', '以 JSON 输出')
    .description('列出用户')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        if (opts.json === true) printJson(await listUsers(db));
        else print(await listUsersAction(db));
      });
    });

  user
    .command('passwd')
    .argument('<username>', '用户名')
    .option('--password-stdin', '从标准输入读取新密码（不指定则生成一个并显示一次）')
    .description('重设用户密码（其已登录的会话全部失效）')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        print(await passwdAction(db, username, opts, readStdin));
      });
    });
}
