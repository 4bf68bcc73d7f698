import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import type { MailQueue } from '../../../services/responsibility/mail-queue.service.ts';
import type { ReminderRun } from '../../../services/responsibility/responsibility.contract.ts';
import { seedResponsibility } from '../../../services/responsibility/responsibility.test-support.ts';
import { startTestSmtpServer } from '../../../services/responsibility/smtp.test-support.ts';
import type { TestSmtpServer } from '../../../services/responsibility/smtp.test-support.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';

const PASSWORD = 'Mail-queue-pass-2025';

forEachDialect('mail queue API', (getDb) => {
  let app: FastifyInstance;
  let server: TestSmtpServer;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const savedEnv = { url: process.env.FUER_SMTP_URL, from: process.env.FUER_SMTP_FROM };

  beforeAll(async () => {
    const db = getDb();
    await seedResponsibility(db);
    await createUser(db, { username: 'office', roles: ['admin'], department: null, regionCode: '370300', password: PASSWORD, mustChangePassword: false });
    await createUser(db, { username: 'health', roles: ['reporter'], department: '市卫健委', regionCode: null, password: PASSWORD, mustChangePassword: false });
    await createUser(db, { username: 'stats', roles: ['stats'], department: null, regionCode: '370300', password: PASSWORD, mustChangePassword: false });
    app = await buildApp({ db });
    for (const username of ['office', 'health', 'stats']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      sessions[username] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
    }
    server = await startTestSmtpServer();
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
    for (const [key, value] of [['FUER_SMTP_URL', savedEnv.url], ['FUER_SMTP_FROM', savedEnv.from]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const session = sessions[who];
    return app.inject({ method, url: encodeURI(url), ...(payload ? { payload } : {}), headers: session ? { cookie: session.cookie, [CSRF_HEADER]: session.csrf } : {} });
  };

  it('shows the office the outbox: transport, counts, and each message’s last error and attempts', async () => {
    delete process.env.FUER_SMTP_URL;
    delete process.env.FUER_SMTP_FROM;
    for (const who of ['health', 'stats']) {
      const denied = await call(who, 'GET', '/api/tasks/mail-queue');
      expect(denied.statusCode).toBe(403);
      expect(denied.json<{ message: string }>().message).toContain('仅妇儿工委办公室');
    }
    const empty = (await call('office', 'GET', '/api/tasks/mail-queue')).json<MailQueue>();
    expect(empty).toMatchObject({ transport: { configured: false, server: null }, counts: { pending: 0, sent: 0, failed: 0 }, items: [] });
    expect(empty.transport.notice).toContain('未配置 FUER_SMTP_URL');

    const task = await call('office', 'POST', '/api/tasks', { title: '补报2019年妇幼卫生统计年报', kind: 'other', owner: { department: '市卫生健康委' }, dueDate: '2020-01-31' });
    expect(task.statusCode, task.body).toBe(201);
    const contact = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫生健康委', name: '张医生', email: 'zhang@example.org' });
    expect(contact.statusCode, contact.body).toBe(201);

    process.env.FUER_SMTP_URL = server.url;
    server.rejectWith = 'Mailbox unavailable';
    const failedRun = (await call('office', 'POST', '/api/tasks/send-reminders')).json<ReminderRun>();
    expect(failedRun).toMatchObject({ built: 1, sent: 0, failed: 1, transport: 'mailer' });
    const failed = (await call('office', 'GET', '/api/tasks/mail-queue')).json<MailQueue>();
    expect(failed.transport).toEqual({ configured: true, server: `smtp://127.0.0.1:${server.port}`, from: '淄博市妇儿工委办公室 <noreply@localhost>', notice: null });
    expect(failed.counts).toEqual({ pending: 0, sent: 0, failed: 1 });
    expect(failed.items).toEqual([
      expect.objectContaining({ taskTitle: '补报2019年妇幼卫生统计年报', recipient: 'zhang@example.org', status: 'failed', attempts: 1, sentAt: null, detail: expect.stringMatching(/Mailbox unavailable/) }),
    ]);

    server.rejectWith = null;
    const sentRun = (await call('office', 'POST', '/api/tasks/send-reminders')).json<ReminderRun>();
    expect(sentRun).toMatchObject({ built: 0, sent: 1, failed: 0, retried: 1 });
    expect(server.received.map((m) => m.to)).toEqual([['zhang@example.org']]);
    expect(server.received[0]?.subject).toMatch(/任务提醒：补报2019年妇幼卫生统计年报（已逾期\d+天）$/);
    const sent = (await call('office', 'GET', '/api/tasks/mail-queue?status=sent')).json<MailQueue>();
    expect(sent.counts).toEqual({ pending: 0, sent: 1, failed: 0 });
    expect(sent.items).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, detail: null, sentAt: expect.any(String) })]);
    expect((await call('office', 'GET', '/api/tasks/mail-queue?status=failed')).json<MailQueue>().items).toEqual([]);
    expect((await call('office', 'GET', '/api/tasks/mail-queue?limit=0')).statusCode).toBe(400);
  });
});
