import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { createDatabase } from '../../storage/database.ts';
import type { Database } from '../../storage/schema.ts';
import { mailSetupFromEnv } from './mailer.ts';
import { addContact, deliverOutbox, OUTBOX_CLAIM_TIMEOUT_MINUTES, outbox, sendTaskReminders } from './reminder.service.ts';
import { actorsFor, seedResponsibility } from './responsibility.test-support.ts';
import { startTestSmtpServer } from './smtp.test-support.ts';
import type { TestSmtpServer } from './smtp.test-support.ts';
import { completeTask, createTask } from './task.service.ts';

const at = (iso: string) => ({ now: new Date(iso) });
const minutes = (iso: string, n: number) => new Date(new Date(iso).getTime() + n * 60_000).toISOString();

/**
 * Overlapping reminder runs (cron while the office clicks “send”, or two cron runs) on separate connections, as two
 * processes would have, against a real SMTP server: every message is built once and delivered exactly once.
 */
forEachDialect('reminder runs at the same time', (getDb, _dialect, getHandle) => {
  let actors: ReturnType<typeof actorsFor>;
  let server: TestSmtpServer;
  const others: { db: Kysely<Database>; close(): Promise<void> }[] = [];
  /** Another connection (pool) to the same database: what a second process would have. */
  const secondConnection = () => {
    const opened = createDatabase(getHandle().url);
    others.push(opened);
    return opened.db;
  };
  const mailer = () => {
    const setup = mailSetupFromEnv({ FUER_SMTP_URL: server.url });
    if (setup.mailer === null) throw new Error(setup.notice ?? 'no mailer');
    return setup.mailer;
  };

  beforeAll(async () => {
    actors = actorsFor(await seedResponsibility(getDb()));
    server = await startTestSmtpServer();
    await addContact(getDb(), actors.office, { department: '市卫生健康委', name: '张医生', email: 'zhang@example.org' });
    await addContact(getDb(), actors.office, { department: '市卫生健康委', name: '王护士', email: 'wang@example.org' });
    await addContact(getDb(), actors.office, { department: '市教育局', name: '李老师', email: 'li@example.org' });
  });
  afterAll(async () => {
    for (const o of others) await o.close();
    await server?.close();
  });

  it('two runs building and sending the same day’s reminders deliver each message exactly once', async () => {
    const db = getDb();
    const titles: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const department = i % 2 === 0 ? '市教育局' : '市卫生健康委';
      const title = `并发提醒测试任务${i}`;
      titles.push(title);
      await createTask(db, actors.office, { title, kind: 'other', owner: { department }, dueDate: '2026-03-10', reminderDays: [7] }, at('2026-02-01T04:00:00Z'));
    }
    const runAt = at('2026-03-03T04:00:00Z');
    const [a, b, c] = await Promise.all([
      sendTaskReminders(db, { mailer: mailer(), ...runAt }),
      sendTaskReminders(secondConnection(), { mailer: mailer(), ...runAt }),
      sendTaskReminders(secondConnection(), { mailer: mailer(), ...runAt }),
    ]);
    // 3 tasks of the health commission × 2 contacts + 3 of education × 1 contact.
    const expected = 9;
    expect(a.built + b.built + c.built).toBe(expected);
    expect(a.sent + b.sent + c.sent).toBe(expected);
    expect(a.failed + b.failed + c.failed).toBe(0);
    const received = server.received.filter((m) => m.subject.includes('并发提醒测试任务'));
    expect(received).toHaveLength(expected);
    const keys = received.map((m) => `${m.to.join()}|${m.subject}`);
    expect(new Set(keys).size).toBe(expected);
    for (const title of titles) expect(received.filter((m) => m.subject.includes(`${title}（`)).length).toBe(titles.indexOf(title) % 2 === 0 ? 2 : 1);

    const stored = (await outbox(db, actors.office)).filter((m) => m.subject.includes('并发提醒测试任务'));
    expect(stored).toHaveLength(expected);
    expect(stored.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    const claims = await db.selectFrom('task_notifications').select(['claim_token', 'claimed_at']).where('status', '=', 'sent').execute();
    expect(claims.every((r) => r.claim_token === null && r.claimed_at === null)).toBe(true);

    // Run again, twice at once: nothing new, nothing sent again.
    const again = await Promise.all([sendTaskReminders(db, { mailer: mailer(), ...runAt }), sendTaskReminders(secondConnection(), { mailer: mailer(), ...runAt })]);
    expect(again.map((r) => [r.built, r.sent])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(server.received.filter((m) => m.subject.includes('并发提醒测试任务'))).toHaveLength(expected);
    for (const t of await db.selectFrom('tasks').select('id').where('title', 'like', '并发提醒测试任务%').execute()) await completeTask(db, actors.office, t.id, {}, runAt);
  });

  it('two runs delivering a backlog (built without a mail server) send each message once', async () => {
    const db = getDb();
    for (let i = 1; i <= 4; i++) {
      await createTask(db, actors.office, { title: `积压提醒测试任务${i}`, kind: 'other', owner: { department: '市卫生健康委' }, dueDate: '2026-04-10', reminderDays: [3] }, at('2026-03-20T04:00:00Z'));
    }
    const day = at('2026-04-07T04:00:00Z');
    expect(await sendTaskReminders(db, { mailer: null, ...day })).toMatchObject({ built: 8, pending: 8 });
    const later = at('2026-04-07T09:00:00Z');
    const [a, b] = await Promise.all([deliverOutbox(db, mailer(), later), deliverOutbox(secondConnection(), mailer(), later)]);
    expect(a.sent + b.sent).toBe(8);
    // What one run sent, the other found claimed or already sent and left.
    expect(new Set([...a.attempted, ...b.attempted]).size).toBe(a.attempted.length + b.attempted.length);
    const received = server.received.filter((m) => m.subject.includes('积压提醒测试任务'));
    expect(received).toHaveLength(8);
    expect(new Set(received.map((m) => `${m.to.join()}|${m.subject}`)).size).toBe(8);
    for (const t of await db.selectFrom('tasks').select('id').where('title', 'like', '积压提醒测试任务%').execute()) await completeTask(db, actors.office, t.id, {}, later);
  });

  it('a claim left by a crashed run holds until it is stale, then another run sends the message once', async () => {
    const db = getDb();
    const task = await createTask(db, actors.office, { title: '断点提醒测试任务', kind: 'other', owner: { department: '市教育局' }, dueDate: '2026-05-10', reminderDays: [1] }, at('2026-05-01T04:00:00Z'));
    const built = '2026-05-09T04:00:00.000Z';
    expect(await sendTaskReminders(db, { mailer: null, ...at(built) })).toMatchObject({ built: 1, pending: 1 });
    const [message] = (await outbox(db, actors.office, { status: 'pending' })).filter((m) => m.taskId === task.id);
    expect(message).toBeDefined();
    const id = message?.id as number;
    // A run claimed the message at 04:05 and died before the mail server answered.
    const crashedAt = minutes(built, 5);
    await db.updateTable('task_notifications').set({ claim_token: 'crashed-run', claimed_at: crashedAt }).where('id', '=', id).execute();

    // Within the timeout the message is left alone: it may still be on its way.
    const soon = await sendTaskReminders(db, { mailer: mailer(), ...at(minutes(crashedAt, OUTBOX_CLAIM_TIMEOUT_MINUTES - 1)) });
    expect(soon).toMatchObject({ sent: 0, failed: 0, pending: 1, busy: 1 });
    expect(server.received.filter((m) => m.subject.includes('断点提醒测试任务'))).toEqual([]);
    const queued = (await outbox(db, actors.office)).find((m) => m.id === id);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });

    // Past the timeout two runs at once: one takes the stale claim over and sends it, the other leaves it.
    const late = at(minutes(crashedAt, OUTBOX_CLAIM_TIMEOUT_MINUTES + 1));
    const runs = await Promise.all([sendTaskReminders(db, { mailer: mailer(), ...late }), sendTaskReminders(secondConnection(), { mailer: mailer(), ...late })]);
    expect(runs.map((r) => r.sent).sort()).toEqual([0, 1]);
    const received = server.received.filter((m) => m.subject.includes('断点提醒测试任务'));
    expect(received.map((m) => m.to)).toEqual([['li@example.org']]);
    const row = await db.selectFrom('task_notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, claim_token: null, claimed_at: null, sent_at: late.now.toISOString() });
    await completeTask(db, actors.office, task.id, {}, late);
  });
});
