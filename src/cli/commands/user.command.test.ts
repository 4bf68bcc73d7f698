import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { seedAccountScope } from '../../services/accounts/accounts.fixtures.ts';
import { authenticate } from '../../services/accounts/login.service.ts';
import { findUserByUsername } from '../../services/accounts/user.service.ts';
import { CliError } from '../cli-error.ts';
import { addUserAction, listUsersAction, passwdAction } from './user.command.ts';

const noStdin = async (): Promise<string> => {
  throw new Error('stdin must not be read without --password-stdin');
};
const stdin = (text: string) => async () => text;

forEachDialect('fuer user', (getDb) => {
  beforeAll(async () => {
    await seedAccountScope(getDb());
  });

  it('adds a department reporter by alias and prints a generated password once', async () => {
    const db = getDb();
    const lines = await addUserAction(db, 'wsj01', { role: ['reporter'], department: '市卫健委', name: '卫健委填报员' }, noStdin);
    expect(lines[0]).toBe('已创建用户 wsj01（卫健委填报员；填报员；市卫生健康委）');
    const password = /^初始密码：([A-Za-z2-9]{16})（/.exec(lines[1] ?? '')?.[1];
    expect(password).toBeDefined();
    expect((await authenticate(db, { username: 'wsj01', password: password as string, ip: 'cli' })).mustChangePassword).toBe(true);
  });

  it('adds a county user with several roles (codes, labels, commas) and a password from stdin', async () => {
    const db = getDb();
    const lines = await addUserAction(db, 'zd01', { role: ['reporter,审核员'], region: '370303', passwordStdin: true }, stdin('zhangdian-2025\n'));
    expect(lines).toEqual(['已创建用户 zd01（zd01；填报员、审核员；张店区（370303））']);
    expect((await authenticate(db, { username: 'zd01', password: 'zhangdian-2025', ip: 'cli' })).mustChangePassword).toBe(false);
  });

  it('refuses invalid combinations with Chinese messages, creating nothing', async () => {
    const db = getDb();
    const cases: [Parameters<typeof addUserAction>[2], string | RegExp][] = [
      [{ role: ['reporter'] }, /填报员须指定所属单位/],
      [{ role: ['reporter'], department: '市卫生健康委', region: '370303' }, '填报员只能属于一个单位或一个区县，不能同时指定单位和区县'],
      [{ role: ['reporter'], region: '370300' }, /填报员所属区划应为区县/],
      [{ role: ['reporter'], region: '123456' }, '区划“123456”不存在（应为区划代码，如 370303）'],
      [{ role: ['reporter'], department: '市火星局' }, /单位“市火星局”不存在/],
      [{ role: ['chief'] }, /未知角色“chief”/],
      [{ role: [] }, /请用 --role 指定角色/],
      [{ role: ['viewer'], passwordStdin: true }, /密码至少需要10个字符/],
    ];
    for (const [opts, message] of cases) {
      const attempt = addUserAction(db, 'bad01', opts, stdin('short\n'));
      await expect(attempt).rejects.toBeInstanceOf(CliError);
      await expect(addUserAction(db, 'bad01', opts, stdin('short\n'))).rejects.toThrow(message);
    }
    expect(await findUserByUsername(db, 'bad01')).toBeNull();
    await expect(addUserAction(db, 'WSJ01', { role: ['viewer'] }, noStdin)).rejects.toThrow('用户名“wsj01”已被使用');
  });

  it('lists users and resets a password', async () => {
    const db = getDb();
    const list = await listUsersAction(db);
    expect(list.some((l) => /wsj01 {2}卫健委填报员 {2}填报员 {2}市卫生健康委 {2}启用 {2}须修改密码$/.test(l))).toBe(true);
    expect(list.some((l) => /zd01 {2}zd01 {2}填报员、审核员 {2}张店区（370303） {2}启用$/.test(l))).toBe(true);

    const lines = await passwdAction(db, 'zd01', {}, noStdin);
    const password = /^新密码：([A-Za-z2-9]{16})（/.exec(lines[1] ?? '')?.[1] as string;
    await expect(authenticate(db, { username: 'zd01', password: 'zhangdian-2025', ip: 'cli' })).rejects.toThrow('用户名或密码错误');
    expect((await authenticate(db, { username: 'zd01', password, ip: 'cli' })).mustChangePassword).toBe(true);
    await passwdAction(db, 'zd01', { passwordStdin: true }, stdin('zhangdian-2026\r\n'));
    expect((await authenticate(db, { username: 'zd01', password: 'zhangdian-2026', ip: 'cli' })).mustChangePassword).toBe(false);
    await expect(passwdAction(db, 'nobody', {}, noStdin)).rejects.toThrow('用户“nobody”不存在');
  });
});

forEachDialect('fuer user on an empty database', (getDb) => {
  it('says what to load first', async () => {
    await expect(addUserAction(getDb(), 'early', { role: ['reporter'], department: '市卫健委' }, noStdin)).rejects.toThrow(/数据库中还没有责任单位/);
    await expect(addUserAction(getDb(), 'early', { role: ['reporter'], region: '370303' }, noStdin)).rejects.toThrow(/数据库中还没有行政区划/);
    expect(await listUsersAction(getDb())).toEqual(['（尚无用户）']);
  });
});
