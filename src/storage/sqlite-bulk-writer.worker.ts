/**
 * The worker side of SqliteBulkWriter (sqlite-bulk-writer.ts): its own connection to the database file, one
 * IMMEDIATE transaction taken at start, the statements it is sent run in order, then commit or rollback.
 * Runs in a worker thread so that SQLite's insert work (most of a large import's time) proceeds on the second
 * core while the main thread reads, checks and plans the next values.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { unpackInto } from './packed-rows.ts';
import type { WriterReply, WriterRequest, WriterStartData } from './sqlite-bulk-writer.protocol.ts';

const port = parentPort;
if (port === null) throw new Error('sqlite-bulk-writer.worker.ts must run in a worker thread');
const start = workerData as WriterStartData;

const reply = (message: WriterReply) => port.postMessage(message);
const errorOf = (err: unknown) => ({ message: err instanceof Error ? err.message : String(err), code: (err as { code?: unknown }).code === undefined ? null : String((err as { code?: unknown }).code) });

let sqlite: SqliteDatabase.Database;
try {
  sqlite = new SqliteDatabase(start.file, { fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${start.busyTimeoutMs}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = ${start.cacheSize}`);
  // Taken before the main thread reads anything: no other writer can commit between its reads and these writes.
  sqlite.exec('begin immediate');
  reply({ kind: 'ready' });
} catch (err) {
  reply({ kind: 'failed', error: errorOf(err) });
  throw err;
}

// Statements by the number the main thread gave their text (sent once).
const statements = new Map<number, SqliteDatabase.Statement>();
const prepared = (textId: number, text: string | undefined) => {
  let statement = statements.get(textId);
  if (statement === undefined) {
    if (text === undefined) throw new Error(`statement ${textId} was never sent`);
    statements.set(textId, (statement = sqlite.prepare(text)));
  }
  return statement;
};
// The first failure: later batches are skipped and the commit turns into a rollback.
let failure: { message: string; code: string | null } | null = null;

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'run') {
    if (failure === null) {
      try {
        for (const s of request.statements) {
          const result = prepared(s.textId, s.sql).run(s.parameters as unknown[]);
          if (s.expectChanges !== undefined && result.changes !== s.expectChanges) {
            failure = { message: s.mismatchMessage ?? `expected ${s.expectChanges} changed rows, got ${result.changes}`, code: 'FUER_CHANGES_MISMATCH' };
            break;
          }
        }
      } catch (err) {
        failure = errorOf(err);
      }
    }
    reply({ kind: 'ran', batch: request.batch, error: failure });
  } else if (request.kind === 'insert') {
    if (failure === null) {
      try {
        const { rows, perStatement, shared } = request;
        for (let from = 0; from < rows.count; from += perStatement) {
          const to = Math.min(rows.count, from + perStatement);
          const text = to - from === perStatement ? request.full : request.rest;
          if (text === null) throw new Error('insert: the text of the last statement is missing');
          const parameters: unknown[] = [...shared];
          unpackInto(rows, from, to, parameters);
          prepared(text.textId, text.sql).run(parameters);
        }
      } catch (err) {
        failure = errorOf(err);
      }
    }
    reply({ kind: 'ran', batch: request.batch, error: failure });
  } else if (request.kind === 'query') {
    const rows: unknown[] = [];
    if (failure === null) {
      try {
        for (const s of request.statements) for (const row of prepared(s.textId, s.sql).all(s.parameters as unknown[])) rows.push(row);
      } catch (err) {
        failure = errorOf(err);
      }
    }
    reply({ kind: 'ran', batch: request.batch, error: failure, rows });
  } else if (request.kind === 'commit') {
    if (failure !== null) {
      sqlite.exec('rollback');
      reply({ kind: 'failed', error: failure });
    } else {
      try {
        sqlite.exec('commit');
        reply({ kind: 'committed' });
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('rollback');
        reply({ kind: 'failed', error: errorOf(err) });
      }
    }
    sqlite.close();
  } else {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    sqlite.close();
    reply({ kind: 'rolledBack' });
  }
});
