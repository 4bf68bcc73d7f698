import ExcelJS from 'exceljs';
import type { DataValue } from '../../core/monitoring/data-value.types.ts';
import { disaggregationKey, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { formatNumber } from '../../core/monitoring/format-number.ts';
import { parseNumberCell } from '../../core/monitoring/parse-number-cell.ts';
import type { ValidationField } from '../../core/monitoring/validation-rule.types.ts';
import type { DataValueInput } from '../monitoring/data-value.contract.ts';
import { ExchangeError, IssueList } from './exchange-error.ts';
import type { ExchangeLocation } from './exchange-error.ts';
import { checkValues, valueFromRatio } from './value-check.ts';
import { COLUMNS, DEFAULT_MAX_UPLOAD_BYTES, ENTRY_SHEET, META_SHEET, REQUIRED_UPLOAD_COLUMNS, formLabel } from './xlsx-layout.ts';
import type { ColumnKey, TemplateForm } from './xlsx-layout.ts';
import { takesRatio } from './xlsx-template.ts';

export interface UploadOptions {
  /** The uploaded file's name, for messages. */
  file?: string;
  /** Files larger than this are refused before parsing (default 10 MB). */
  maxBytes?: number;
}

/** Where a field of an upload's row sits: sheet, row and column letter, for issues about its inputs. */
export interface ReadUpload {
  inputs: DataValueInput[];
  locate(row: number, field: ValidationField | null): ExchangeLocation;
}

const megabytes = (bytes: number) => `${formatNumber(bytes / 1024 / 1024, 1)} MB`;

function rejected(what: string, message: string): ExchangeError {
  return new ExchangeError(`${what}未导入：${message}（文件中的数据均未写入）`, [{ location: null, message }]);
}

interface Meta {
  formId: number | null;
  formLabel: string;
  rows: Array<{ row: number; indicatorCode: string; cellKey: string }>;
}

function readMeta(sheet: ExcelJS.Worksheet): Meta {
  const meta: Meta = { formId: null, formLabel: '', rows: [] };
  let inTable = false;
  sheet.eachRow((row) => {
    const a = row.getCell(1).value;
    const b = row.getCell(2).value;
    if (inTable) {
      const c = row.getCell(3).value;
      if (typeof a === 'number' && typeof b === 'string' && typeof c === 'string') meta.rows.push({ row: a, indicatorCode: b, cellKey: c });
      return;
    }
    if (a === 'row') inTable = true;
    else if (a === 'formId' && typeof b === 'number') meta.formId = b;
    else if (a === 'formLabel' && typeof b === 'string') meta.formLabel = b;
  });
  return meta;
}

/** The text of a cell as a clerk sees it (rich text joined, hyperlinks by their text). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

type NumberRead = { ok: true; value: number | null } | { ok: false; message: string };

/**
 * A number cell: a number (a formula's result counts), or text that reads as a number (“1,234”, “12.5%” where the
 * unit is %). A number Excel keeps as a fraction because it was typed with % (“85%” → 0.85 shown as 85%) is read
 * as the clerk meant it: 85 in a % indicator; refused elsewhere.
 */
function readNumberCell(cell: ExcelJS.Cell, unit: string): NumberRead {
  let value: ExcelJS.CellValue = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'formula' in value) {
    value = (value.result ?? null) as ExcelJS.CellValue;
    if (value !== null && typeof value === 'object' && 'error' in value) return { ok: false, message: `公式结果是错误值 ${value.error}，请改正公式或直接填写数字` };
  } else if (value !== null && typeof value === 'object' && 'error' in value) {
    return { ok: false, message: `单元格是错误值 ${(value as ExcelJS.CellErrorValue).error}，请填写数字` };
  }
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: '不是有效的数字' };
    const percentFormat = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
    if (!percentFormat) return { ok: true, value };
    if (unit !== '%') return { ok: false, message: `填写的是百分数（${formatNumber(value * 100)}%），但该指标的单位是${unit || '无单位'}，请只填写数字` };
    return { ok: true, value: Number((value * 100).toPrecision(12)) };
  }
  if (value instanceof Date) return { ok: false, message: `填写的是日期（${value.toISOString().slice(0, 10)}），不是数字` };
  if (typeof value === 'boolean') return { ok: false, message: `填写的是${value ? 'TRUE' : 'FALSE'}，不是数字` };
  return parseNumberCell(cellText(value), { unit });
}

