import { getJson, sendJson } from './client.ts';
import type { MailQueue, ReminderRun } from '../../../src/services/responsibility/responsibility.contract.ts';

export type { MailQueue, MailQueueItem, MailTransportInfo, ReminderRun } from '../../../src/services/responsibility/responsibility.contract.ts';

/** The reminder outbox (邮件提醒队列, office only): src/api/routes/responsibility/tasks.routes.ts. */
export const mailQueueApi = {
  queue: (status?: 'pending' | 'sent' | 'failed', signal?: AbortSignal) => getJson<MailQueue>('/tasks/mail-queue', { status }, signal),
  /** Builds today's reminders and sends pending and failed mail (when FUER_SMTP_URL is set). */
  sendReminders: () => sendJson<ReminderRun>('POST', '/tasks/send-reminders'),
};
