import type { Kysely } from 'kysely';
import { scheduleEvaluationWarmup } from '../evaluation/evaluation-warmup.service.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { cellLabel, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { Database } from '../../storage/schema.ts';
import { DataValueRejectedError } from '../monitoring/data-value.contract.ts';
import type { DataValueInput, DataValueIssue, DataValueOrigin, WriteDataValuesOptions, WriteDataValuesResult } from '../monitoring/data-value.contract.ts';
import { writeDataValueStream } from '../monitoring/data-value.service.ts';
import { readDataCsv } from './csv-parse.ts';
import type { CsvSource, ParsedCsv } from './csv-parse.ts';
import { loadExchangeCatalogue } from './exchange-catalogue.ts';
import { ExchangeError, MAX_LISTED_ISSUES } from './exchange-error.ts';
import type { ExchangeIssue } from './exchange-error.ts';

export interface CsvImportOptions {
  /** The file's name, for messages and each value's location. */
  file?: string;
  /** 'approved' (default: an operator's import enters figures that stand) or 'submitted' (left for review). */
  status?: Extract<WriteDataValuesOptions['status'], 'approved' | 'submitted'>;
  /** Default 'csv'; the command line passes 'cli'. */
  origin?: DataValueOrigin;
  /** Why: required to change values that are approved (kept in the audit log). */
  reason?: string;
  /** Mark the values as back-filled (补录), e.g. 2015–2020 baselines. Default: decided per value by its round. */
  backfilled?: boolean;
}

export interface CsvImportResult extends WriteDataValuesResult {
  /** Rows read (values in the file). */
  values: number;
  /** Milliseconds spent reading the file and writing the values. */
  parseMs: number;
  writeMs: number;
}

function valueLabel(issue: DataValueIssue): string {
  let cell = issue.cellKey;
  try {
    cell = cellLabel(parseDisaggregationKey(issue.cellKey));
  } catch {
    // keep the key as it is
  }
  return [`指标${issue.indicatorCode}`, issue.regionCode === null ? null : `地区${issue.regionCode}`, issue.year === undefined ? null : `${issue.year}年`, cell]
    .filter((p) => p !== null)
    .join('，');
}

/** A rejection of writeDataValues as a rejection of the file: every issue at its row and column. */
export function fileRejection(error: DataValueRejectedError, what: string, place: (issue: DataValueIssue) => ExchangeIssue['location']): ExchangeError {
  const issues = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const location = place(issue);
    // Without a row (e.g. parts that no longer add up to a stored total), say which value it is about.
    return { location, message: location === null ? `${valueLabel(issue)}：${issue.message}` : issue.message };
  });
  issues.sort((a, b) => (a.location?.row ?? 0) - (b.location?.row ?? 0));
  return new ExchangeError(`${what}未导入：发现${error.issues.length}处错误，请全部改正后重新导入（文件中的数据均未写入）`, issues, error.issues.length);
}

/**
 * Imports the project's CSV: the whole file or nothing. Parse errors and rule errors of the file are listed
 * together (ExchangeError); values that pass go to writeDataValues in one transaction, which checks access,
 * locks and rules again and writes the audit log; its rejection comes back as an ExchangeError too, each problem
 * at its row and column.
 */
export async function importDataCsv(db: Kysely<Database>, actor: Actor, source: CsvSource, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const what = options.file === undefined ? 'CSV 文件' : `文件“${options.file}”`;
  const started = performance.now();
  const catalogue = await loadExchangeCatalogue(db);
  const reading = readDataCsv(source, catalogue, {
    ...(options.file === undefined ? {} : { file: options.file }),
    checkRules: 'with-errors',
  });
  // The values are checked and written while the file is read; reading time is what the reader itself takes.
  let parsed: ParsedCsv | null = null;
  let parseMs = 0;
  async function* batches(): AsyncGenerator<DataValueInput[]> {
    for (;;) {
      const t = performance.now();
      const next = await reading.next();
      parseMs += performance.now() - t;
      if (next.done === true) {
        parsed = next.value;
        return;
      }
      yield next.value;
    }
  }
  const writeOptions: WriteDataValuesOptions = { origin: options.origin ?? 'csv', status: options.status ?? 'approved' };
  if (options.reason !== undefined) writeOptions.reason = options.reason;
  if (options.backfilled !== undefined) writeOptions.backfilled = options.backfilled;
  try {
    const result = await writeDataValueStream(db, actor, batches(), writeOptions);
    const done = parsed as ParsedCsv | null;
    if (done === null) throw new Error('CSV reading ended without a result');
    // Committed: approved values change the stored evaluation of their years, recomputed in the background.
    if (writeOptions.status === 'approved') scheduleEvaluationWarmup(db, new Set(done.inputs.map((i) => i.year)));
    const total = performance.now() - started;
    return { ...result, values: done.inputs.length, parseMs, writeMs: total - parseMs };
  } catch (err) {
    if (err instanceof DataValueRejectedError && parsed !== null) {
      const { locate } = parsed as ParsedCsv;
      throw fileRejection(err, what, (issue) => (issue.location?.row === undefined ? null : locate(issue.location.row, issue.field)));
    }
    throw err;
  }
}
