import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { ExchangeError } from './exchange-error.ts';
import { seedCatalogue } from './exchange.fixtures.ts';
import { ENTRY_SHEET, FIRST_DATA_ROW, HEADER_ROW, META_SHEET } from './xlsx-layout.ts';
import type { TemplateForm } from './xlsx-layout.ts';
import { buildTemplateWorkbook, templateRows } from './xlsx-template.ts';
import { readTemplateUpload } from './xlsx-upload.ts';

// 学前三年毛入园率 (%, by sex and area), 妇女人均预期寿命 (岁, by area), 儿童超重肥胖率 (%, by sex and age group),
// 区县党政正职女干部人数 (名, a count), 孕产妇死亡率 (1/10万).
const CODES = ['W2.01', 'W1.01', 'C1.07', 'W4.05', 'W1.03'];

function stored(fields: Partial<DataValue> & Pick<DataValue, 'indicatorCode' | 'value'>): DataValue {
  return {
    regionCode: '370303',
    year: 2024,
    disaggregation: { sex: null, ageGroup: null, area: null },
    numerator: null,
    denominator: null,
    source: null,
    note: null,
    status: 'draft',
    version: 1,
    backfilled: false,
    ...fields,
  };
}

function zhangdianForm(overrides: Partial<TemplateForm> = {}): TemplateForm {
  const { indicators } = seedCatalogue();
  return {
    formId: 7,
    roundTitle: '2024年度妇女儿童发展规划监测数据填报',
    year: 2024,
    dueDate: '2025-03-31',
    regionCode: '370303',
    regionName: '张店区',
    departmentName: null,
    indicators: CODES.map((c) => indicators.get(c)!),
    rules: [],
    current: [],
    previous: [stored({ indicatorCode: 'W2.01', year: 2023, value: 91.2, status: 'approved' })],
    ...overrides,
  };
}

async function load(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(buffer) as unknown as ArrayBuffer);
  return workbook;
}

/** The row of an indicator's cell in the entry sheet, found as a clerk would: by code (B) and 分组 (D). */
function rowOf(sheet: ExcelJS.Worksheet, code: string, cell: string): ExcelJS.Row {
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell('B').value === code && row.getCell('D').value === cell) return row;
  }
  throw new Error(`模板中没有 ${code} ${cell}`);
}

