import type { Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. A claim on each reminder e-mail of the outbox
 * (task_notifications) before it is handed to the mail server: a run sets claim_token and claimed_at on a pending or
 * failed message with one conditional UPDATE and sends it only when that UPDATE changed the row, so two reminder
 * runs at the same time (cron and the office's button, or two cron runs) never send the same message twice. A claim
 * older than the timeout (a run that crashed mid-send) may be taken over. The day's messages were already unique per
 * task, date and recipient (task_notifications_unique).
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_notifications').addColumn('claim_token', 'text').execute();
  await db.schema.alterTable('task_notifications').addColumn('claimed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_notifications').dropColumn('claimed_at').execute();
  await db.schema.alterTable('task_notifications').dropColumn('claim_token').execute();
}
