/**
 * Fresh databases for storage tests, on both dialects. Every suite that touches SQL runs through
 * forEachDialect, so SQLite and PostgreSQL see the same tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase } from '../src/storage/database.ts';
import type { DialectName } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import type { Database } from '../src/storage/schema.ts';
import { postgresUrl, requireOrSkip } from './requirements.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The DATABASE_URL of this database (for code that opens its own connection, e.g. the CLI). */
  url: string;
  /** Closes the connection and deletes the database. */
  close(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = postgresUrl();
  if (url === null) throw new Error('PostgreSQL 测试集群不可用');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database (migrated unless `migrate: false`): a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: TestDatabase;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'fuer-sqlite-'));
    const url = `sqlite:${path.join(dir, 'fuer.db')}`;
    const opened = createDatabase(url);
    handle = {
      db: opened.db,
      dialect,
      url,
      close: async () => {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const name = `fuer_test_${randomBytes(6).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(postgresUrl() as string);
    url.pathname = `/${name}`;
    const opened = createDatabase(url.toString());
    handle = {
      db: opened.db,
      dialect,
      url: url.toString(),
      close: async () => {
        await opened.close();
        await withAdmin(async (c) => {
          // The pool's sockets close just after pool.end() resolves: wait for the server to see them gone, since
          // terminating a closing connection (DROP … WITH (FORCE)) surfaces as an uncaught client error.
          for (let i = 0; i < 100; i++) {
            const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
            if (rows[0]?.n === 0) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

const LABELS: Record<DialectName, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Whether the dialect's suites skip on this machine (PostgreSQL not installed and not required). */
export function skipDialect(dialect: DialectName): boolean {
  return dialect === 'postgres' ? requireOrSkip('postgres') : false;
}

/**
 * Declares the suite once per dialect, each with its own fresh, migrated database shared by the suite's
 * tests (created before the first test, deleted after the last).
 */
export function forEachDialect(
  name: string,
  body: (getDb: () => Kysely<Database>, dialect: DialectName, getHandle: () => TestDatabase) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(skipDialect(dialect))(`${name} [${LABELS[dialect]}]`, () => {
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect, options);
      });
      afterAll(async () => {
        await handle?.close();
      });
      const getHandle = (): TestDatabase => {
        if (handle === undefined) throw new Error('测试数据库尚未创建');
        return handle;
      };
      body(() => getHandle().db, dialect, getHandle);
    });
  }
}
