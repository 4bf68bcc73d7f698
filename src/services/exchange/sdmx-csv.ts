import { stringify } from 'csv-stringify/sync';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { COUNT_UNITS } from '../../core/monitoring/validation-rules.ts';
import { sortForExport } from './csv-write.ts';

/*
 * SDMX-CSV 2.0 (SDMX 3.0 data message in CSV), with the dimensions of the UN SDG data structure
 * (IAEG-SDGs DSD_SDG) that the platform's values have. Mapping, also in README-exchange.md:
 *
 *   STRUCTURE       dataflow
 *   STRUCTURE_ID    SDMX_DATAFLOW below (agency:id(version))
 *   ACTION          I (information: the full set of the year, nothing is deleted)
 *   FREQ            A (annual)
 *   SERIES          the indicator code with '.' → '_' (W1.03 → W1_03): SDMX ids allow no dots
 *   REF_AREA        the GB/T 2260 region code (370303), functional zones their configured code (370300-gxq)
 *   SEX             女 → F, 男 → M, total → _T
 *   AGE             “15—24岁” → Y15T24, “60岁及以上” → Y_GE60, “不满1岁”/“1岁以下” → Y_LT1, total → _T;
 *                   school levels (幼儿园, 小学, 初中, 高中) are not ages: AGE _T and EDUCATION_LEV below;
 *                   any other label → _O (other)
 *   URBANISATION    城镇 → U, 农村 → R, total → _T
 *   EDUCATION_LEV   幼儿园 → ISCED11_02, 小学 → ISCED11_1, 初中 → ISCED11_2, 高中 → ISCED11_3, otherwise _T
 *   TIME_PERIOD     the data year
 *   OBS_VALUE       the value (numerator and denominator have no place in the DSD and are not exported)
 *   UNIT_MEASURE    % → PT, ‰ → PER_1000, 1/10万 → PER_100000, counts (人 名 所 …) → NUMBER, 岁/年 → YR,
 *                   小时 → HOUR, 比值 → RATIO, per-1,000 population units (个/千人, 名/千名儿童 …) → PER_1000
 *   OBS_STATUS      A (normal) for approved values, P (provisional) for values not yet approved
 *   SOURCE_DETAIL   the value's source
 *   COMMENT_OBS     the value's note
 */
export const SDMX_DATAFLOW = 'CN_ZIBO:DF_WOMEN_CHILDREN_MONITORING(1.0)';

export const SDMX_COLUMNS = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'FREQ',
  'SERIES',
  'REF_AREA',
  'SEX',
  'AGE',
  'URBANISATION',
  'EDUCATION_LEV',
  'TIME_PERIOD',
  'OBS_VALUE',
  'UNIT_MEASURE',
  'OBS_STATUS',
  'SOURCE_DETAIL',
  'COMMENT_OBS',
] as const;

const EDUCATION_LEVELS: Readonly<Record<string, string>> = {
  幼儿园: 'ISCED11_02',
  学前: 'ISCED11_02',
  小学: 'ISCED11_1',
  初中: 'ISCED11_2',
  高中: 'ISCED11_3',
};

/** SERIES code of an indicator code: SDMX ids are [A-Za-z0-9_@$-]. */
export function sdmxSeries(indicatorCode: string): string {
  return indicatorCode.replace(/[^A-Za-z0-9_@$-]/g, '_');
}

/** AGE and EDUCATION_LEV codes of an age group label (null = total). */
export function sdmxAge(ageGroup: string | null): { age: string; education: string } {
  if (ageGroup === null) return { age: '_T', education: '_T' };
  const label = ageGroup.normalize('NFKC').replace(/\s/g, '');
  const education = EDUCATION_LEVELS[label];
  if (education !== undefined) return { age: '_T', education };
  // Ranges are written 15—24岁, 15-24岁, 15～24岁 or 15至24岁.
  const range = /^(\d+)(?:岁)?[—–\-~～至到](\d+)岁$/.exec(label);
  if (range) return { age: `Y${Number(range[1])}T${Number(range[2])}`, education: '_T' };
  const atLeast = /^(\d+)岁(?:及|以)以?上$/.exec(label) ?? /^(\d+)岁\+$/.exec(label);
  if (atLeast) return { age: `Y_GE${Number(atLeast[1])}`, education: '_T' };
  const below = /^(?:不满|未满)(\d+)(?:周)?岁$/.exec(label) ?? /^(\d+)岁以下$/.exec(label);
  if (below) return { age: `Y_LT${Number(below[1])}`, education: '_T' };
  return { age: '_O', education: '_T' };
}

export function sdmxUnit(unit: string): string {
  if (unit === '%') return 'PT';
  if (unit === '‰') return 'PER_1000';
  if (unit === '1/10万') return 'PER_100000';
  if (COUNT_UNITS.has(unit)) return 'NUMBER';
  if (unit === '岁' || unit === '年') return 'YR';
  if (unit === '小时') return 'HOUR';
  if (unit === '比值') return 'RATIO';
  if (/\/千/.test(unit)) return 'PER_1000';
  if (/\/万/.test(unit)) return 'PER_10000';
  return unit === '' ? '_Z' : 'NUMBER';
}

export const sdmxSex = (sex: DataValue['disaggregation']['sex']): string => (sex === '女' ? 'F' : sex === '男' ? 'M' : '_T');

export const sdmxUrbanisation = (area: DataValue['disaggregation']['area']): string => (area === '城镇' ? 'U' : area === '农村' ? 'R' : '_T');

/** SDMX-CSV 2.0 of the values (no BOM: statistical tools read plain UTF-8). Values without a number are left out. */
export function formatSdmxCsv(values: readonly DataValue[], indicators: readonly IndicatorDefinition[]): string {
  const byCode = new Map(indicators.map((i) => [i.code, i] as const));
  const rows: string[][] = [];
  for (const v of sortForExport(values, indicators)) {
    if (v.value === null) continue;
    const { age, education } = sdmxAge(v.disaggregation.ageGroup);
    rows.push([
      'dataflow',
      SDMX_DATAFLOW,
      'I',
      'A',
      sdmxSeries(v.indicatorCode),
      v.regionCode,
      sdmxSex(v.disaggregation.sex),
      age,
      sdmxUrbanisation(v.disaggregation.area),
      education,
      String(v.year),
      String(v.value),
      sdmxUnit(byCode.get(v.indicatorCode)?.unit ?? ''),
      v.status === 'approved' ? 'A' : 'P',
      v.source ?? '',
      v.note ?? '',
    ]);
  }
  return stringify([[...SDMX_COLUMNS], ...rows], { bom: false, record_delimiter: 'unix' });
}
