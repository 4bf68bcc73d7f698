import type { Kysely } from 'kysely';

/*
 * Frozen once released; imports no application code. Delivery bookkeeping of the reminder outbox
 * (task_notifications): how often a message was tried and when last, so a failed message is retried on the next
 * run and the office sees the attempt count next to the last error (detail).
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_notifications').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('task_notifications').addColumn('last_attempt_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_notifications').dropColumn('last_attempt_at').execute();
  await db.schema.alterTable('task_notifications').dropColumn('attempts').execute();
}
