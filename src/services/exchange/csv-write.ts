import { stringify } from 'csv-stringify/sync';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey, gridCells } from '../../core/monitoring/disaggregation.ts';
import { EXPORT_COLUMNS, guardText } from './csv-columns.ts';
import type { CsvColumn } from './csv-columns.ts';

export interface ExportContext {
  /** The catalogue in its order (women's plan first, by domain and code): the export's row order follows it. */
  indicators: readonly IndicatorDefinition[];
  /** Region code → name. */
  regionNames: ReadonlyMap<string, string>;
}

/** Rows in a reader's order: indicator (catalogue order), region code, year, then the cell as the grid shows it. */
export function sortForExport<T extends DataValue>(values: readonly T[], indicators: readonly IndicatorDefinition[]): T[] {
  const indicatorRank = new Map(indicators.map((ind, i) => [ind.code, i] as const));
  const cellRank = new Map<string, number>();
  for (const ind of indicators) gridCells(ind).forEach((cell, i) => cellRank.set(`${ind.code}\u0000${disaggregationKey(cell)}`, i));
  const keyed = values.map((v) => {
    const key = disaggregationKey(v.disaggregation);
    return { v, ind: indicatorRank.get(v.indicatorCode) ?? indicators.length, cell: cellRank.get(`${v.indicatorCode}\u0000${key}`) ?? 1000, key };
  });
  keyed.sort(
    (a, b) =>
      a.ind - b.ind ||
      (a.v.regionCode < b.v.regionCode ? -1 : a.v.regionCode > b.v.regionCode ? 1 : 0) ||
      a.v.year - b.v.year ||
      a.cell - b.cell ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return keyed.map((k) => k.v);
}

const numberText = (x: number | null): string => (x === null ? '' : String(x));

/**
 * The project's CSV of the values (see csv-columns.ts): the columns the import reads, then status and names for
 * people. UTF-8 with a BOM by default, so that Excel on a Chinese Windows opens it without garbling (the import
 * accepts the BOM). Text cells that a spreadsheet would run as a formula get a leading apostrophe.
 */
export function formatDataCsv(values: readonly DataValue[], context: ExportContext, options: { bom?: boolean } = {}): string {
  const units = new Map(context.indicators.map((i) => [i.code, i] as const));
  const rows = sortForExport(values, context.indicators).map((v) => {
    const row: Record<CsvColumn, string> = {
      indicator_code: v.indicatorCode,
      region_code: v.regionCode,
      year: String(v.year),
      sex: v.disaggregation.sex ?? '',
      age_group: v.disaggregation.ageGroup ?? '',
      area: v.disaggregation.area ?? '',
      value: numberText(v.value),
      numerator: numberText(v.numerator),
      denominator: numberText(v.denominator),
      note: guardText(v.note ?? ''),
      source: guardText(v.source ?? ''),
      status: v.status,
      indicator_name: units.get(v.indicatorCode)?.name ?? '',
      region_name: context.regionNames.get(v.regionCode) ?? '',
      unit: units.get(v.indicatorCode)?.unit ?? '',
    };
    return EXPORT_COLUMNS.map((c) => row[c]);
  });
  return stringify([EXPORT_COLUMNS as string[], ...rows], { bom: options.bom ?? true, record_delimiter: 'unix' });
}
