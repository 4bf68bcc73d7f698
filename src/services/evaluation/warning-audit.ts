import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { AuditEntity } from '../../storage/schema/monitoring.schema.ts';
import { appendAudit, findAudit } from '../../storage/repositories/audit.repository.ts';
import { toWarningEvent, type WarningEvent } from './warning-view.ts';

/**
 * Warnings write their state changes to the shared, append-only audit_log (migration 0003) under the entity
 * 'warning' and the warning's id.
 */
export const WARNING_ENTITY: AuditEntity = 'warning';

export type WarningOrigin = 'api' | 'cli' | 'demo';

export interface WarningAuditEntry {
  warningId: number;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function auditWarnings(
  db: Kysely<Database>,
  actor: Actor,
  origin: WarningOrigin,
  entries: readonly WarningAuditEntry[],
  at = new Date().toISOString(),
): Promise<void> {
  if (entries.length === 0) return;
  await appendAudit(
    db,
    entries.map((e) => ({
      at,
      user_id: actor.userId,
      user_name: actor.displayName || actor.username,
      action: e.action,
      entity: WARNING_ENTITY,
      entity_key: String(e.warningId),
      form_id: null,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
      origin,
    })),
  );
}

export async function warningHistory(db: Kysely<Database>, warningId: number): Promise<WarningEvent[]> {
  return (await findAudit(db, { entity: WARNING_ENTITY, entityKey: String(warningId) })).map(toWarningEvent);
}