async function edit(buffer: Uint8Array, change: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = await load(buffer);
  change(workbook.getWorksheet(ENTRY_SHEET)!, workbook);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Fills W2.01's grid and a few others the way a clerk would: numbers, a formula, text with a thousands separator. */
function fillGood(sheet: ExcelJS.Worksheet): void {
  const set = (code: string, cell: string, values: Partial<Record<'G' | 'H' | 'I' | 'J' | 'K', ExcelJS.CellValue>>) => {
    const row = rowOf(sheet, code, cell);
    for (const [col, v] of Object.entries(values)) row.getCell(col).value = v;
  };
  set('W2.01', '合计', { G: 90, H: 900, I: 1000, J: '教育统计年报', K: '含民办园' });
  set('W2.01', '女', { G: 90, H: 450, I: 500 });
  set('W2.01', '男', { G: 90, H: 450, I: 500 });
  set('W2.01', '城镇', { H: 460, I: 500 }); // value left to be computed: 92
  set('W2.01', '农村', { G: { formula: 'H11/I11*100', result: 88 } as ExcelJS.CellFormulaValue, H: 440, I: 500 });
  set('W1.01', '合计', { G: 81.56 });
  set('W4.05', '合计', { G: '1,203' });
}

describe('buildTemplateWorkbook', () => {
  it('lays out the header block, one row per indicator × cell, protection, validation and the hidden map', async () => {
    const form = zhangdianForm({ current: [stored({ indicatorCode: 'W1.01', value: 80.1, note: '上次保存' })] });
    const workbook = await load(await buildTemplateWorkbook(form));
    const sheet = workbook.getWorksheet(ENTRY_SHEET)!;
    expect(sheet.getCell('A1').value).toBe('淄博市妇女儿童发展规划监测数据填报表（2024年度）');
    expect(sheet.getCell('A2').value).toBe('填报轮次：2024年度妇女儿童发展规划监测数据填报');
    expect(sheet.getCell('A3').value).toBe('填报单位：张店区');
    expect(sheet.getCell('G3').value).toBe('截止日期：2025-03-31');
    expect(sheet.getRow(HEADER_ROW).values).toEqual([
      undefined, '序号', '指标代码', '指标名称', '分组', '单位', '上年数值', '本年数值', '分子', '分母', '数据来源', '备注', '指标解释',
    ]);
    // W2.01: 合计, 女, 男, 城镇, 农村; W1.01: 合计, 城镇, 农村; C1.07: 合计, 女, 男, 3 age groups; W4.05: 合计; W1.03: 合计, 城镇, 农村.
    expect(templateRows(form)).toHaveLength(5 + 3 + 6 + 1 + 3);
    const total = rowOf(sheet, 'W2.01', '合计');
    expect(total.getCell('C').value).toBe('学前三年毛入园率');
    expect(total.getCell('E').value).toBe('%');
    expect(total.getCell('F').value).toBe(91.2);
    expect(rowOf(sheet, 'W1.01', '合计').getCell('G').value).toBe(80.1);
    expect(rowOf(sheet, 'W1.01', '合计').getCell('K').value).toBe('上次保存');
    expect(rowOf(sheet, 'C1.07', '6—11岁').getCell('E').value).toBe('%');

    // Rows may not be inserted or deleted (the rows map to indicator cells); columns may be widened.
    const protection = (sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, formatColumns: true });
    expect(protection['insertRows']).toBeFalsy();
    expect(protection['deleteRows']).toBeFalsy();
    expect(total.getCell('G').protection?.locked).toBe(false);
    expect(total.getCell('H').protection?.locked).toBe(false);
    expect(total.getCell('C').protection?.locked ?? true).toBe(true);
    expect(total.getCell('F').protection?.locked ?? true).toBe(true);
    expect(sheet.getCell('B6').protection?.locked ?? true).toBe(true);
    // A count has no numerator or denominator to fill.
    expect(rowOf(sheet, 'W4.05', '合计').getCell('H').protection?.locked ?? true).toBe(true);

    expect(total.getCell('G').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100], showErrorMessage: true });
    expect(total.getCell('I').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThan', formulae: [0] });
    expect(rowOf(sheet, 'W4.05', '合计').getCell('G').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(rowOf(sheet, 'W1.03', '合计').getCell('G').dataValidation).toMatchObject({ formulae: [0, 100000] });

    const meta = workbook.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('A1').value).toBe('formId');
    expect(meta.getCell('B1').value).toBe(7);
    expect(meta.getRow(10).values).toEqual([undefined, FIRST_DATA_ROW, 'W2.01', '_T']);
    expect(meta.getRow(11).values).toEqual([undefined, FIRST_DATA_ROW + 1, 'W2.01', 'sex=女']);
  });

  it('names the department of a department form', async () => {
    const workbook = await load(await buildTemplateWorkbook(zhangdianForm({ regionCode: '370300', regionName: '淄博市', departmentName: '市教育局' })));
    expect(workbook.getWorksheet(ENTRY_SHEET)!.getCell('A3').value).toBe('填报单位：市教育局（淄博市）');
  });
});

