import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { parseDataCsv } from './csv-parse.ts';
import { formatDataCsv } from './csv-write.ts';
import { seedCatalogue, ZIBO_REGIONS } from './exchange.fixtures.ts';
import { SDMX_COLUMNS, formatSdmxCsv, sdmxAge, sdmxUnit } from './sdmx-csv.ts';

function value(fields: Partial<DataValue> & Pick<DataValue, 'indicatorCode' | 'value'>): DataValue {
  return {
    regionCode: '370303',
    year: 2024,
    disaggregation: { sex: null, ageGroup: null, area: null },
    numerator: null,
    denominator: null,
    source: null,
    note: null,
    status: 'approved',
    version: 1,
    backfilled: false,
    ...fields,
  };
}

const VALUES: DataValue[] = [
  value({ indicatorCode: 'W2.01', disaggregation: { sex: '男', ageGroup: null, area: null }, value: 90, numerator: 450, denominator: 500 }),
  value({ indicatorCode: 'W2.01', value: 90, numerator: 900, denominator: 1000, source: '教育统计年报', note: '=含民办园, "普惠"' }),
  value({ indicatorCode: 'W2.01', disaggregation: { sex: '女', ageGroup: null, area: null }, value: 90, numerator: 450, denominator: 500 }),
  value({ indicatorCode: 'W2.01', disaggregation: { sex: null, ageGroup: null, area: '农村' }, value: 88, numerator: 440, denominator: 500, status: 'submitted' }),
  value({ indicatorCode: 'C1.07', disaggregation: { sex: null, ageGroup: '12—17岁', area: null }, value: 14.2, numerator: 142, denominator: 1000 }),
  value({ indicatorCode: 'C1.12', disaggregation: { sex: null, ageGroup: '初中', area: null }, value: 55, numerator: 550, denominator: 1000 }),
  value({ indicatorCode: 'W1.01', regionCode: '370300-gxq', value: 81.56 }),
  value({ indicatorCode: 'W4.05', regionCode: '370302', value: 2 }),
];

describe('formatDataCsv', () => {
  it('writes the import columns first, in catalogue order, and reads back to the same values', async () => {
    const { indicators } = seedCatalogue();
    const text = formatDataCsv(VALUES, { indicators: [...indicators.values()], regionNames: new Map(ZIBO_REGIONS.map((r) => [r.code, r.name])) });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1)) as string[][];
    expect(rows[0]).toEqual([
      'indicator_code', 'region_code', 'year', 'sex', 'age_group', 'area', 'value', 'numerator', 'denominator', 'note',
      'source', 'status', 'indicator_name', 'region_name', 'unit',
    ]);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[3]}${r[4]}${r[5]}`)).toEqual([
      'W1.01 370300-gxq ', 'W2.01 370303 ', 'W2.01 370303 女', 'W2.01 370303 男', 'W2.01 370303 农村', 'W4.05 370302 ',
      'C1.07 370303 12—17岁', 'C1.12 370303 初中',
    ]);
    // A note that a spreadsheet would run as a formula is guarded with an apostrophe.
    expect(rows[2]?.[9]).toBe(`'=含民办园, "普惠"`);
    expect(rows[2]?.slice(10)).toEqual(['教育统计年报', 'approved', '学前三年毛入园率', '张店区', '%']);

    const { inputs } = await parseDataCsv(text, seedCatalogue(), { maxYear: 2025 });
    const back = inputs.map((i) => `${i.indicatorCode}|${i.regionCode}|${i.sex}|${i.ageGroup}|${i.area}|${i.value}|${i.numerator}|${i.denominator}|${i.source}|${i.note}`);
    const expected = VALUES.map(
      (v) => `${v.indicatorCode}|${v.regionCode}|${v.disaggregation.sex}|${v.disaggregation.ageGroup}|${v.disaggregation.area}|${v.value}|${v.numerator}|${v.denominator}|${v.source}|${v.note}`,
    );
    expect(back.sort()).toEqual(expected.sort());
  });
});

describe('SDMX-CSV', () => {
  it('maps every age group of the catalogue to an SDMX AGE or EDUCATION_LEV code', () => {
    const labels = new Set([...seedCatalogue().indicators.values()].flatMap((i) => i.ageGroups ?? []));
    expect(labels.size).toBeGreaterThan(20);
    for (const label of labels) expect(sdmxAge(label), label).not.toEqual({ age: '_O', education: '_T' });
    expect(sdmxAge('15—24岁')).toEqual({ age: 'Y15T24', education: '_T' });
    expect(sdmxAge('0—4岁')).toEqual({ age: 'Y0T4', education: '_T' });
    expect(sdmxAge('65岁及以上')).toEqual({ age: 'Y_GE65', education: '_T' });
    expect(sdmxAge('不满1岁')).toEqual({ age: 'Y_LT1', education: '_T' });
    expect(sdmxAge('幼儿园')).toEqual({ age: '_T', education: 'ISCED11_02' });
    expect(sdmxAge('高中')).toEqual({ age: '_T', education: 'ISCED11_3' });
    expect(sdmxAge(null)).toEqual({ age: '_T', education: '_T' });
    expect(sdmxAge('孕产妇')).toEqual({ age: '_O', education: '_T' });
  });

  it('maps units', () => {
    expect(['%', '‰', '1/10万', '人', '所', '岁', '小时', '比值', '个/千人', '名/千名儿童'].map(sdmxUnit)).toEqual([
      'PT', 'PER_1000', 'PER_100000', 'NUMBER', 'NUMBER', 'YR', 'HOUR', 'RATIO', 'PER_1000', 'PER_1000',
    ]);
  });

  it('writes SDMX-CSV 2.0 columns and codes: _T for totals, F/M, U/R, A for approved and P for pending values', () => {
    const { indicators } = seedCatalogue();
    const text = formatSdmxCsv([...VALUES, value({ indicatorCode: 'W1.03', value: null })], [...indicators.values()]);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([...SDMX_COLUMNS]);
    expect(header?.slice(0, 3)).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION']);
    const pick = (r: string[]) => [4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((i) => r[i]).join(' ');
    expect(rows.map(pick)).toEqual([
      'W1_01 370300-gxq _T _T _T _T 2024 81.56 YR A',
      'W2_01 370303 _T _T _T _T 2024 90 PT A',
      'W2_01 370303 F _T _T _T 2024 90 PT A',
      'W2_01 370303 M _T _T _T 2024 90 PT A',
      'W2_01 370303 _T _T R _T 2024 88 PT P',
      'W4_05 370302 _T _T _T _T 2024 2 NUMBER A',
      'C1_07 370303 _T Y12T17 _T _T 2024 14.2 PT A',
      'C1_12 370303 _T _T _T ISCED11_2 2024 55 PT A',
    ]);
    for (const r of rows) expect(r.slice(0, 4)).toEqual(['dataflow', 'CN_ZIBO:DF_WOMEN_CHILDREN_MONITORING(1.0)', 'I', 'A']);
    expect(rows[1]?.slice(14)).toEqual(['教育统计年报', '=含民办园, "普惠"']);
  });
});
