/**
 * A second connection to an SQLite database file, on a worker thread, for the writes of one large import.
 *
 * better-sqlite3 runs every statement on the calling thread, so a million-value import spent its time in turns:
 * reading and checking values, then SQLite inserting them, while the second core idled. With this writer the main
 * thread keeps reading, checking and planning while the worker inserts what was already planned.
 *
 * All or nothing, and consistent: the worker takes the write lock (BEGIN IMMEDIATE) before the main thread starts
 * its reading transaction, so nothing can be committed by anyone else between what the main thread reads and what
 * the worker writes (WAL: the reads see the last commit, and only the worker can add one). The main thread ends
 * its reading transaction before asking the worker to commit. Any failure rolls the worker's transaction back.
 * Only used on a file database in WAL mode, outside a caller's transaction (see bulkWriteFile).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packRows } from './packed-rows.ts';
import type { SentStatement, SentText, WriterError, WriterReply, WriterRequest, WriterStartData, WriterStatement } from './sqlite-bulk-writer.protocol.ts';

export type { WriterStatement };

/**
 * Batches sent but not yet run before `run` waits (each is up to a few thousand rows, ~1 MB): deep enough that
 * the main thread is rarely held up by a slow stretch of the worker, shallow enough to bound the memory queued.
 */
const MAX_IN_FLIGHT = 48;

export class SqliteBulkWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'SqliteBulkWriteError';
  }
}

const toError = (e: WriterError) => new SqliteBulkWriteError(e.message, e.code);

/**
 * The worker runs TypeScript like the rest of the platform: a tiny bootstrap registers tsx in the worker (loader
 * hooks of the main thread do not reach workers on Node 20) and then imports the worker module.
 */
