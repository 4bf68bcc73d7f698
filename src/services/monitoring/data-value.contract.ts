/**
 * The one way monitoring values enter storage, whatever their origin (form grid, Excel upload, CSV import,
 * CLI, API). Implemented in data-value.service.ts; the Excel/CSV exchange calls it too.
 */
import type { Actor } from '../../core/access/actor.types.ts';
import type { Area, DataValueStatus, Sex } from '../../core/monitoring/data-value.types.ts';
import type { ValidationIssue, ValidationIssueCode } from '../../core/monitoring/validation-rule.types.ts';

export interface DataValueInput {
  indicatorCode: string;
  regionCode: string;
  year: number;
  sex: Sex | null;
  ageGroup: string | null;
  area: Area | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source?: string | null;
  note?: string | null;
  /** Optimistic locking: the version the writer last saw (omit for imports, which overwrite knowingly). */
  expectedVersion?: number;
  /** Where the input came from, for error messages: e.g. { sheet: '数据', row: 12, column: 'F' } or { line: 7 }. */
  location?: { file?: string; sheet?: string; row?: number; column?: string; line?: number };
}

export type DataValueOrigin = 'form' | 'excel' | 'csv' | 'cli' | 'api';

export interface WriteDataValuesOptions {
  origin: DataValueOrigin;
  /** Status the written values get: 'draft' for form saves, 'submitted' / 'approved' for imports by operators. */
  status: Extract<DataValueStatus, 'draft' | 'submitted' | 'approved'>;
  /** Why (required to change an approved value: an unlock reason). Stored in the audit log. */
  reason?: string;
  /** Entered after its round (2015–2020 baselines, missing years): 补录. */
  backfilled?: boolean;
}

export interface WriteDataValuesResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Non-blocking issues (warnings) the caller may show. */
  warnings: ValidationIssue[];
}

/**
 * Problems beyond validation that also reject a batch: the region does not exist, the year is not a data year,
 * the actor may not write this value or give it this status, the value is approved and locked, its form is
 * submitted or approved, its round is closed.
 */
export type WriteIssueCode = 'unknown_region' | 'invalid_year' | 'access_denied' | 'status_denied' | 'locked' | 'form_locked' | 'round_closed';

/** A validation issue, or one of the write problems above, with where the input came from. */
export type DataValueIssue = Omit<ValidationIssue, 'code'> & {
  code: ValidationIssueCode | WriteIssueCode;
  /** The data year of the value concerned. */
  year?: number;
  location?: DataValueInput['location'];
};

/**
 * Thrown when anything in the batch is wrong: nothing of the batch is written.
 * `issues` name each problem with its location; `message` is a Chinese summary.
 */
export class DataValueRejectedError extends Error {
  constructor(
    message: string,
    readonly issues: DataValueIssue[],
  ) {
    super(message);
    this.name = 'DataValueRejectedError';
  }
}

/** Thrown when expectedVersion no longer matches: someone else changed the value meanwhile. */
export class DataValueConflictError extends Error {
  constructor(
    message: string,
    readonly conflicts: { indicatorCode: string; regionCode: string; year: number; cellKey: string; expectedVersion: number; actualVersion: number }[],
  ) {
    super(message);
    this.name = 'DataValueConflictError';
  }
}

/*
 * Signature implemented by data-value.service.ts:
 *   writeDataValues(db: Kysely<Database>, actor: Actor, inputs: DataValueInput[], options: WriteDataValuesOptions)
 *     : Promise<WriteDataValuesResult>
 * One transaction; checks access per value (a county writes only its region, a department only its indicators);
 * validates with src/core/monitoring (rules from storage); writes the audit log (who, when, before, after, why).
 */
export type WriteDataValues = (
  db: unknown,
  actor: Actor,
  inputs: DataValueInput[],
  options: WriteDataValuesOptions,
) => Promise<WriteDataValuesResult>;
