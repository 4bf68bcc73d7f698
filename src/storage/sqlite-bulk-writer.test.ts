import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteBulkWriteError, SqliteBulkWriter } from './sqlite-bulk-writer.ts';

describe('SqliteBulkWriter: a worker thread’s transaction on the same file', () => {
  let dir: string;
  let file: string;
  let reader: SqliteDatabase.Database;
  const text = (n: number) => `insert into t (tag, x, y) select * from (select ?) as s, (values ${Array.from({ length: n }, () => '(?, ?)').join(', ')}) as v`;
  const count = () => (reader.prepare('select count(*) as n from t').get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fuer-writer-'));
    file = path.join(dir, 'w.db');
    reader = new SqliteDatabase(file);
    reader.pragma('journal_mode = WAL');
    reader.exec('create table t (id integer primary key, tag text not null, x text not null unique, y real)');
  });
  afterEach(() => {
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes in one transaction: invisible to others until the commit, visible to its own reads', async () => {
    const writer = await SqliteBulkWriter.open(file);
    const rows = Array.from({ length: 1234 }, (_, i) => [`k${i}`, i % 3 === 0 ? null : i / 4]);
    await writer.insert(rows, 2, 500, ['import'], text);
    await writer.run([{ sql: 'update t set y = ? where x = ?', parameters: [-1, 'k1'], expectChanges: 1 }]);
    const own = await writer.query([{ sql: 'select x, y, tag from t where x in (?, ?, ?) order by id', parameters: ['k0', 'k1', 'k1232'] }]);
    expect(own).toEqual([{ x: 'k0', y: null, tag: 'import' }, { x: 'k1', y: -1, tag: 'import' }, { x: 'k1232', y: 308, tag: 'import' }]);
    expect(count()).toBe(0);
    await writer.commit();
    expect(count()).toBe(1234);
  });

  it('holds the write lock from the start: another writer waits, and gets in after the commit', async () => {
    const writer = await SqliteBulkWriter.open(file);
    reader.pragma('busy_timeout = 50');
    expect(() => reader.exec('begin immediate')).toThrow(/locked|busy/i);
    await writer.commit();
    reader.exec('begin immediate');
    reader.exec('rollback');
  });

  it('rolls back on request, and fails its commit (rolling back) after a failed statement or a lost update', async () => {
    const first = await SqliteBulkWriter.open(file);
    await first.insert([['a', 1]], 2, 500, ['t'], text);
    await first.rollback();
    expect(count()).toBe(0);

    const duplicate = await SqliteBulkWriter.open(file);
    await duplicate.insert([['a', 1], ['a', 2]], 2, 500, ['t'], text).catch(() => undefined);
    const error = await duplicate.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteBulkWriteError);
    expect((error as SqliteBulkWriteError).code).toMatch(/UNIQUE/);
    expect(count()).toBe(0);

    const lost = await SqliteBulkWriter.open(file);
    await lost.insert([['b', 1]], 2, 500, ['t'], text);
    await lost.run([{ sql: 'update t set y = 2 where x = ?', parameters: ['nobody'], expectChanges: 1, mismatchMessage: '数据已被他人修改' }]);
    await expect(lost.commit()).rejects.toThrow('数据已被他人修改');
    expect(count()).toBe(0);
  });

  it('refuses a file it cannot open', async () => {
    await expect(SqliteBulkWriter.open(path.join(dir, 'missing.db'))).rejects.toThrow();
  });
});
