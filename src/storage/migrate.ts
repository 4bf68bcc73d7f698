import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as foundation from './migrations/0001-foundation.ts';
import * as accounts from './migrations/0002-accounts.ts';
import * as monitoring from './migrations/0003-monitoring.ts';
import * as warnings from './migrations/0004-warnings.ts';
import * as responsibility from './migrations/0005-responsibility.ts';
import * as reports from './migrations/0006-reports.ts';
import * as unitReports from './migrations/0007-unit-reports.ts';
import * as evaluationCache from './migrations/0008-evaluation-cache.ts';
import * as mailDelivery from './migrations/0009-mail-delivery.ts';
import * as outboxClaim from './migrations/0010-outbox-claim.ts';
import * as deadlineExtensions from './migrations/0011-deadline-extensions.ts';

/** Every migration, in order. Static (no directory scan) so it works the same from sources, tests and bundles. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-accounts': accounts,
  '0003-monitoring': monitoring,
  '0004-warnings': warnings,
  '0005-responsibility': responsibility,
  '0006-reports': reports,
  '0007-unit-reports': unitReports,
  '0008-evaluation-cache': evaluationCache,
  '0009-mail-delivery': mailDelivery,
  '0010-outbox-claim': outboxClaim,
  '0011-deadline-extensions': deadlineExtensions,
};

/** Names of all migrations, in the order they apply. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'fuer_migrations', migrationLockTableName: 'fuer_migrations_lock' });
}

/** Brings the schema to the latest version; returns the names of the migrations it applied (empty when up to date). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await createMigrator(db).migrateToLatest();
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${reason}`, { cause: error });
  }
  return applied;
}