describe('readTemplateUpload: round trip', () => {
  it('reads back what was filled in, as inputs for the form', async () => {
    const form = zhangdianForm();
    const filled = await edit(await buildTemplateWorkbook(form), fillGood);
    const { inputs } = await readTemplateUpload(form, filled, { file: '张店区.xlsx' });
    const base = { regionCode: '370303', year: 2024, ageGroup: null, source: null, note: null };
    expect(inputs.map(({ location: _l, ...rest }) => rest)).toEqual([
      { ...base, indicatorCode: 'W2.01', sex: null, area: null, value: 90, numerator: 900, denominator: 1000, source: '教育统计年报', note: '含民办园' },
      { ...base, indicatorCode: 'W2.01', sex: '女', area: null, value: 90, numerator: 450, denominator: 500 },
      { ...base, indicatorCode: 'W2.01', sex: '男', area: null, value: 90, numerator: 450, denominator: 500 },
      { ...base, indicatorCode: 'W2.01', sex: null, area: '城镇', value: 92, numerator: 460, denominator: 500 },
      { ...base, indicatorCode: 'W2.01', sex: null, area: '农村', value: 88, numerator: 440, denominator: 500 },
      { ...base, indicatorCode: 'W1.01', sex: null, area: null, value: 81.56, numerator: null, denominator: null },
      { ...base, indicatorCode: 'W4.05', sex: null, area: null, value: 1203, numerator: null, denominator: null },
    ]);
    expect(inputs[0]?.location).toEqual({ file: '张店区.xlsx', sheet: '填报', row: FIRST_DATA_ROW, column: 'G' });
  });

  it('a template downloaded with stored values reads back the same values; a cleared stored cell comes back blank', async () => {
    const current = [
      stored({ indicatorCode: 'W1.01', value: 80.1, note: '上次保存' }),
      stored({ indicatorCode: 'W1.01', disaggregation: { sex: null, ageGroup: null, area: '城镇' }, value: 81 }),
    ];
    const form = zhangdianForm({ current });
    const untouched = await readTemplateUpload(form, await buildTemplateWorkbook(form));
    expect(untouched.inputs.map((i) => [i.indicatorCode, i.area, i.value, i.note])).toEqual([
      ['W1.01', null, 80.1, '上次保存'],
      ['W1.01', '城镇', 81, null],
    ]);
    const cleared = await edit(await buildTemplateWorkbook(form), (sheet) => {
      rowOf(sheet, 'W1.01', '城镇').getCell('G').value = null;
    });
    expect((await readTemplateUpload(form, cleared)).inputs[1]).toMatchObject({ area: '城镇', value: null });
  });

  it('reads a % typed with its sign (Excel keeps 0.85 formatted as %) as 85', async () => {
    const form = zhangdianForm();
    const filled = await edit(await buildTemplateWorkbook(form), (sheet) => {
      const cell = rowOf(sheet, 'W2.01', '合计').getCell('G');
      cell.value = 0.85;
      cell.numFmt = '0%';
    });
    expect((await readTemplateUpload(form, filled)).inputs[0]?.value).toBe(85);
  });
});

