import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, outbox } from '../../services/responsibility/reminder.service.ts';
import { actor, ZIBO } from '../../services/responsibility/responsibility.test-support.ts';
import { startTestSmtpServer } from '../../services/responsibility/smtp.test-support.ts';
import type { TestSmtpServer } from '../../services/responsibility/smtp.test-support.ts';
import { useCliSandbox } from '../cli.test-support.ts';

const { fuer, withDb } = useCliSandbox('fuer-tasks-cli-');
const office = actor('妇儿工委办公室', ['admin'], null, ZIBO);
let server: TestSmtpServer;

beforeAll(async () => {
  server = await startTestSmtpServer();
});
afterAll(async () => {
  await server?.close();
});

describe('fuer tasks remind', () => {
  it('delivers the reminders to the SMTP server of FUER_SMTP_URL, from FUER_SMTP_FROM, and retries a rejected one', async () => {
    // An annual report long overdue: it reminds every day.
    const issued = await fuer(['tasks', 'issue-annual-reports', '--year', '2024', '--due', '2025-01-31']);
    expect(issued.code, issued.stderr).toBe(0);
    await withDb((db) => addContact(db, office, { department: '市教育局', name: '王老师', email: 'wang@example.org' }));

    // Without a server the mail stays pending.
    const offline = await fuer(['tasks', 'remind', '--json']);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ built: 1, pending: 1, sent: 0, transport: 'none' });
    expect(server.received).toEqual([]);

    server.rejectWith = 'Mailbox full';
    const rejected = await fuer(['tasks', 'remind', '--json'], { FUER_SMTP_URL: server.url });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ built: 0, sent: 0, failed: 1, retried: 1, transport: 'mailer' });
    expect(rejected.stderr).toMatch(/提醒邮件发送失败（wang@example\.org，任务 \d+，第1次）：.*Mailbox full/);

    server.rejectWith = null;
    const delivered = await fuer(['tasks', 'remind'], { FUER_SMTP_URL: server.url, FUER_SMTP_FROM: '淄博市妇儿工委办公室 <fuer@zibo.example>' });
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(delivered.stderr).toContain('已发送1封（其中重试1封），失败0封');
    expect(server.received).toHaveLength(1);
    const mail = server.received[0];
    expect(mail).toMatchObject({ from: 'fuer@zibo.example', to: ['wang@example.org'] });
    expect(mail?.subject).toMatch(/^【妇女儿童发展规划监测评估平台】任务提醒：报送2024年度规划落实情况和2025年工作安排（已逾期\d+天）$/);
    expect(mail?.text).toContain('截止日期：2025-01-31');
    expect(mail?.text).toContain('市教育局的任务“报送2024年度规划落实情况和2025年工作安排”已逾期');
    const stored = await withDb((db) => outbox(db, office));
    expect(stored.map((m) => [m.status, m.attempts, m.detail])).toEqual([['sent', 2, null]]);
  }, 180_000); // five CLI processes, each bootstrapping the database

  it('two `fuer tasks remind` processes at once deliver each reminder exactly once', async () => {
    // Contacts for six more departments with an overdue annual report: two addresses each, twelve messages today.
    const owners = await withDb((db) =>
      db.selectFrom('tasks as t').innerJoin('departments as d', 'd.id', 't.owner_department_id').select('d.name').where('t.kind', '=', 'annual_report').where('t.status', '=', 'open').where('d.name', '!=', '市教育局').orderBy('d.id').limit(6).execute(),
    );
    expect(owners).toHaveLength(6);
    await withDb(async (db) => {
      for (const [i, o] of owners.entries()) {
        await addContact(db, office, { department: o.name, name: `联络员${i}甲`, email: `c${i}a@example.org` });
        await addContact(db, office, { department: o.name, name: `联络员${i}乙`, email: `c${i}b@example.org` });
      }
    });
    const before = server.received.length;
    const runs = await Promise.all([fuer(['tasks', 'remind', '--json'], { FUER_SMTP_URL: server.url }), fuer(['tasks', 'remind', '--json'], { FUER_SMTP_URL: server.url })]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const results = runs.map((r) => JSON.parse(r.stdout) as { built: number; sent: number; failed: number });
    expect(results.reduce((n, r) => n + r.built, 0)).toBe(12);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    const received = server.received.slice(before);
    expect(received).toHaveLength(12);
    expect(new Set(received.map((m) => `${m.to.join()}|${m.subject}`)).size).toBe(12);
    const stored = await withDb((db) => outbox(db, office));
    expect(stored.filter((m) => m.status === 'sent' && m.attempts === 1).length).toBe(12);
  }, 180_000);
});

describe('fuer tasks contacts', () => {
  it('adds a contact by unit name or code, refuses a duplicate and a bad address, lists the units still without one, removes it', async () => {
    // The annual reports issued above are open for every county; 张店区 has no contact yet.
    const added = await fuer(['tasks', 'contacts', 'add', '--unit', '张店区', '--name', '张三', '--email', 'a@b.cn']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^已登记提醒联系人 \d+\t张店区\t张三\ta@b\.cn\n$/);
    const id = Number(/^已登记提醒联系人 (\d+)/.exec(added.stdout)?.[1]);

    const duplicate = await fuer(['tasks', 'contacts', 'add', '--unit', '370303', '--name', '李四', '--email', 'A@B.cn']);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toContain('张店区已登记提醒联系人 a@b.cn（张三），无需重复添加');
    const bad = await fuer(['tasks', 'contacts', 'add', '--unit', '市卫健委', '--name', '王五', '--email', 'wangwu']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('邮箱地址“wangwu”无效');

    const listed = await fuer(['tasks', 'contacts', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const { contacts, missing } = JSON.parse(listed.stdout) as { contacts: { id: number; owner: string; unitKind: string; email: string }[]; missing: { label: string; unitKind: string; openTasks: number }[] };
    expect(contacts.filter((c) => c.owner === '张店区')).toEqual([expect.objectContaining({ id, unitKind: 'county', email: 'a@b.cn' })]);
    expect(contacts.find((c) => c.email === 'wangwu')).toBeUndefined();
    const counties = missing.filter((u) => u.unitKind === 'county').map((u) => u.label);
    expect(counties).toContain('博山区');
    expect(counties).not.toContain('张店区');
    // 市教育局 has had a contact since the first test.
    expect(missing.map((u) => u.label)).not.toContain('市教育局');

    const removed = await fuer(['tasks', 'contacts', 'remove', '--id', String(id)]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe(`已删除提醒联系人 ${id}\n`);
    const after = await fuer(['tasks', 'contacts', 'list']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).not.toContain('a@b.cn');
    expect(after.stdout).toContain('以下单位尚无提醒联系人，逾期提醒邮件将无法送达：');
    expect(after.stdout).toMatch(/^ {2}张店区\t未完成1项，其中逾期1项$/m);
    const again = await fuer(['tasks', 'contacts', 'remove', '--id', String(id)]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`提醒联系人 ${id} 不存在`);
  }, 300_000); // seven CLI processes
});
