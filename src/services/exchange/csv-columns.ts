/**
 * The project's data CSV: a header row, then one value a row. UTF-8, with or without BOM; RFC 4180 quoting.
 *
 *   indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note[,source]
 *
 * sex 女|男, area 城镇|农村, age_group one of the indicator's age groups; blank means the total over that
 * dimension. value may be left blank when numerator and denominator are given (it is then computed with the
 * indicator's scale); numerator and denominator may be blank when value is given.
 */
export const REQUIRED_COLUMNS = [
  'indicator_code',
  'region_code',
  'year',
  'sex',
  'age_group',
  'area',
  'value',
  'numerator',
  'denominator',
  'note',
] as const;

export const OPTIONAL_COLUMNS = ['source'] as const;

/** Written by the export for people reading the file; accepted and ignored on import (status comes from the importer). */
export const INFORMATIVE_COLUMNS = ['status', 'indicator_name', 'region_name', 'unit'] as const;

export type DataColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
export type CsvColumn = DataColumn | (typeof INFORMATIVE_COLUMNS)[number];

/** Column order of an export: the required columns in their documented order, then the others. */
export const EXPORT_COLUMNS: readonly CsvColumn[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...INFORMATIVE_COLUMNS];

const KNOWN = new Set<string>(EXPORT_COLUMNS);

export function isKnownColumn(name: string): name is CsvColumn {
  return KNOWN.has(name);
}

/**
 * A text cell as a spreadsheet would not run it: a leading = + - @ gets an apostrophe (CSV formula injection,
 * OWASP). `unguardText` removes it again on import, so notes round-trip.
 */
export function guardText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function unguardText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