/**
 * Reads a filled template back into inputs for writeDataValues, checking the file before anything else: its
 * size (a file over the limit is refused unread), that it is an .xlsx at all, that it is this form's template
 * (the hidden “_meta” sheet), that the sheet and columns are there, then every row. Throws an ExchangeError
 * listing every problem by sheet, row and column; returns only when the whole file is clean.
 * Rows left blank are skipped unless a value is stored for their cell (then blank clears it).
 */
export async function readTemplateUpload(form: TemplateForm, buffer: Uint8Array, options: UploadOptions = {}): Promise<ReadUpload> {
  const what = options.file === undefined ? '上传的文件' : `文件“${options.file}”`;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (buffer.byteLength > maxBytes) {
    throw rejected(what, `文件大小为${megabytes(buffer.byteLength)}，超过上限${megabytes(maxBytes)}；请上传从系统下载的模板（通常不到1 MB）`);
  }
  // An .xlsx is a ZIP archive: it starts with PK\x03\x04.
  const isZip = buffer.byteLength > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
  const corrupt = '文件已损坏或不是 .xlsx 文件：请上传从系统下载并用 Excel/WPS 保存的 .xlsx 模板（不支持 .xls、.csv）';
  if (!isZip) throw rejected(what, corrupt);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw rejected(what, corrupt);
  }

  const sheet = workbook.getWorksheet(ENTRY_SHEET);
  if (sheet === undefined) {
    const names = workbook.worksheets.filter((w) => w.state === 'visible').map((w) => `“${w.name}”`);
    throw rejected(what, `未找到工作表“${ENTRY_SHEET}”（文件中的工作表：${names.join('、') || '无'}）：请在系统下载的模板中填写，不要修改工作表名称`);
  }
  const metaSheet = workbook.getWorksheet(META_SHEET);
  const meta = metaSheet === undefined ? null : readMeta(metaSheet);
  if (meta === null || meta.formId === null || meta.rows.length === 0) {
    throw rejected(what, '文件不是本系统生成的填报模板（缺少模板信息）：请从系统下载本报表的模板后填写');
  }
  if (meta.formId !== form.formId) {
    throw rejected(
      what,
      `该文件是另一张报表（${meta.formLabel || `编号${meta.formId}`}）的模板，不是本报表（${formLabel(form)}）的：请下载本报表的模板后填写`,
    );
  }

  const issues = new IssueList();
  const sheetLoc = (row: number, column?: number, field?: string): ExchangeLocation => {
    const at: ExchangeLocation = { sheet: ENTRY_SHEET, row };
    if (options.file !== undefined) at.file = options.file;
    if (column !== undefined) at.column = sheet.getColumn(column).letter;
    if (field !== undefined) at.field = field;
    return at;
  };

  // Columns by header text: the header row is the one holding 指标代码 and 本年数值 (row 6 in the template).
  let headerRow = 0;
  const columnOf = new Map<ColumnKey, number>();
  for (let r = 1; r <= Math.min(sheet.rowCount, 20) && headerRow === 0; r++) {
    const texts = new Map<string, number>();
    sheet.getRow(r).eachCell((cell, c) => texts.set(cellText(cell.value).trim(), c));
    if (texts.has(COLUMNS.code) && (texts.has(COLUMNS.value) || texts.has(COLUMNS.name))) {
      headerRow = r;
      for (const [k, label] of Object.entries(COLUMNS) as Array<[ColumnKey, string]>) {
        const c = texts.get(label);
        if (c !== undefined) columnOf.set(k, c);
      }
    }
  }
  if (headerRow === 0) {
    issues.add(sheetLoc(6), `找不到表头行（应含“${COLUMNS.code}”“${COLUMNS.value}”等列）：请使用系统下载的模板`);
    issues.throwIfAny(what);
  }
  for (const k of REQUIRED_UPLOAD_COLUMNS) {
    if (!columnOf.has(k)) issues.add(sheetLoc(headerRow), `缺少列“${COLUMNS[k]}”：请勿删除或改名模板中的列`);
  }
  issues.throwIfAny(what);

  const indicators = new Map(form.indicators.map((i) => [i.code, i] as const));
  const stored = new Set(form.current.map((v: DataValue) => `${v.indicatorCode}\u0000${disaggregationKey(v.disaggregation)}`));
  const col = (k: ColumnKey) => columnOf.get(k) as number;
  const fieldColumn: Record<ValidationField, ColumnKey> = { value: 'value', numerator: 'numerator', denominator: 'denominator', note: 'note' };
  const locate = (row: number, field: ValidationField | null): ExchangeLocation =>
    field === null ? sheetLoc(row) : sheetLoc(row, col(fieldColumn[field]), COLUMNS[fieldColumn[field]]);

  const inputs: DataValueInput[] = [];
  const rowOfInput: number[] = [];
  const metaRows = new Set<number>();
  for (const m of meta.rows) {
    metaRows.add(m.row);
    const indicator = indicators.get(m.indicatorCode);
    if (indicator === undefined) {
      issues.add(sheetLoc(m.row), `指标“${m.indicatorCode}”已不在本报表中：请重新下载模板`);
      continue;
    }
    let cell;
    try {
      cell = parseDisaggregationKey(m.cellKey);
    } catch {
      issues.add(sheetLoc(m.row), '模板信息已损坏：请重新下载模板');
      continue;
    }
    const row = sheet.getRow(m.row);
    const code = cellText(row.getCell(col('code')).value).trim();
    if (code !== m.indicatorCode) {
      issues.add(
        sheetLoc(m.row, col('code'), COLUMNS.code),
        `指标代码应为“${m.indicatorCode}”，实为“${code || '空'}”：模板的行被插入、删除或移动过，请在新下载的模板中填写`,
      );
      continue;
    }
    const before = issues.count;
    const numbers: Partial<Record<'value' | 'numerator' | 'denominator', number | null>> = {};
    const ratio = takesRatio(indicator);
    for (const field of ['value', 'numerator', 'denominator'] as const) {
      const c = col(field);
      const read = readNumberCell(row.getCell(c), field === 'value' ? indicator.unit : '');
      if (!read.ok) issues.add(sheetLoc(m.row, c, COLUMNS[field]), read.message);
      else if (read.value !== null && field !== 'value' && !ratio) {
        issues.add(sheetLoc(m.row, c, COLUMNS[field]), `该指标不是比率，不填${COLUMNS[field]}`);
      } else numbers[field] = read.value;
    }
    if (issues.count > before) continue;
    let value = numbers.value ?? null;
    const numerator = numbers.numerator ?? null;
    const denominator = numbers.denominator ?? null;
    const source = cellText(row.getCell(col('source')).value).trim();
    const note = cellText(row.getCell(col('note')).value).trim();
    if (value === null && (numerator !== null || denominator !== null)) {
      if (numerator === null) issues.add(sheetLoc(m.row, col('numerator'), COLUMNS.numerator), '只填写了分母：请同时填写分子，或直接填写本年数值');
      else if (denominator === null) issues.add(sheetLoc(m.row, col('denominator'), COLUMNS.denominator), '只填写了分子：请同时填写分母，或直接填写本年数值');
      else if (denominator <= 0) issues.add(sheetLoc(m.row, col('denominator'), COLUMNS.denominator), `分母为${formatNumber(denominator)}，应大于0`);
      else value = valueFromRatio(indicator, form.rules, numerator, denominator);
      if (issues.count > before) continue;
    }
    const blank = value === null && numerator === null && denominator === null && source === '' && note === '';
    if (blank && !stored.has(`${m.indicatorCode}\u0000${m.cellKey}`)) continue;
    inputs.push({
      indicatorCode: m.indicatorCode,
      regionCode: form.regionCode,
      year: form.year,
      sex: cell.sex,
      ageGroup: cell.ageGroup,
      area: cell.area,
      value,
      numerator,
      denominator,
      source: source === '' ? null : source,
      note: note === '' ? null : note,
      location: { ...(options.file === undefined ? {} : { file: options.file }), sheet: ENTRY_SHEET, row: m.row, column: sheet.getColumn(col('value')).letter },
    });
    rowOfInput.push(m.row);
  }

  // Anything typed below or between the template's rows would be silently lost: say so.
  const inputColumns = (['value', 'numerator', 'denominator'] as const).map(col);
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    if (metaRows.has(r)) continue;
    const row = sheet.getRow(r);
    const typed = inputColumns.find((c) => cellText(row.getCell(c).value).trim() !== '');
    if (typed !== undefined) issues.add(sheetLoc(r, typed), '该行不是模板中的数据行，填写的内容无法导入：请在模板原有的行中填写');
  }

  for (const problem of checkValues(inputs, indicators, form.rules)) {
    issues.add(locate(rowOfInput[problem.index] as number, problem.field), problem.message);
  }
  issues.issues.sort((a, b) => (a.location?.row ?? 0) - (b.location?.row ?? 0) || (a.location?.column ?? '').localeCompare(b.location?.column ?? ''));
  issues.throwIfAny(what);
  return { inputs, locate };
}