async function rejection(form: TemplateForm, buffer: Uint8Array, maxBytes?: number): Promise<ExchangeError> {
  const error = await readTemplateUpload(form, buffer, { file: 'upload.xlsx', ...(maxBytes === undefined ? {} : { maxBytes }) }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return error as ExchangeError;
}

describe('readTemplateUpload: malformed uploads are rejected whole, with sheet, row, column and reason', () => {
  it('wrong sheet', async () => {
    const form = zhangdianForm();
    const renamed = await edit(await buildTemplateWorkbook(form), (sheet) => {
      sheet.name = 'Sheet1';
    });
    expect((await rejection(form, renamed)).lines()).toEqual([
      '未找到工作表“填报”（文件中的工作表：“Sheet1”）：请在系统下载的模板中填写，不要修改工作表名称',
    ]);
  });

  it('text in a number cell, a % of 120, half a ratio — every problem of the file at once', async () => {
    const form = zhangdianForm();
    const filled = await edit(await buildTemplateWorkbook(form), (sheet) => {
      fillGood(sheet);
      rowOf(sheet, 'W2.01', '女').getCell('G').value = '九十';
      rowOf(sheet, 'W2.01', '男').getCell('G').value = 120;
      rowOf(sheet, 'W2.01', '男').getCell('H').value = null;
      rowOf(sheet, 'W2.01', '男').getCell('I').value = null;
      rowOf(sheet, 'W1.03', '城镇').getCell('H').value = 3;
      rowOf(sheet, 'W4.05', '合计').getCell('G').value = 2.5;
    });
    const error = await rejection(form, filled);
    expect(error.lines()).toEqual([
      `工作表“填报”第${FIRST_DATA_ROW + 1}行，第G列（本年数值）：“九十”不是有效的数字，请填写数字（如1,234.5）；无数据请留空`,
      `工作表“填报”第${FIRST_DATA_ROW + 2}行，第G列（本年数值）：占比为120%，超出允许范围0—100%`,
      `工作表“填报”第${FIRST_DATA_ROW + 14}行，第G列（本年数值）：数值应为整数（单位：名），填写的是2.5`,
      `工作表“填报”第${FIRST_DATA_ROW + 16}行，第I列（分母）：只填写了分子：请同时填写分母，或直接填写本年数值`,
    ]);
    expect(error.message).toMatch(/^文件“upload\.xlsx”未导入：发现4处错误/);
  });

  it('a missing column', async () => {
    const form = zhangdianForm();
    const withoutNumerator = await edit(await buildTemplateWorkbook(form), (sheet) => {
      sheet.spliceColumns(8, 1);
    });
    expect((await rejection(form, withoutNumerator)).lines()).toEqual([`工作表“填报”第${HEADER_ROW}行：缺少列“分子”：请勿删除或改名模板中的列`]);
  });

  it('a truncated file, and a file that is not an .xlsx', async () => {
    const form = zhangdianForm();
    const good = await buildTemplateWorkbook(form);
    const corrupt = ['文件已损坏或不是 .xlsx 文件：请上传从系统下载并用 Excel/WPS 保存的 .xlsx 模板（不支持 .xls、.csv）'];
    expect((await rejection(form, good.subarray(0, Math.floor(good.length / 2)))).lines()).toEqual(corrupt);
    expect((await rejection(form, Buffer.from('indicator_code,value\nW2.01,90\n'))).lines()).toEqual(corrupt);
  });

  it('a 50 MB file is refused by its size, before parsing', async () => {
    const form = zhangdianForm();
    const big = Buffer.alloc(50 * 1024 * 1024, 0x50);
    const started = performance.now();
    const error = await rejection(form, big);
    expect(performance.now() - started).toBeLessThan(200);
    expect(error.lines()).toEqual(['文件大小为50 MB，超过上限10 MB；请上传从系统下载的模板（通常不到1 MB）']);
  });

  it('the template of another form', async () => {
    const boshan = zhangdianForm({ formId: 8, regionCode: '370304', regionName: '博山区' });
    const error = await rejection(zhangdianForm(), await buildTemplateWorkbook(boshan));
    expect(error.lines()).toEqual(['该文件是另一张报表（2024年 博山区）的模板，不是本报表（2024年 张店区）的：请下载本报表的模板后填写']);
  });

  it('rows moved or added: a code that does not match its row, data typed below the template', async () => {
    const form = zhangdianForm();
    const rows = templateRows(form).length;
    const moved = await edit(await buildTemplateWorkbook(form), (sheet) => {
      sheet.getRow(FIRST_DATA_ROW).getCell('B').value = 'W9.99';
      sheet.getRow(FIRST_DATA_ROW + rows + 2).getCell('G').value = 5;
    });
    expect((await rejection(form, moved)).lines()).toEqual([
      `工作表“填报”第${FIRST_DATA_ROW}行，第B列（指标代码）：指标代码应为“W2.01”，实为“W9.99”：模板的行被插入、删除或移动过，请在新下载的模板中填写`,
      `工作表“填报”第${FIRST_DATA_ROW + rows + 2}行，第G列：该行不是模板中的数据行，填写的内容无法导入：请在模板原有的行中填写`,
    ]);
  });
});
