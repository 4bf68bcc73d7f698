import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, skipDialect } from '../../test/databases.ts';
import { capabilitiesOf, createDatabase, parseDatabaseUrl, rowsPerInsert } from './database.ts';

describe('parseDatabaseUrl', () => {
  it('reads sqlite:PATH, plain paths and postgres URLs, defaulting to ./data/fuer.db', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', file: './data/fuer.db' });
    expect(parseDatabaseUrl('')).toEqual({ dialect: 'sqlite', file: './data/fuer.db' });
    expect(parseDatabaseUrl('sqlite:/var/lib/fuer/fuer.db')).toEqual({ dialect: 'sqlite', file: '/var/lib/fuer/fuer.db' });
    expect(parseDatabaseUrl('sqlite://data/x.db')).toEqual({ dialect: 'sqlite', file: 'data/x.db' });
    expect(parseDatabaseUrl('sqlite:///abs/x.db')).toEqual({ dialect: 'sqlite', file: '/abs/x.db' });
    expect(parseDatabaseUrl('./local.db')).toEqual({ dialect: 'sqlite', file: './local.db' });
    expect(parseDatabaseUrl('postgres://u:p@h:5432/fuer')).toEqual({ dialect: 'postgres', url: 'postgres://u:p@h:5432/fuer' });
    expect(parseDatabaseUrl('postgresql://h/fuer')).toEqual({ dialect: 'postgres', url: 'postgresql://h/fuer' });
    expect(() => parseDatabaseUrl('mysql://h/fuer')).toThrow(/不受支持/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/缺少/);
  });
});

describe('createDatabase (SQLite)', () => {
  it('creates the folder, and turns on WAL and foreign keys', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fuer-db-'));
    try {
      const file = path.join(dir, 'nested', 'deeper', 'fuer.db');
      const opened = createDatabase(`sqlite:${file}`);
      expect(opened.dialect).toBe('sqlite');
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(opened.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      expect(capabilitiesOf(opened.db).dialect).toBe('sqlite');
      expect(rowsPerInsert(opened.db, 7)).toBe(1000);
      await opened.close();
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipDialect('postgres'))('createDatabase (PostgreSQL)', () => {
  it('connects through a pool, reads counts as numbers and hides the password in its location', async () => {
    const handle = await createTestDatabase('postgres');
    try {
      const opened = createDatabase(handle.url);
      expect(opened.dialect).toBe('postgres');
      expect(capabilitiesOf(opened.db)).toEqual({ dialect: 'postgres', maxParameters: 65_535 });
      const row = await opened.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(row.n).toBe(0);
      expect(opened.location).not.toContain('@');
      await opened.close();
    } finally {
      await handle.close();
    }
  });
});