function startWorker(data: WriterStartData): Worker {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL('./sqlite-bulk-writer.worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export class SqliteBulkWriter {
  private nextBatch = 0;
  private readonly waiting = new Map<number, (rows: unknown[]) => void>();
  private inFlight = 0;
  private failure: SqliteBulkWriteError | null = null;
  private final: ((reply: WriterReply) => void) | null = null;
  private ended = false;
  private readonly textIds = new Map<string, number>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WriterReply) => this.receive(reply));
    const crash = (err: Error) => {
      this.failure ??= new SqliteBulkWriteError(`写入线程异常退出：${err.message}`, null);
      this.receive({ kind: 'failed', error: { message: this.failure.message, code: null } });
    };
    worker.on('error', crash);
    worker.on('exit', (code) => {
      if (!this.ended) crash(new Error(`exit code ${code}`));
    });
  }

  /** Opens the connection and takes the write lock (waiting up to busyTimeoutMs for another writer). */
  static async open(file: string, options: { busyTimeoutMs?: number; cacheSize?: number } = {}): Promise<SqliteBulkWriter> {
    const worker = startWorker({ file, busyTimeoutMs: options.busyTimeoutMs ?? 5000, cacheSize: options.cacheSize ?? -65536 });
    const first = await new Promise<WriterReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (first.kind !== 'ready') {
      await worker.terminate();
      throw first.kind === 'failed' ? toError(first.error) : new Error(`unexpected reply ${first.kind}`);
    }
    return new SqliteBulkWriter(worker);
  }

  private receive(reply: WriterReply): void {
    if (reply.kind === 'ran') {
      if (reply.error !== null) this.failure ??= toError(reply.error);
      this.inFlight--;
      const wake = this.waiting.get(reply.batch);
      this.waiting.delete(reply.batch);
      wake?.(reply.rows ?? []);
      return;
    }
    if (reply.kind === 'failed') this.failure ??= toError(reply.error);
    // A failure wakes everyone up: the next call throws it.
    for (const wake of this.waiting.values()) wake([]);
    this.waiting.clear();
    const final = this.final;
    this.final = null;
    final?.(reply);
  }

  /** Queues statements to run in order; waits only while too many batches are queued. Throws the first failure. */
  async run(statements: WriterStatement[]): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('SqliteBulkWriter is closed');
    if (statements.length === 0) return;
    const batch = this.nextBatch++;
    this.inFlight++;
    this.worker.postMessage({ kind: 'run', batch, statements: this.send(statements) } satisfies WriterRequest);
    await this.holdBack(batch);
  }

  /**
   * Inserts rows with multi-row INSERTs: `textFor(n)` is the statement for n rows, whose parameters are `shared`
   * then the n rows' cells. The rows travel packed (packed-rows.ts). Waits like `run`.
   */
  async insert(rows: readonly (readonly unknown[])[], width: number, perStatement: number, shared: unknown[], textFor: (n: number) => string): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('SqliteBulkWriter is closed');
    if (rows.length === 0) return;
    const packed = packRows(rows, width);
    const restCount = rows.length % perStatement;
    const batch = this.nextBatch++;
    this.inFlight++;
    const request: WriterRequest = {
      kind: 'insert',
      batch,
      full: this.text(textFor(perStatement)),
      rest: restCount === 0 ? null : this.text(textFor(restCount)),
      perStatement,
      shared,
      rows: packed,
    };
    this.worker.postMessage(request, [packed.kinds.buffer, packed.numbers.buffer]);
    await this.holdBack(batch);
  }

  private async holdBack(batch: number): Promise<void> {
    if (this.inFlight > MAX_IN_FLIGHT) {
      // Wait for the oldest unanswered batch.
      const oldest = batch - this.inFlight + 1;
      await new Promise<void>((resolve) => this.waiting.set(oldest, () => resolve()));
    }
    if (this.failure !== null) throw this.failure;
  }

  /** A statement text by number, with the text itself the first time. */
  private text(sql: string): SentText {
    const known = this.textIds.get(sql);
    if (known !== undefined) return { textId: known };
    const textId = this.textIds.size;
    this.textIds.set(sql, textId);
    return { textId, sql };
  }

  /** Rows of the given SELECTs as the writer's transaction sees them (after everything run before). */
  async query(statements: WriterStatement[]): Promise<unknown[]> {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('SqliteBulkWriter is closed');
    const batch = this.nextBatch++;
    this.inFlight++;
    const rows = await new Promise<unknown[]>((resolve) => {
      this.waiting.set(batch, resolve);
      this.worker.postMessage({ kind: 'query', batch, statements: this.send(statements) } satisfies WriterRequest);
    });
    if (this.failure !== null) throw this.failure;
    return rows;
  }

  private send(statements: WriterStatement[]): SentStatement[] {
    return statements.map((s): SentStatement => {
      const out: SentStatement = { ...this.text(s.sql), parameters: s.parameters };
      if (s.expectChanges !== undefined) out.expectChanges = s.expectChanges;
      if (s.mismatchMessage !== undefined) out.mismatchMessage = s.mismatchMessage;
      return out;
    });
  }

  private async finish(request: WriterRequest): Promise<WriterReply> {
    if (this.ended) return { kind: 'rolledBack' };
    this.ended = true;
    const reply = await new Promise<WriterReply>((resolve) => {
      this.final = resolve;
      this.worker.postMessage(request);
    });
    await this.worker.terminate();
    return reply;
  }

  /** Commits everything run so far; throws (having rolled back) if any statement failed. */
  async commit(): Promise<void> {
    if (this.ended) throw new Error('SqliteBulkWriter is closed');
    const reply = await this.finish({ kind: 'commit' });
    if (reply.kind === 'failed') throw toError(reply.error);
    if (reply.kind !== 'committed') throw this.failure ?? new Error(`unexpected reply ${reply.kind}`);
  }

  /** Undoes everything; safe to call after commit or twice. */
  async rollback(): Promise<void> {
    await this.finish({ kind: 'rollback' });
  }
}
