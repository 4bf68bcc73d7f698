import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { mailSetupFromEnv } from './mailer.ts';
import { addContact, outbox, removeContact, sendTaskReminders } from './reminder.service.ts';
import { actorsFor, seedResponsibility } from './responsibility.test-support.ts';
import { DEFAULT_MAIL_FROM, parseSmtpUrl, smtpMailer } from './smtp-mailer.ts';
import { startTestSmtpServer } from './smtp.test-support.ts';
import type { TestSmtpServer } from './smtp.test-support.ts';
import { completeTask, createTask } from './task.service.ts';

const at = (date: string) => ({ now: new Date(`${date}T04:00:00Z`) });

describe('SMTP mail setup', () => {
  it('takes FUER_SMTP_URL and FUER_SMTP_FROM, and explains an unusable URL in Chinese', () => {
    expect(mailSetupFromEnv({ FUER_SMTP_URL: 'http://mail.example.org' })).toEqual({ mailer: null, notice: expect.stringContaining('协议“http:”不受支持') });
    expect(mailSetupFromEnv({ FUER_SMTP_URL: 'not a url' }).notice).toContain('不是有效的地址');
    const setup = mailSetupFromEnv({ FUER_SMTP_URL: 'smtps://user:secret@mail.example.org:465' });
    expect(setup.notice).toBeNull();
    // The label goes to logs: no credentials in it.
    expect(setup.mailer?.label).toBe('smtps://mail.example.org:465');
    setup.mailer?.close?.();
  });

  it('logs in with the user and password of the URL', async () => {
    const server = await startTestSmtpServer({ user: 'fuer', pass: 'p@ss 密' });
    try {
      const good = smtpMailer(parseSmtpUrl(server.url), '测试发件人 <sender@example.org>');
      await good.send({ to: 'a@example.org', subject: '登录测试', text: '正文' });
      good.close?.();
      expect(server.received).toEqual([expect.objectContaining({ from: 'sender@example.org', to: ['a@example.org'], subject: '登录测试', text: '正文' })]);
      const wrong = smtpMailer(parseSmtpUrl(server.url.replace('fuer:', 'fuer:x')));
      await expect(wrong.send({ to: 'a@example.org', subject: '登录测试', text: '正文' })).rejects.toThrow(/535|Invalid/);
      wrong.close?.();
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

forEachDialect('reminder e-mail over SMTP', (getDb) => {
  let actors: ReturnType<typeof actorsFor>;
  let server: TestSmtpServer;
  const env = () => ({ FUER_SMTP_URL: server.url });
  const run = (date: string, log: string[] = []) => {
    const setup = mailSetupFromEnv(env());
    return sendTaskReminders(getDb(), { mailer: setup.mailer, notice: setup.notice, log: (l) => log.push(l), ...at(date) });
  };

  beforeAll(async () => {
    actors = actorsFor(await seedResponsibility(getDb()));
    server = await startTestSmtpServer();
    await addContact(getDb(), actors.office, { department: '市卫生健康委', name: '张医生', email: 'zhang@example.org' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('delivers the day’s reminder to the owner’s contact, subject and body in Chinese', async () => {
    const db = getDb();
    const task = await createTask(
      db,
      actors.office,
      { title: '报送妇幼健康年度工作总结', kind: 'other', owner: { department: '市卫生健康委' }, dueDate: '2025-09-30', reminderDays: [7], description: '含孕产妇死亡率分析' },
      at('2025-09-01'),
    );
    const result = await run('2025-09-23');
    expect(result).toMatchObject({ built: 1, sent: 1, failed: 0, retried: 0, pending: 0, transport: 'mailer', notice: null });
    expect(server.received).toHaveLength(1);
    const mail = server.received[0];
    expect(mail?.to).toEqual(['zhang@example.org']);
    expect(mail?.from).toBe('noreply@localhost');
    expect(mail?.raw).toMatch(/^From: =\?UTF-8\?/im); // the Chinese sender name is encoded, not raw bytes
    expect(mail?.subject).toBe('【妇女儿童发展规划监测评估平台】任务提醒：报送妇幼健康年度工作总结（还有7天到期）');
    expect(mail?.text).toContain('张医生：');
    expect(mail?.text).toContain('市卫生健康委的任务“报送妇幼健康年度工作总结”还有7天到期。');
    expect(mail?.text).toContain('截止日期：2025-09-30');
    expect(mail?.text).toContain('说明：含孕产妇死亡率分析');
    const [stored] = await outbox(db, actors.office, { status: 'sent' });
    expect(stored).toMatchObject({ taskId: task.id, status: 'sent', attempts: 1, detail: null, sentAt: '2025-09-23T04:00:00.000Z', lastAttemptAt: '2025-09-23T04:00:00.000Z' });
    expect(stored?.subject).toBe(mail?.subject);

    // Run again the same day: nothing new is built, nothing is sent twice.
    expect(await run('2025-09-23')).toMatchObject({ built: 0, sent: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
    await completeTask(db, actors.health, task.id, { note: '已报送' }, at('2025-09-24'));
  });

  it('keeps a rejected mail as failed with the error, and retries it on the next run until the server accepts', async () => {
    const db = getDb();
    const task = await createTask(db, actors.office, { title: '填报儿童友好医院建设进展', kind: 'other', owner: { department: '市卫生健康委' }, dueDate: '2025-10-10', reminderDays: [7] }, at('2025-09-01'));
    server.rejectWith = 'Mailbox unavailable';
    const log: string[] = [];
    expect(await run('2025-10-03', log)).toMatchObject({ built: 1, sent: 0, failed: 1, retried: 0 });
    const failedOnce = (await outbox(db, actors.office, { status: 'failed' })).find((m) => m.taskId === task.id);
    expect(failedOnce).toMatchObject({ recipient: 'zhang@example.org', attempts: 1, sentAt: null, lastAttemptAt: '2025-10-03T04:00:00.000Z' });
    expect(failedOnce?.detail).toMatch(/550.*Mailbox unavailable/);
    expect(log.some((l) => l.includes('提醒邮件发送失败（zhang@example.org') && l.includes('第1次'))).toBe(true);

    expect(await run('2025-10-03')).toMatchObject({ built: 0, sent: 0, failed: 1, retried: 1 });
    expect((await outbox(db, actors.office, { status: 'failed' })).find((m) => m.taskId === task.id)?.attempts).toBe(2);
    expect(server.received.filter((m) => m.subject.includes('儿童友好医院'))).toEqual([]);

    server.rejectWith = null;
    // Next day: no reminder is due for the task, but the failed one goes out now.
    expect(await run('2025-10-04')).toMatchObject({ tasksDue: 0, built: 0, sent: 1, failed: 0, retried: 1 });
    const delivered = server.received.filter((m) => m.subject.includes('儿童友好医院'));
    expect(delivered.map((m) => [m.to, m.subject])).toEqual([[['zhang@example.org'], '【妇女儿童发展规划监测评估平台】任务提醒：填报儿童友好医院建设进展（还有7天到期）']]);
    expect(delivered[0]?.text).toContain('截止日期：2025-10-10');
    const sent = (await outbox(db, actors.office)).find((m) => m.taskId === task.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, detail: null, sentAt: '2025-10-04T04:00:00.000Z' });
    expect(await run('2025-10-05')).toMatchObject({ sent: 0, failed: 0 });
    await completeTask(db, actors.health, task.id, { note: '已填报' }, at('2025-10-05'));
  });

  it('leaves pending mail of a task closed meanwhile in the outbox, unsent, with a note', async () => {
    const db = getDb();
    const task = await createTask(db, actors.office, { title: '报送托育服务机构名单', kind: 'other', owner: { department: '市卫生健康委' }, dueDate: '2025-11-10', reminderDays: [3] }, at('2025-10-20'));
    // Built without a mail server…
    expect(await sendTaskReminders(db, { mailer: null, ...at('2025-11-07') })).toMatchObject({ built: 1, pending: 1, transport: 'none' });
    await completeTask(db, actors.health, task.id, { note: '已报送' }, at('2025-11-08'));
    // …then a server is configured: the stale reminder is not sent.
    const before = server.received.length;
    expect(await run('2025-11-08')).toMatchObject({ built: 0, sent: 0, pending: 1 });
    expect(server.received).toHaveLength(before);
    const left = (await outbox(db, actors.office, { status: 'pending' })).find((m) => m.taskId === task.id);
    expect(left).toMatchObject({ attempts: 0, detail: '未发送：任务已办结或已取消' });
  });

  it('does not send a failed mail to a contact the office has since removed, and keeps its last error', async () => {
    const db = getDb();
    const contacts = await addContact(db, actors.office, { department: '市教育局', name: '李老师', email: 'li@example.org' });
    const task = await createTask(db, actors.office, { title: '报送中小学心理健康教师配备情况', kind: 'other', owner: { department: '市教育局' }, dueDate: '2025-12-10', reminderDays: [5] }, at('2025-11-20'));
    server.rejectWith = 'No such user';
    expect(await run('2025-12-05')).toMatchObject({ built: 1, failed: 1 });
    server.rejectWith = null;
    await removeContact(db, actors.office, contacts.find((c) => c.email === 'li@example.org')?.id as number);
    const before = server.received.length;
    // Left unsent: this one, and the closed task's message of the test before.
    expect(await run('2025-12-06')).toMatchObject({ sent: 0, failed: 0, retried: 0, pending: 2 });
    expect(server.received).toHaveLength(before);
    const left = (await outbox(db, actors.office, { status: 'failed' })).find((m) => m.taskId === task.id);
    expect(left?.attempts).toBe(1);
    expect(left?.detail).toMatch(/^未发送：该邮件联系人已删除（上次错误：.*No such user）$/);
    // The note is written once, not stacked on later runs.
    await run('2025-12-07');
    expect((await outbox(db, actors.office, { status: 'failed' })).find((m) => m.taskId === task.id)?.detail).toBe(left?.detail);
  });
});
