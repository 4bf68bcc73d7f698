import ExcelJS from 'exceljs';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { cellLabel, disaggregationKey, gridCells, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { formatNumber } from '../../core/monitoring/format-number.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { rulesFor } from '../../core/monitoring/validation-rules.ts';
import { COLUMNS, COLUMN_ORDER, ENTRY_SHEET, FIRST_DATA_ROW, HEADER_ROW, META_SHEET, TEMPLATE_VERSION, formLabel } from './xlsx-layout.ts';
import type { ColumnKey, TemplateForm, TemplateRow } from './xlsx-layout.ts';

/** Whether an indicator's rows take a numerator and a denominator (rates). */
export function takesRatio(indicator: IndicatorDefinition): boolean {
  return indicator.aggregation === 'ratio' || indicator.scale !== null;
}

/** The template's data rows: each indicator's grid cells, then any stored cell outside the grid (e.g. 女·城镇). */
export function templateRows(form: Pick<TemplateForm, 'indicators' | 'current'>): TemplateRow[] {
  const rows: TemplateRow[] = [];
  for (const indicator of form.indicators) {
    const keys = new Set<string>();
    for (const cell of gridCells(indicator)) {
      const cellKey = disaggregationKey(cell);
      keys.add(cellKey);
      rows.push({ indicator, cell, cellKey });
    }
    const extra = form.current
      .filter((v) => v.indicatorCode === indicator.code)
      .map((v) => disaggregationKey(v.disaggregation))
      .filter((k) => !keys.has(k))
      .sort();
    for (const cellKey of new Set(extra)) rows.push({ indicator, cell: parseDisaggregationKey(cellKey), cellKey });
  }
  return rows;
}

export const columnLetter = (key: ColumnKey): string => String.fromCharCode(65 + COLUMN_ORDER.indexOf(key));

const WIDTHS: Record<ColumnKey, number> = {
  ordinal: 6,
  code: 9,
  name: 34,
  cell: 12,
  unit: 10,
  previous: 11,
  value: 12,
  numerator: 12,
  denominator: 12,
  source: 16,
  note: 24,
  definition: 60,
};

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
const LABEL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const CLOSED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function valueValidation(indicator: IndicatorDefinition, rules: ValidationRuleSet): ExcelJS.DataValidation | null {
  const { min, max } = rules.range;
  const type = rules.valueType === 'integer' ? 'whole' : 'decimal';
  const unit = indicator.unit || '无单位';
  const kind = rules.valueType === 'integer' ? '整数' : '数字';
  const base = { type, allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: '数值无效' } as const;
  if (min !== null && max !== null) {
    return { ...base, operator: 'between', formulae: [min, max], error: `请填写${formatNumber(min)}—${formatNumber(max)}之间的${kind}（单位：${unit}）；无数据请留空` };
  }
  if (min !== null) return { ...base, operator: 'greaterThanOrEqual', formulae: [min], error: `请填写不小于${formatNumber(min)}的${kind}（单位：${unit}）；无数据请留空` };
  if (max !== null) return { ...base, operator: 'lessThanOrEqual', formulae: [max], error: `请填写不大于${formatNumber(max)}的${kind}（单位：${unit}）；无数据请留空` };
  return null;
}

const NUMERATOR_VALIDATION: ExcelJS.DataValidation = {
  type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true,
  showErrorMessage: true, errorStyle: 'stop', errorTitle: '分子无效', error: '分子应为不小于0的数字；无数据请留空',
};
const DENOMINATOR_VALIDATION: ExcelJS.DataValidation = {
  type: 'decimal', operator: 'greaterThan', formulae: [0], allowBlank: true,
  showErrorMessage: true, errorStyle: 'stop', errorTitle: '分母无效', error: '分母应为大于0的数字；无数据请留空',
};

const key = (code: string, cellKey: string) => `${code}\u0000${cellKey}`;

function valueIndex(values: readonly DataValue[]): Map<string, DataValue> {
  return new Map(values.map((v) => [key(v.indicatorCode, disaggregationKey(v.disaggregation)), v] as const));
}

/**
 * The .xlsx template of a form (ExcelJS): header block (round, region or department, due date), one row per
 * indicator × cell with unit, last year's value and the definition, input cells unlocked and validated (decimal
 * within the indicator's range, e.g. 0–100 for %; whole numbers for counts), everything else locked by sheet
 * protection (no password: it guards against slips, the upload checks everything anyway), stored values
 * prefilled, and the very hidden sheet “_meta” mapping rows back to indicator and cell.
 */
export async function buildTemplateWorkbook(form: TemplateForm): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '淄博市妇女儿童发展规划监测评估平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(ENTRY_SHEET, {
    views: [{ state: 'frozen', xSplit: 4, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = COLUMN_ORDER.map((k) => ({ key: k, width: WIDTHS[k] }));
  const last = columnLetter(COLUMN_ORDER[COLUMN_ORDER.length - 1] as ColumnKey);

  sheet.mergeCells(`A1:${last}1`);
  const title = sheet.getCell('A1');
  title.value = `淄博市妇女儿童发展规划监测数据填报表（${form.year}年度）`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  const unit = form.departmentName === null ? form.regionName : `${form.departmentName}（${form.regionName}）`;
  const info: Array<[string, string]> = [
    [`填报轮次：${form.roundTitle}`, `数据年度：${form.year}年`],
    [`填报单位：${unit}`, `截止日期：${form.dueDate}`],
  ];
  info.forEach(([left, right], i) => {
    const row = 2 + i;
    sheet.mergeCells(`A${row}:F${row}`);
    sheet.mergeCells(`G${row}:${last}${row}`);
    sheet.getCell(`A${row}`).value = left;
    sheet.getCell(`G${row}`).value = right;
    sheet.getCell(`A${row}`).font = { bold: true };
    sheet.getCell(`G${row}`).font = { bold: true };
  });
  sheet.mergeCells(`A4:${last}4`);
  const hint = sheet.getCell('A4');
  hint.value =
    '填写说明：只在白色单元格中填写数字，无数据请留空；比率类指标请同时填写分子和分母（数值＝分子÷分母×比例基数）；与上年相比变化较大的请在备注中说明原因。' +
    '上传时整个文件一并校验，有任何错误都不会导入，并列出每处错误的行、列和原因。请勿修改工作表名称、插入或删除行。';
  hint.alignment = { wrapText: true, vertical: 'top' };
  hint.font = { color: { argb: 'FF7F6000' } };
  sheet.getRow(4).height = 48;

  const header = sheet.getRow(HEADER_ROW);
  COLUMN_ORDER.forEach((k, i) => {
    const cell = header.getCell(i + 1);
    cell.value = COLUMNS[k];
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 22;

  const current = valueIndex(form.current);
  const previous = valueIndex(form.previous);
  const rules = new Map<string, ValidationRuleSet>();
  const rows = templateRows(form);
  const meta: Array<[number, string, string]> = [];
  let ordinal = 0;
  let lastIndicator = '';
  rows.forEach((r, i) => {
    const rowNumber = FIRST_DATA_ROW + i;
    const row = sheet.getRow(rowNumber);
    const ind = r.indicator;
    if (!rules.has(ind.code)) rules.set(ind.code, rulesFor(ind, form.rules));
    const rule = rules.get(ind.code) as ValidationRuleSet;
    const first = ind.code !== lastIndicator;
    if (first) ordinal++;
    lastIndicator = ind.code;
    const stored = current.get(key(ind.code, r.cellKey));
    const before = previous.get(key(ind.code, r.cellKey));
    const ratio = takesRatio(ind);
    const values: Record<ColumnKey, ExcelJS.CellValue> = {
      ordinal: first ? ordinal : null,
      code: ind.code,
      name: ind.name,
      cell: cellLabel(r.cell),
      unit: ind.unit || '—',
      previous: before?.value ?? null,
      value: stored?.value ?? null,
      numerator: ratio ? (stored?.numerator ?? null) : null,
      denominator: ratio ? (stored?.denominator ?? null) : null,
      source: stored?.source ?? null,
      note: stored?.note ?? null,
      definition: first ? ind.definition : null,
    };
    COLUMN_ORDER.forEach((k, c) => {
      const cell = row.getCell(c + 1);
      cell.value = values[k];
      cell.border = BORDER;
      const input = k === 'value' || k === 'source' || k === 'note' || (ratio && (k === 'numerator' || k === 'denominator'));
      const closed = !ratio && (k === 'numerator' || k === 'denominator');
      cell.fill = input ? INPUT_FILL : closed ? CLOSED_FILL : LABEL_FILL;
      cell.protection = { locked: !input };
      if (k === 'name' || k === 'definition' || k === 'note') cell.alignment = { wrapText: true, vertical: 'top' };
      if (k === 'value' || k === 'previous') cell.numFmt = 'General';
    });
    const validation = valueValidation(ind, rule);
    if (validation !== null) row.getCell(COLUMN_ORDER.indexOf('value') + 1).dataValidation = validation;
    if (ratio) {
      row.getCell(COLUMN_ORDER.indexOf('numerator') + 1).dataValidation = NUMERATOR_VALIDATION;
      row.getCell(COLUMN_ORDER.indexOf('denominator') + 1).dataValidation = DENOMINATOR_VALIDATION;
    }
    meta.push([rowNumber, ind.code, r.cellKey]);
  });
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: false,
    deleteRows: false,
    sort: false,
    autoFilter: false,
  });

  const metaSheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  metaSheet.addRows([
    ['formId', form.formId],
    ['formLabel', formLabel(form)],
    ['templateVersion', TEMPLATE_VERSION],
    ['year', form.year],
    ['regionCode', form.regionCode],
    ['headerRow', HEADER_ROW],
    ['rows', meta.length],
    [],
    ['row', 'indicatorCode', 'cellKey'],
    ...meta,
  ]);
  await metaSheet.protect('', { selectLockedCells: true });

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
