/**
 * Where writeDataValues sends its writes: straight to its transaction (every write but the largest), queued on
 * the PostgreSQL connection without waiting (large writes to PostgreSQL), or to an SqliteBulkWriter whose worker
 * thread inserts into an SQLite file while the main thread goes on checking the next region.
 */
import type { Kysely } from 'kysely';
import { appendAuditTuples, compileAuditTuples } from '../../storage/repositories/audit.repository.ts';
import {
  DATA_VALUE_COLUMNS,
  compileDataValueUpdate,
  compileFindDataValues,
  findDataValues,
  insertDataValueTuples,
  toStoredDataValue,
  tupleInsertText,
  tuplesPerInsert,
  updateDataValue,
} from '../../storage/repositories/data-value.repository.ts';
import type { DataValueChange, DataValueStamp, StoredDataValue, ValueQuery } from '../../storage/repositories/data-value.repository.ts';
import type { DataValueRow } from '../../storage/schema/monitoring.schema.ts';
import type { Database } from '../../storage/schema.ts';
import type { SqliteBulkWriter, WriterStatement } from '../../storage/sqlite-bulk-writer.ts';

export interface ValueSink {
  insertValues(rows: readonly unknown[][], stamp: DataValueStamp): Promise<void>;
  /**
   * Updates a value still at `expectedVersion`. False when it moved on; a queued sink cannot tell yet and fails its
   * commit instead, with `lostMessage`.
   */
  updateValue(id: number, expectedVersion: number, change: DataValueChange, lostMessage: () => string): Promise<boolean>;
  appendAudit(rows: readonly unknown[][]): Promise<void>;
  /** Waits for what is still running; throws its first failure. */
  finish(): Promise<void>;
  /**
   * Waits for what is still running, ignoring failures: before a rollback, so that nothing queued runs after it
   * (on PostgreSQL it would run outside the transaction and stay).
   */
  settle(): Promise<void>;
  /** Values as this write sees them, its own writes so far included. */
  readBack(query: ValueQuery): Promise<StoredDataValue[]>;
}

/** Writes a pipelined sink lets run before it waits for the oldest. */
const PIPELINE_DEPTH = 4;

export function directSink(db: Kysely<Database>): ValueSink {
  return {
    insertValues: (rows, stamp) => insertDataValueTuples(db, rows, stamp),
    updateValue: (id, expectedVersion, change) => updateDataValue(db, id, expectedVersion, change),
    appendAudit: (rows) => appendAuditTuples(db, rows),
    finish: async () => undefined,
    settle: async () => undefined,
    readBack: (query) => findDataValues(db, query),
  };
}

/**
 * For a large write to PostgreSQL: inserts are sent without waiting for each (the connection runs them in
 * order), so the server inserts one region while this thread checks the next. A failure is thrown by the next
 * call or by finish; the transaction then rolls back as usual. Updates are awaited (their answer matters).
 */
export function pipelinedSink(db: Kysely<Database>): ValueSink {
  const running: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;
  const check = () => {
    if (failure !== null) throw failure.error;
  };
  const queue = async (work: Promise<void>): Promise<void> => {
    check();
    running.push(work.catch((error: unknown) => void (failure ??= { error })));
    if (running.length > PIPELINE_DEPTH) await running.shift();
    check();
  };
  return {
    insertValues: (rows, stamp) => queue(insertDataValueTuples(db, rows, stamp)),
    async updateValue(id, expectedVersion, change) {
      check();
      return updateDataValue(db, id, expectedVersion, change);
    },
    appendAudit: (rows) => queue(appendAuditTuples(db, rows)),
    async finish() {
      await Promise.all(running.splice(0));
      check();
    },
    async settle() {
      await Promise.all(running.splice(0));
    },
    async readBack(query) {
      await this.finish();
      return findDataValues(db, query);
    },
  };
}

/** `db` (the same SQLite database) only compiles the statements; the writer runs them. */
export function bulkWriterSink(db: Kysely<Database>, writer: SqliteBulkWriter): ValueSink {
  const plain = (statements: readonly { sql: string; parameters: readonly unknown[] }[]): WriterStatement[] =>
    statements.map((s) => ({ sql: s.sql, parameters: s.parameters }));
  return {
    insertValues(rows, stamp) {
      const shared = Object.keys(stamp);
      const perStatement = tuplesPerInsert(db, DATA_VALUE_COLUMNS.length, shared.length);
      const textFor = (n: number) => tupleInsertText('sqlite', 'data_values', DATA_VALUE_COLUMNS, shared, n);
      return writer.insert(rows, DATA_VALUE_COLUMNS.length, perStatement, Object.values(stamp), textFor);
    },
    async updateValue(id, expectedVersion, change, lostMessage) {
      const statement = compileDataValueUpdate(db, id, expectedVersion, change);
      await writer.run([{ sql: statement.sql, parameters: statement.parameters, expectChanges: 1, mismatchMessage: lostMessage() }]);
      return true;
    },
    appendAudit: (rows) => writer.run(plain(compileAuditTuples(db, rows))),
    // The writer's failures come with its commit; a rollback undoes everything it ran.
    finish: async () => undefined,
    settle: async () => undefined,
    async readBack(query) {
      const rows: unknown[] = [];
      for (const statement of compileFindDataValues(db, query)) rows.push(...(await writer.query(plain([statement]))));
      return (rows as DataValueRow[]).map(toStoredDataValue);
    },
  };
}
