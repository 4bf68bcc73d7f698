import { describe, expect, it } from 'vitest';
import { parseDataCsv } from './csv-parse.ts';
import { ExchangeError } from './exchange-error.ts';
import { seedCatalogue } from './exchange.fixtures.ts';

const HEADER = 'indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note';

async function parse(text: string | Uint8Array | AsyncIterable<Uint8Array>, maxYear = 2025) {
  return parseDataCsv(text, seedCatalogue(), { file: 'data.csv', maxYear });
}

async function rejection(text: string | Uint8Array): Promise<ExchangeError> {
  const error = await parse(text).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}

describe('parseDataCsv: a good file', () => {
  it('reads every row, computes a rate from numerator and denominator with the scale, keeps quoted text', async () => {
    const text = [
      HEADER,
      'W2.01,370302,2024,,,,92.5,925,1000,',
      'W2.01,370302,2024,女,,,,450,480,只填分子分母',
      'W2.01,370302,2024,男,,城镇,93,,,',
      'W1.03,370303,2024,,,农村,,3,41000,',
      'C1.07,370300,2023,合计,6—11岁,,"１２．５",,,"含逗号,和""引号"""',
      'W4.05,370304,2022,,,,2,,,"多行',
      '备注"',
      '',
    ].join('\n');
    const { inputs, locate } = await parse(text);
    expect(inputs).toHaveLength(6);
    expect(inputs[0]).toMatchObject({ indicatorCode: 'W2.01', regionCode: '370302', year: 2024, sex: null, ageGroup: null, area: null, value: 92.5, numerator: 925, denominator: 1000, note: null });
    // 450 ÷ 480 × 100 = 93.75 (the indicator's scale is 100; two decimals kept).
    expect(inputs[1]).toMatchObject({ sex: '女', value: 93.75, numerator: 450, denominator: 480, note: '只填分子分母' });
    expect(inputs[2]).toMatchObject({ sex: '男', area: '城镇', value: 93, numerator: null, denominator: null });
    // 3 ÷ 41,000 × 100,000 = 7.317… → 7.32 per 100,000.
    expect(inputs[3]).toMatchObject({ indicatorCode: 'W1.03', area: '农村', value: 7.32 });
    expect(inputs[4]).toMatchObject({ sex: null, ageGroup: '6—11岁', value: 12.5, note: '含逗号,和"引号"' });
    expect(inputs[5]).toMatchObject({ value: 2, note: '多行\n备注' });
    expect(inputs[5]?.location).toEqual({ file: 'data.csv', row: 7 });
    expect(locate(3, 'numerator')).toEqual({ file: 'data.csv', row: 3, column: '8', field: 'numerator' });
  });

  it('accepts a BOM, CRLF line ends, an optional source column and informative columns', async () => {
    const text = `\uFEFF${HEADER},source,indicator_name,status\r\nW1.07,370300,2024,,,,0.5,,,,妇幼年报,艾滋病母婴传播率,submitted\r\n`;
    const { inputs } = await parse(text);
    expect(inputs).toEqual([
      expect.objectContaining({ indicatorCode: 'W1.07', value: 0.5, source: '妇幼年报', note: null }),
    ]);
  });

  it('decodes UTF-8 split across chunks (streamed input)', async () => {
    const bytes = new TextEncoder().encode(`${HEADER}\nW2.01,370302,2024,女,,,90,,,备注文字\n`);
    async function* chunks() {
      // 7-byte pieces cut 女 and 备注文字 in the middle of their UTF-8 sequences.
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const { inputs } = await parse(chunks());
    expect(inputs[0]).toMatchObject({ sex: '女', value: 90, note: '备注文字' });
  });

  it('strips the apostrophe that guards a formula-like note, and only that', async () => {
    const { inputs } = await parse(`${HEADER}\nW2.01,370302,2024,,,,90,,,'=较上年-2\nW2.01,370303,2024,,,,90,,,'普通`);
    expect(inputs.map((i) => i.note)).toEqual(['=较上年-2', "'普通"]);
  });
});

describe('parseDataCsv: every error kind, with row and column', () => {
  it('lists all problems of the file in row order and accepts nothing', async () => {
    const text = [
      HEADER, // row 1
      'W9.99,370302,2024,,,,50,,,', // 2: unknown indicator
      'W2.01,张店区,2024,,,,50,,,', // 3: region given by name
      'W2.01,370302,24,,,,50,,,', // 4: bad year
      'W2.01,370302,2031,,,,50,,,', // 5: future year
      'W2.01,370302,2024,F,,,50,,,', // 6: sex not 女/男
      'W2.01,370303,2024,,,,120,,,', // 7: a % of 120
      'W2.01,370304,2024,,,,十二,,,', // 8: text in a number field
      'W2.01,370305,2024,,,,50,,,', // 9
      'W2.01,370305,2024,合计,,,51,,,', // 10: duplicate of row 9
      'W2.01,370306,2024,,,,,30,,', // 11: numerator without denominator
      'W2.01,370321,2024,,0—5岁,,50,,,', // 12: not an age group of the indicator
      'W2.01,370322,2024,,,,80,30,40,', // 13: value ≠ 30 ÷ 40 × 100
      'W2.01,370323,2024,,,,,,,', // 14: no value at all
      'W2.01,370323,2024,,,', // 15: too few columns (6)
    ].join('\n');
    const error = await rejection(text);
    expect(error.lines()).toEqual([
      '第2行，第1列（indicator_code）：指标代码“W9.99”不存在',
      '第3行，第2列（region_code）：地区代码“张店区”不存在（张店区的代码是370303）',
      '第4行，第3列（year）：年份“24”无效，应为四位数字的年份（如2024）',
      '第5行，第3列（year）：年份2031超出范围（1949—2025年）',
      '第6行，第4列（sex）：性别“F”无效，应为女、男或留空（合计）',
      '第7行，第7列（value）：占比为120%，超出允许范围0—100%',
      '第8行，第7列（value）：“十二”不是有效的数字，请填写数字（如1,234.5）；无数据请留空',
      '第10行：与第9行重复：同一指标、地区、年份和分组只能有一行',
      '第11行，第9列（denominator）：只填写了分子：请同时填写分母，或直接填写数值',
      '第12行，第5列（age_group）：该指标不分年龄组统计',
      expect.stringMatching(/^第13行，第7列（value）：数值（80%）与分子÷分母×100（30÷40×100=75%）不一致/),
      '第14行，第7列（value）：缺少数值：请填写数值，或同时填写分子和分母',
      '第15行：本行有6列，表头有10列：列数应与表头一致（字段中的逗号须用双引号括起）',
    ]);
    expect(error.total).toBe(13);
    expect(error.message).toContain('文件“data.csv”未导入：发现13处错误');
  });

  it('checks that parts add up to the total (numerators and denominators of a rate)', async () => {
    const text = [
      HEADER,
      'W2.03,370302,2024,,,,90.91,100,110,',
      'W2.03,370302,2024,女,,,90.91,50,55,',
      'W2.03,370302,2024,男,,,72.73,40,55,',
    ].join('\n');
    const error = await rejection(text);
    expect(error.lines()).toEqual(['第2行，第8列（numerator）：分子：女+男（90）≠合计（100）']);
  });

  it('finds duplicates however far apart, and only of the same indicator, region, year and cell', async () => {
    const text = [
      HEADER, // row 1
      'W2.01,370302,2024,,,,50,,,', // 2
      'W2.01,370303,2024,,,,50,,,', // 3: another region
      'W2.01,370302,2023,,,,50,,,', // 4: another year
      'C1.07,370302,2024,,6—11岁,,12,,,', // 5
      'C1.07,370302,2024,,,,12,,,', // 6: the total of the age groups
      'W2.01,370302,2024,女,,,50,,,', // 7: another cell
      'W2.01,370302,2024,,,,51,,,', // 8: duplicate of row 2
      'C1.07,370302,2024,,6—11岁,,13,,,', // 9: duplicate of row 5
      'W2.01,370303,2024,合计,,,52,,,', // 10: duplicate of row 3
      'W2.01,370302,２０２４,,,,50,,,', // 11: full-width digits
      'W2.01,370302,202a,,,,50,,,', // 12
      'W2.01,370302, 2022 ,,,,50,,,', // 13: blanks around the year are fine
      'W2.01,370302,2022,男,,城镇,50,,,', // 14
      'W2.01,370302,2022,男,,城镇,50,,,', // 15: duplicate of row 14
    ].join('\n');
    const error = await rejection(text);
    expect(error.lines()).toEqual([
      '第8行：与第2行重复：同一指标、地区、年份和分组只能有一行',
      '第9行：与第5行重复：同一指标、地区、年份和分组只能有一行',
      '第10行：与第3行重复：同一指标、地区、年份和分组只能有一行',
      '第11行，第3列（year）：年份“２０２４”无效，应为四位数字的年份（如2024）',
      '第12行，第3列（year）：年份“202a”无效，应为四位数字的年份（如2024）',
      '第15行：与第14行重复：同一指标、地区、年份和分组只能有一行',
    ]);
  });

  it('names each missing and unknown header column and reads no rows', async () => {
    const error = await rejection('indicator_code,region_code,year,sex,age_group,area,vaule,numerator,note\nW9.99,x,y,,,,1,,');
    expect(error.lines()).toEqual([
      '第1行，第7列（vaule）：未知的列“vaule”：应为 indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note（可另加 source）',
      '第1行：表头缺少列“value”',
      '第1行：表头缺少列“denominator”',
    ]);
  });

  it('refuses a file that is not UTF-8 (GBK from Excel)', async () => {
    // “男” in GBK is C4 D0: not valid UTF-8 (D0 cannot continue a sequence).
    const gbk = Buffer.concat([Buffer.from(`${HEADER}\nW2.01,370302,2024,`), Buffer.from([0xc4, 0xd0]), Buffer.from(',,,90,,,\n')]);
    const error = await rejection(gbk);
    expect(error.lines()).toEqual([expect.stringContaining('文件不是 UTF-8 编码')]);
  });

  it('reports an unclosed quote as a CSV format error', async () => {
    const error = await rejection(`${HEADER}\nW2.01,370302,2024,,,,90,,,"没有结束引号\n`);
    expect(error.lines()).toEqual([expect.stringMatching(/^第2行：CSV 格式错误：引号未闭合/)]);
  });

  it('refuses an empty file and a header without rows', async () => {
    expect((await rejection('')).lines()).toEqual(['文件是空的：应有表头行和至少一行数据']);
    expect((await rejection(`${HEADER}\n`)).lines()).toEqual(['文件只有表头，没有数据行']);
  });

  it('keeps at most 1000 problems in the list but counts all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `W2.01,370302,${2000 + (i % 20)},,,,abc${i},,,`);
    const error = await rejection([HEADER, ...rows].join('\n'));
    expect(error.total).toBe(1500);
    expect(error.issues).toHaveLength(1000);
    expect(error.message).toContain('……另有500处错误未列出');
  });
});
