import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { isOffice } from '../../core/responsibility/responsibility-access.ts';
import type { Database } from '../../storage/schema.ts';
import { countNotificationsByStatus, listRecentNotifications } from '../../storage/repositories/task.repository.ts';
import { mailTransportInfo } from './mailer.ts';
import type { MailQueue } from './responsibility.contract.ts';
import { forbidden } from './responsibility.errors.ts';
export type { MailQueue, MailQueueItem } from './responsibility.contract.ts';

/** The reminder outbox for the office: transport, counts by status, newest messages with their last error. */
export async function mailQueue(
  db: Kysely<Database>,
  actor: Actor,
  options: { status?: 'pending' | 'sent' | 'failed'; limit?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<MailQueue> {
  if (!isOffice(actor)) throw forbidden('无权查看邮件提醒队列：仅妇儿工委办公室（管理员）可以查看');
  const rows = await listRecentNotifications(db, options.limit ?? 50, options.status);
  return {
    transport: mailTransportInfo(options.env),
    counts: await countNotificationsByStatus(db),
    items: rows.map((n) => ({
      id: n.id,
      taskId: n.task_id,
      taskTitle: n.task_title,
      remindOn: n.remind_on,
      recipient: n.recipient,
      subject: n.subject,
      status: n.status,
      detail: n.detail,
      attempts: n.attempts,
      lastAttemptAt: n.last_attempt_at,
      sentAt: n.sent_at,
      claimedAt: n.claim_token === null ? null : n.claimed_at,
    })),
  };
}
