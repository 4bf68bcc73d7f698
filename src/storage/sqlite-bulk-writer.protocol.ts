/** Messages between SqliteBulkWriter (main thread) and its worker (sqlite-bulk-writer.worker.ts). */
import type { PackedRows } from './packed-rows.ts';

export interface WriterStartData {
  file: string;
  busyTimeoutMs: number;
  /** PRAGMA cache_size value (negative: KiB). */
  cacheSize: number;
}

export interface WriterStatement {
  sql: string;
  parameters: readonly unknown[];
  /** When set, a different number of changed rows fails the transaction (an optimistic update lost its row). */
  expectChanges?: number;
  mismatchMessage?: string;
}

/** A statement as sent: its text only the first time, then by number (a multi-row INSERT's text is ~20 KB). */
export interface SentStatement {
  textId: number;
  sql?: string;
  parameters: readonly unknown[];
  expectChanges?: number;
  mismatchMessage?: string;
}

export interface SentText {
  textId: number;
  sql?: string;
}

export type WriterRequest =
  | { kind: 'run'; batch: number; statements: SentStatement[] }
  /**
   * Packed rows for multi-row INSERTs of `perStatement` rows (text `full`), the last one shorter (text `rest`); each
   * statement's parameters are `shared` followed by its rows' cells.
   */
  | { kind: 'insert'; batch: number; full: SentText; rest: SentText | null; perStatement: number; shared: unknown[]; rows: PackedRows }
  /** Reads through the writer's transaction: its own writes so far included. */
  | { kind: 'query'; batch: number; statements: SentStatement[] }
  | { kind: 'commit' }
  | { kind: 'rollback' };

export interface WriterError {
  message: string;
  /** SQLite's error code (SQLITE_CONSTRAINT_UNIQUE…), or FUER_CHANGES_MISMATCH. */
  code: string | null;
}

export type WriterReply =
  | { kind: 'ready' }
  | { kind: 'ran'; batch: number; error: WriterError | null; rows?: unknown[] }
  | { kind: 'committed' }
  | { kind: 'rolledBack' }
  | { kind: 'failed'; error: WriterError };
