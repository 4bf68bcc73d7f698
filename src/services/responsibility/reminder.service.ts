import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isOffice } from '../../core/responsibility/responsibility-access.ts';
import { reminderFor } from '../../core/responsibility/task-schedule.ts';
import type { Database } from '../../storage/schema.ts';
import {
  claimNotification,
  deleteReminderContact,
  eventAuthors,
  findOfficeDepartmentId,
  findReminderContact,
  insertNotificationOnce,
  insertReminderContact,
  listNotifications,
  listReminderContacts,
  listTaskRows,
  listUndeliveredNotifications,
  recordDeliveryAttempt,
  recordEvent,
  releaseNotificationClaim,
  setNotificationDetail,
} from '../../storage/repositories/task.repository.ts';
import { parseJsonList } from '../../storage/repositories/row-mappers.ts';
import type { Clock } from './clock.ts';
import { nowOf, stampOf, todayOf } from './clock.ts';
import type { Mailer } from './mailer.ts';
import { contactServes, unitLabeller } from './reminder-recipients.ts';
import { badRequest, forbidden, notFound, ResponsibilityError } from './responsibility.errors.ts';
import { toTaskViews } from './task.service.ts';
import { resolveOwner } from './units.ts';
import type { OwnerInput } from './units.ts';
import type { ReminderContactView, ReminderRun } from './responsibility.contract.ts';
export type { ReminderContactView, ReminderRun } from './responsibility.contract.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const officeOnly = '无权管理提醒联系人：仅妇儿工委办公室（管理员）可以操作';
/** Actions of the contacts' entries in the responsibility history (entity reminder_contact). */
const CONTACT_ADDED = 'reminder_contact.add';
const CONTACT_REMOVED = 'reminder_contact.remove';

export async function listContacts(db: Kysely<Database>, actor: Actor): Promise<ReminderContactView[]> {
  if (!isOffice(actor)) throw forbidden(officeOnly);
  const rows = await listReminderContacts(db);
  const labels = await unitLabeller(db, rows);
  const authors = await eventAuthors(db, 'reminder_contact', CONTACT_ADDED, rows.map((r) => r.id));
  return rows.map((r) => {
    const unit = labels(r);
    return { id: r.id, departmentId: r.department_id, regionCode: r.region_code, owner: unit.label, unitKind: unit.kind, name: r.name, email: r.email, createdAt: r.created_at, addedBy: authors.get(r.id) ?? null };
  });
}

/**
 * Registers who receives a unit's reminder e-mails. The same address twice for the same unit is refused (409), so
 * nobody gets every reminder twice; the same address may serve several units. Recorded in the responsibility history.
 */
export async function addContact(db: Kysely<Database>, actor: Actor, input: OwnerInput & { name: string; email: string }, clock: Clock = {}): Promise<ReminderContactView[]> {
  if (!isOffice(actor)) throw forbidden(officeOnly);
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw badRequest(`邮箱地址“${input.email}”无效，应如 zhangsan@example.cn`, [{ field: 'email', message: '邮箱地址无效' }]);
  const name = input.name.trim();
  if (name === '') throw badRequest('联系人姓名不能为空', [{ field: 'name', message: '联系人姓名不能为空' }]);
  const owner = await resolveOwner(db, input);
  const contactUnit = { department_id: owner.departmentId, region_code: owner.regionCode };
  await db.transaction().execute(async (trx) => {
    const same = (await listReminderContacts(trx)).find(
      (c) => c.department_id === contactUnit.department_id && c.region_code === contactUnit.region_code && c.email.toLowerCase() === email.toLowerCase(),
    );
    const unit = (await unitLabeller(trx, [contactUnit]))(contactUnit).label;
    if (same !== undefined) throw new ResponsibilityError(409, 'duplicate', `${unit}已登记提醒联系人 ${same.email}（${same.name}），无需重复添加`);
    const row = await insertReminderContact(trx, { ...contactUnit, name, email, created_at: stampOf(clock) });
    await recordEvent(trx, { at: row.created_at, user_id: actor.userId, user_name: actor.displayName, entity: 'reminder_contact', entity_id: row.id, action: CONTACT_ADDED, note: `${unit}：${name} <${email}>` });
  });
  return listContacts(db, actor);
}

