import type { Kysely } from 'kysely';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { Author } from '../responsibility/task.service.ts';

/**
 * Every change of a unit's report goes to the shared append-only audit log (entity 'unit_report', key = the
 * report's id): who, when, the fields before and after, and the reason where there is one.
 */
export async function auditUnitReport(
  db: Kysely<Database>,
  author: Author,
  at: string,
  reportId: number,
  action: string,
  change: { before?: unknown; after?: unknown; reason?: string | null } = {},
): Promise<void> {
  await appendAudit(db, [
    {
      at,
      user_id: author.userId,
      user_name: author.displayName,
      action,
      entity: 'unit_report',
      entity_key: String(reportId),
      form_id: null,
      before_json: change.before === undefined ? null : JSON.stringify(change.before),
      after_json: change.after === undefined ? null : JSON.stringify(change.after),
      reason: change.reason ?? null,
      origin: 'api',
    },
  ]);
}
