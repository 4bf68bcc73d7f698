import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canRead } from '../../core/access/policies.ts';
import type { DataValueStatus } from '../../core/monitoring/data-value.types.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { loadReportingCatalogue, regionNames } from '../../storage/repositories/round.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { valueResource } from '../monitoring/monitoring-context.ts';
import { formatDataCsv } from './csv-write.ts';
import { formatSdmxCsv } from './sdmx-csv.ts';

export type ExportFormat = 'csv' | 'sdmx';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'sdmx'];
export const VALUE_STATUSES: readonly DataValueStatus[] = ['draft', 'submitted', 'approved', 'returned'];

export interface DataExportOptions {
  year: number;
  format: ExportFormat;
  /** Statuses exported; default approved only (the figures that stand). */
  statuses?: readonly DataValueStatus[];
  /** Project CSV only: UTF-8 BOM (default true, for Excel). */
  bom?: boolean;
}

export interface DataExport {
  text: string;
  /** Values written. */
  count: number;
  contentType: string;
  fileName: string;
}

/**
 * A year's values as the project's CSV or as SDMX-CSV, with the values the actor may read (operators and viewers:
 * all; reporters and reviewers: their region's or department's).
 */
export async function exportDataValues(db: Kysely<Database>, actor: Actor, options: DataExportOptions): Promise<DataExport> {
  const statuses = options.statuses ?? ['approved'];
  const catalogue = await loadReportingCatalogue(db);
  const reporter = new Map(catalogue.map((i) => [i.definition.code, i.reportingDepartmentId] as const));
  const values = (await findDataValues(db, { years: [options.year], statuses })).filter(
    (v) =>
      (v.value !== null || v.numerator !== null || v.denominator !== null) &&
      canRead(actor, valueResource(v.indicatorCode, v.regionCode, reporter.get(v.indicatorCode) ?? null)),
  );
  const indicators = catalogue.map((i) => i.definition);
  const statusPart = statuses.length === VALUE_STATUSES.length ? '' : `-${[...statuses].sort().join('+')}`;
  if (options.format === 'sdmx') {
    const text = formatSdmxCsv(values, indicators);
    return {
      text,
      count: values.filter((v) => v.value !== null).length,
      contentType: 'application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8',
      fileName: `fuer-${options.year}${statusPart}-sdmx.csv`,
    };
  }
  const names = await regionNames(db, values.map((v) => v.regionCode));
  const text = formatDataCsv(values, { indicators, regionNames: names }, { bom: options.bom ?? true });
  return { text, count: values.length, contentType: 'text/csv; charset=utf-8', fileName: `fuer-${options.year}${statusPart}.csv` };
}