export async function removeContact(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<void> {
  if (!isOffice(actor)) throw forbidden(officeOnly);
  await db.transaction().execute(async (trx) => {
    const row = await findReminderContact(trx, id);
    if (row === null || !(await deleteReminderContact(trx, id))) throw notFound(`提醒联系人 ${id} `);
    const unit = (await unitLabeller(trx, [row]))(row).label;
    await recordEvent(trx, { at: stampOf(clock), user_id: actor.userId, user_name: actor.displayName, entity: 'reminder_contact', entity_id: id, action: CONTACT_REMOVED, note: `${unit}：${row.name} <${row.email}>` });
  });
}

/**
 * Builds the day's reminder e-mails (for open tasks whose reminder date has come, and overdue ones) for the
 * owners' contacts and stores them in the outbox; with a mailer, then delivers the outbox (deliverOutbox): the
 * new messages and those left pending or failed by earlier runs. Safe to run several times a day, and in several
 * processes at once (cron and the office's button): a message is built once per task, date and recipient (the
 * insert does nothing when another run built it), and each message is claimed before it is sent (deliverOutbox).
 */
export async function sendTaskReminders(
  db: Kysely<Database>,
  options: { mailer: Mailer | null; notice?: string | null; log?: (line: string) => void } & Clock,
): Promise<ReminderRun> {
  const today = todayOf(options);
  const log = options.log ?? (() => {});
  const run: ReminderRun = { date: today, tasksDue: 0, built: 0, sent: 0, failed: 0, retried: 0, pending: 0, busy: 0, withoutContact: 0, transport: options.mailer ? 'mailer' : 'none', notice: options.notice ?? null };
  if (options.mailer === null && options.notice) log(options.notice);
  const contacts = await listReminderContacts(db);
  const officeDepartmentId = await findOfficeDepartmentId(db);
  const rows = await listTaskRows(db, { status: ['open'] });
  const views = new Map((await toTaskViews(db, rows, null, options)).map((v) => [v.id, v]));
  const builtIds = new Set<number>();
  for (const row of rows) {
    const reminder = reminderFor({ status: row.status, dueDate: row.due_date, reminderDays: parseJsonList<number>(row.reminder_days) }, today);
    // Remind on each reminder date and daily once overdue.
    if (reminder === null || reminder.remindOn !== today) continue;
    run.tasksDue++;
    // The office's own tasks (its reviews) also go to the contacts registered for the department 市妇儿工委办公室.
    const recipients = contacts.filter((c) => contactServes(c, row, officeDepartmentId));
    if (recipients.length === 0) {
      run.withoutContact++;
      continue;
    }
    const view = views.get(row.id);
    for (const contact of recipients) {
      const subject = `【妇女儿童发展规划监测评估平台】任务提醒：${row.title}（${reminder.text}）`;
      const text = [
        `${contact.name}：`,
        '',
        `${view?.owner.label ?? ''}的任务“${row.title}”${reminder.text}。`,
        `类别：${view?.kindLabel ?? row.kind}`,
        `截止日期：${row.due_date}`,
        row.description ? `说明：${row.description}` : '',
        '',
        '请登录平台办理；办结后在“任务与期限”中标记完成。',
        '（本邮件由系统自动发送，请勿回复）',
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n');
      const note = await insertNotificationOnce(db, { task_id: row.id, remind_on: today, recipient: contact.email, subject, body: text, status: 'pending', detail: null, created_at: stampOf(options), sent_at: null });
      if (note === null) continue;
      run.built++;
      builtIds.add(note.id);
    }
  }
  if (options.mailer === null) {
    run.pending = run.built;
  } else {
    const delivery = await deliverOutbox(db, options.mailer, { log, now: options.now });
    run.sent = delivery.sent;
    run.failed = delivery.failed;
    run.retried = delivery.attempted.filter((id) => !builtIds.has(id)).length;
    run.pending = delivery.left;
    run.busy = delivery.busy;
  }
  log(
    `任务提醒（${today}）：到提醒日的任务${run.tasksDue}项，生成邮件${run.built}封，已发送${run.sent}封（其中重试${run.retried}封），失败${run.failed}封，待发送${run.pending}封${run.busy > 0 ? `（其中${run.busy}封正由另一次发送处理）` : ''}，无邮件联系人${run.withoutContact}项${options.mailer?.label ? `（邮件服务器 ${options.mailer.label}）` : ''}`,
  );
  return run;
}

const SKIPPED = '未发送：';

/**
 * How long a run's claim on a message holds. A message is claimed just before it goes to the mail server and released
 * right after (sent or failed); the SMTP transport gives up within about 100 s (smtp-mailer.ts timeouts), so a claim
 * older than this is from a run that crashed or was killed mid-send, and another run may take the message over.
 */
export const OUTBOX_CLAIM_TIMEOUT_MINUTES = 15;

export interface OutboxDelivery {
  /** Ids of the messages tried in this run. */
  attempted: number[];
  sent: number;
  failed: number;
  /** Messages left unsent without a try (task closed, a newer reminder to the same recipient, or being sent by another run). */
  left: number;
  /** Of those left: messages another run was sending (or had just sent) when this run came to them. */
  busy: number;
}

/**
 * Delivers the outbox: every pending or failed message of a still open task is tried once; each is marked sent,
 * or failed with the error (retried on the next run), and its attempts are counted. Of several unsent messages for
 * the same task and recipient (days without a mail server) only the newest is sent; the older ones, and those of
 * tasks done or cancelled meanwhile or to a contact since removed, stay in the outbox unsent, with a note why.
 * Nothing is deleted.
 *
 * Runs may overlap (cron while the office clicks “send”, or two cron runs): each message is claimed with one
 * conditional UPDATE before it goes to the mail server (claimNotification), so only one run sends it; a run that
 * finds a message claimed by another, or already sent, leaves it. A claim older than OUTBOX_CLAIM_TIMEOUT_MINUTES
 * (a crashed run) is taken over.
 */
export async function deliverOutbox(db: Kysely<Database>, mailer: Mailer, options: { log?: (line: string) => void } & Clock = {}): Promise<OutboxDelivery> {
  const log = options.log ?? (() => {});
  const result: OutboxDelivery = { attempted: [], sent: 0, failed: 0, left: 0, busy: 0 };
  const token = randomUUID();
  const unsent = await listUndeliveredNotifications(db);
  const contacts = new Set((await listReminderContacts(db)).map((c) => c.email));
  const newest = new Map<string, number>();
  for (const n of unsent) newest.set(`${n.task_id}\u0000${n.recipient}`, n.id);
  // A skipped message keeps its status; its note says why (and keeps the last error of a failed one).
  const skip = async (n: (typeof unsent)[number], why: string) => {
    result.left++;
    if (n.detail?.startsWith(SKIPPED)) return;
    await setNotificationDetail(db, n.id, `${SKIPPED}${why}${n.status === 'failed' && n.detail ? `（上次错误：${n.detail}）` : ''}`);
  };
  try {
    for (const n of unsent) {
      if (n.task_status !== 'open') {
        await skip(n, '任务已办结或已取消');
        continue;
      }
      if (!contacts.has(n.recipient)) {
        await skip(n, '该邮件联系人已删除');
        continue;
      }
      if (newest.get(`${n.task_id}\u0000${n.recipient}`) !== n.id) {
        await skip(n, '已有同一任务发给该联系人的更新提醒');
        continue;
      }
      const now = nowOf(options);
      const staleBefore = new Date(now.getTime() - OUTBOX_CLAIM_TIMEOUT_MINUTES * 60_000).toISOString();
      if (!(await claimNotification(db, n.id, { token, at: now.toISOString(), staleBefore }))) {
        result.left++;
        result.busy++;
        continue;
      }
      result.attempted.push(n.id);
      let error: string | null = null;
      try {
        await mailer.send({ to: n.recipient, subject: n.subject, text: n.body });
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      try {
        await recordDeliveryAttempt(db, n.id, error, stampOf(options));
      } catch (err) {
        // Not recorded: give the message back at once when it was not delivered; a delivered one keeps its claim, so
        // no other run sends it again before the timeout, and the error goes up.
        if (error !== null) await releaseNotificationClaim(db, n.id, token).catch(() => {});
        throw err;
      }
      if (error === null) result.sent++;
      else {
        result.failed++;
        log(`提醒邮件发送失败（${n.recipient}，任务 ${n.task_id}，第${n.attempts + 1}次）：${error}`);
      }
    }
  } finally {
    await mailer.close?.();
  }
  return result;
}

export async function outbox(db: Kysely<Database>, actor: Actor, filter: { status?: 'pending' | 'sent' | 'failed' } = {}) {
  if (!isOffice(actor)) throw forbidden('无权查看邮件提醒队列：仅妇儿工委办公室（管理员）可以查看');
  return (await listNotifications(db, filter)).map((n) => ({
    id: n.id,
    taskId: n.task_id,
    remindOn: n.remind_on,
    recipient: n.recipient,
    subject: n.subject,
    body: n.body,
    status: n.status,
    detail: n.detail,
    attempts: n.attempts,
    lastAttemptAt: n.last_attempt_at,
    createdAt: n.created_at,
    sentAt: n.sent_at,
  }));
}
