/**
 * Databases for the benchmark: a temporary SQLite file, and a database on a throwaway PostgreSQL cluster started
 * the way the test suite starts its own (test/global-setup.ts: Debian's binaries, a temp folder, a free port,
 * fsync off), or on FUER_TEST_POSTGRES_URL when set. Everything is deleted afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import startTestCluster from '../test/global-setup.ts';
import { createDatabase } from '../src/storage/database.ts';
import type { OpenDatabase } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';

export interface BenchDatabase {
  opened: OpenDatabase;
  /** Closes and deletes the database. */
  drop(): Promise<void>;
}

export async function sqliteDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fuer-bench-sqlite-'));
  const opened = createDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
  await migrateToLatest(opened.db);
  return {
    opened,
    drop: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresCluster {
  /** Superuser URL. */
  url: string;
  stop(): void;
}

/** The test suite's throwaway cluster, or null when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresCluster | null> {
  let url: string | null = null;
  const project = { provide: (_key: string, value: string | null) => (url = value) } as unknown as TestProject;
  const stop = await startTestCluster(project);
  if (url === null) return null;
  return { url, stop };
}

export async function postgresDatabase(cluster: PostgresCluster): Promise<BenchDatabase> {
  const name = `fuer_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  const opened = createDatabase(url.toString());
  await migrateToLatest(opened.db);
  return {
    opened,
    drop: async () => {
      await opened.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
