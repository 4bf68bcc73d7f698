import { CsvError, parse } from 'csv-parse';
import type { Parser } from 'csv-parse';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { Area, Sex } from '../../core/monitoring/data-value.types.ts';
import { cellFromRaw, cellProblem } from '../../core/monitoring/disaggregation.ts';
import { parseNumberCell } from '../../core/monitoring/parse-number-cell.ts';
import type { ValidationField } from '../../core/monitoring/validation-rule.types.ts';
import type { DataValueInput } from '../monitoring/data-value.contract.ts';
import { REQUIRED_COLUMNS, isKnownColumn, unguardText } from './csv-columns.ts';
import type { CsvColumn } from './csv-columns.ts';
import type { ExchangeCatalogue } from './exchange-catalogue.ts';
import { IssueList } from './exchange-error.ts';
import type { ExchangeLocation } from './exchange-error.ts';
import { checkValues, valueFromRatio } from './value-check.ts';

export type CsvSource = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface CsvParseOptions {
  /** Named in error messages and in each input's location. */
  file?: string;
  /** Data years after this are refused (default: the current calendar year). */
  maxYear?: number;
  /**
   * When to check the indicators' rules (range, numerator/denominator, parts adding up) here:
   * 'always' (default), or 'with-errors' — only when the file has other errors, so that a rejection lists
   * everything at once; a clean file is then checked by writeDataValues alone (no double validation).
   */
  checkRules?: 'always' | 'with-errors';
}

export interface ParsedCsv {
  inputs: DataValueInput[];
  /** Where a field of a row sits in the file: for messages about inputs (e.g. from writeDataValues). */
  locate(row: number, field: ValidationField | null): ExchangeLocation;
}

export const MIN_DATA_YEAR = 1949;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** A year as the file must write it: four ASCII digits (/^\d{4}$/, without the regular expression). */
function isFourDigits(text: string): boolean {
  if (text.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

async function* decodeUtf8(source: CsvSource): AsyncGenerator<string> {
  // fatal: bytes that are not UTF-8 (a GBK file saved by Excel) stop the import instead of turning into �.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (typeof source === 'string') {
    yield source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    return;
  }
  const chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> = source instanceof Uint8Array ? [source] : source;
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Resolves when the parser wants more input, or has stopped (then the feeder stops too). */
function drained(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合：以双引号开始的字段缺少结束的双引号',
  CSV_INVALID_CLOSING_QUOTE: '引号使用有误：字段内的双引号应写作两个双引号（""）',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号使用有误：结束的双引号后还有其他字符',
};

const FIELD_COLUMN: Record<ValidationField, CsvColumn> = {
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  note: 'note',
};

/** Column positions and messages of one file. */
class Layout {
  readonly col = new Map<CsvColumn, number>();
  constructor(readonly file: string | undefined) {}

  at(row: number, column?: CsvColumn): ExchangeLocation {
    const location: ExchangeLocation = { row };
    if (this.file !== undefined) location.file = this.file;
    const index = column === undefined ? undefined : this.col.get(column);
    if (column !== undefined && index !== undefined) {
      location.column = String(index + 1);
      location.field = column;
    }
    return location;
  }

  /** Reads the header row; false (with the problems listed) when the rows cannot be read with it. */
  readHeader(header: string[], issues: IssueList): boolean {
    const before = issues.count;
    header.forEach((name, index) => {
      const where = { ...this.at(1), column: String(index + 1), field: name || '（空）' };
      if (!isKnownColumn(name)) {
        issues.add(where, `未知的列“${name}”：应为 ${REQUIRED_COLUMNS.join(',')}（可另加 source）`);
      } else if (this.col.has(name)) {
        issues.add(where, `列“${name}”重复（第${(this.col.get(name) as number) + 1}列已有）`);
      } else this.col.set(name, index);
    });
    for (const name of REQUIRED_COLUMNS) if (!this.col.has(name)) issues.add(this.at(1), `表头缺少列“${name}”`);
    return issues.count === before;
  }
}

/**
 * Turns records into inputs. A plain class with resolved column indexes: the hot loop of a million-row import
 * allocates the input and its location and little else.
 */
class RowReader {
  private readonly iIndicator: number;
  private readonly iRegion: number;
  private readonly iYear: number;
  private readonly iSex: number;
  private readonly iAge: number;
  private readonly iArea: number;
  private readonly iValue: number;
  private readonly iNumerator: number;
  private readonly iDenominator: number;
  private readonly iNote: number;
  private readonly iSource: number;
  /** Region code → small integer, for the duplicate key. */
  private readonly regionIndex = new Map<string, number>();
  private readonly indicatorIndex = new Map<string, number>();
  private regionByName: Map<string, string> | null = null;
  /**
   * indicator × region → year × cell → the first row holding it. Two levels of small-integer keys: one Map of a
   * million keys beyond the small-integer range (each a heap number) cost more than all other checks of a row.
   */
  private readonly firstRow = new Map<number, Map<number, number>>();
  /** The inner map used last: rows come grouped by indicator and region as a rule. */
  private lastPair = -1;
  private lastRows: Map<number, number> | null = null;

  constructor(
    private readonly layout: Layout,
    private readonly catalogue: ExchangeCatalogue,
    private readonly issues: IssueList,
    private readonly maxYear: number,
  ) {
    const col = layout.col;
    const index = (c: CsvColumn) => col.get(c) ?? -1;
    this.iIndicator = index('indicator_code');
    this.iRegion = index('region_code');
    this.iYear = index('year');
    this.iSex = index('sex');
    this.iAge = index('age_group');
    this.iArea = index('area');
    this.iValue = index('value');
    this.iNumerator = index('numerator');
    this.iDenominator = index('denominator');
    this.iNote = index('note');
    this.iSource = index('source');
    let i = 0;
    for (const code of catalogue.regions.keys()) this.regionIndex.set(code, i++);
    i = 0;
    for (const code of catalogue.indicators.keys()) this.indicatorIndex.set(code, i++);
  }

  private fail(row: number, column: CsvColumn, message: string): void {
    this.issues.add(this.layout.at(row, column), message);
  }

  // Fast path for the common plain number (no result object per cell); everything else goes through
  // parseNumberCell (full-width digits, thousands separators, a trailing % where the unit is %).
  private number(record: string[], index: number, row: number, column: CsvColumn, unit: string): number | null | undefined {
    const raw = (record[index] as string).trim();
    if (raw === '') return null;
    if (PLAIN_NUMBER.test(raw)) {
      const value = Number(raw);
      return value === 0 ? 0 : value;
    }
    const parsed = parseNumberCell(raw, { unit });
    if (parsed.ok) return parsed.value;
    this.fail(row, column, parsed.message);
    return undefined;
  }

  private regionHint(text: string): string {
    if (this.regionByName === null) {
      this.regionByName = new Map();
      for (const [code, name] of this.catalogue.regions) if (!this.regionByName.has(name)) this.regionByName.set(name, code);
    }
    const code = this.regionByName.get(text);
    return code === undefined ? '' : `（${text}的代码是${code}）`;
  }

  read(record: string[], row: number, file: string | undefined): DataValueInput | null {
    const before = this.issues.count;
    const code = (record[this.iIndicator] as string).trim();
    const indicator: IndicatorDefinition | undefined = this.catalogue.indicators.get(code);
    if (code === '') this.fail(row, 'indicator_code', '缺少指标代码');
    else if (indicator === undefined) this.fail(row, 'indicator_code', `指标代码“${code}”不存在`);

    const regionCode = (record[this.iRegion] as string).trim();
    const regionIndex = this.regionIndex.get(regionCode);
    if (regionCode === '') this.fail(row, 'region_code', '缺少地区代码');
    else if (regionIndex === undefined) this.fail(row, 'region_code', `地区代码“${regionCode}”不存在${this.regionHint(regionCode)}`);

    const yearText = (record[this.iYear] as string).trim();
    const year = Number(yearText);
    if (!isFourDigits(yearText)) this.fail(row, 'year', yearText === '' ? '缺少年份' : `年份“${yearText}”无效，应为四位数字的年份（如2024）`);
    else if (year < MIN_DATA_YEAR || year > this.maxYear) this.fail(row, 'year', `年份${year}超出范围（${MIN_DATA_YEAR}—${this.maxYear}年）`);

    const sexText = (record[this.iSex] as string).trim();
    const areaText = (record[this.iArea] as string).trim();
    const ageText = (record[this.iAge] as string).trim();
    let sex: Sex | null = null;
    let area: Area | null = null;
    let ageGroup: string | null = null;
    let cellOk = true;
    // The usual words directly; anything else (女性, 合计…) through cellFromRaw.
    if (sexText === '女' || sexText === '男') sex = sexText;
    else if (sexText !== '') {
      const parsed = cellFromRaw({ sex: sexText });
      if (parsed.ok) sex = parsed.cell.sex;
      else (this.fail(row, 'sex', parsed.message), (cellOk = false));
    }
    if (areaText === '城镇' || areaText === '农村') area = areaText;
    else if (areaText !== '') {
      const parsed = cellFromRaw({ area: areaText });
      if (parsed.ok) area = parsed.cell.area;
      else (this.fail(row, 'area', parsed.message), (cellOk = false));
    }
    if (ageText !== '') {
      const parsed = cellFromRaw({ ageGroup: ageText });
      if (parsed.ok) ageGroup = parsed.cell.ageGroup;
    }
    if (indicator !== undefined && cellOk && (sex !== null || area !== null || ageGroup !== null)) {
      const problem = cellProblem(indicator, { sex, ageGroup, area });
      if (problem !== null) {
        const column: CsvColumn =
          sex !== null && !indicator.disaggregations.includes('sex') ? 'sex'
          : area !== null && !indicator.disaggregations.includes('area') ? 'area'
          : 'age_group';
        this.fail(row, column, problem);
      }
    }

    let value = this.number(record, this.iValue, row, 'value', indicator?.unit ?? '');
    const numerator = this.number(record, this.iNumerator, row, 'numerator', '');
    const denominator = this.number(record, this.iDenominator, row, 'denominator', '');
    if (value === null) {
      if (typeof numerator === 'number' && typeof denominator === 'number') {
        if (denominator <= 0) this.fail(row, 'denominator', `分母为${denominator}，应大于0`);
        else if (indicator !== undefined) value = valueFromRatio(indicator, this.catalogue.rules, numerator, denominator);
      } else if (numerator === null && denominator === null) this.fail(row, 'value', '缺少数值：请填写数值，或同时填写分子和分母');
      else if (denominator === null) this.fail(row, 'denominator', '只填写了分子：请同时填写分母，或直接填写数值');
      else if (numerator === null) this.fail(row, 'numerator', '只填写了分母：请同时填写分子，或直接填写数值');
    }

    if (this.issues.count > before || indicator === undefined || regionIndex === undefined) return null;
    if (value === undefined || numerator === undefined || denominator === undefined) return null;

    // indicator (≤1024) × region (≤2^20) < 2^30; then year offset × sex (3) × area (3) × age group (≤64).
    const ageIndex = ageGroup === null ? 0 : (indicator.ageGroups ?? []).indexOf(ageGroup) + 1;
    const sexIndex = sex === null ? 0 : sex === '女' ? 1 : 2;
    const areaIndex = area === null ? 0 : area === '城镇' ? 1 : 2;
    const pair = (this.indicatorIndex.get(code) as number) * 1_048_576 + regionIndex;
    const key = ((year - MIN_DATA_YEAR) * 9 + sexIndex * 3 + areaIndex) * 64 + ageIndex;
    let rows = pair === this.lastPair ? this.lastRows : null;
    if (rows === null) {
      rows = this.firstRow.get(pair) ?? null;
      if (rows === null) this.firstRow.set(pair, (rows = new Map()));
      this.lastPair = pair;
      this.lastRows = rows;
    }
    const first = rows.get(key);
    if (first !== undefined) {
      this.issues.add(this.layout.at(row), `与第${first}行重复：同一指标、地区、年份和分组只能有一行`);
      return null;
    }
    rows.set(key, row);

    const note = this.iNote < 0 ? '' : unguardText((record[this.iNote] as string).trim());
    const source = this.iSource < 0 ? '' : unguardText((record[this.iSource] as string).trim());
    return {
      indicatorCode: code,
      regionCode,
      year,
      sex,
      ageGroup,
      area,
      value,
      numerator,
      denominator,
      source: source === '' ? null : source,
      note: note === '' ? null : note,
      location: file === undefined ? { row } : { file, row },
    };
  }
}

/**
 * Reads the project's data CSV into inputs for writeDataValues, streaming (csv-parse), checking every row against
 * the catalogue and the indicators' rules. Throws an ExchangeError listing every problem as
 * “第N行，第M列（字段）：原因” (N counts records as a spreadsheet shows them, header = 1); nothing is returned
 * unless the whole file is clean.
 */
export async function parseDataCsv(source: CsvSource, catalogue: ExchangeCatalogue, options: CsvParseOptions = {}): Promise<ParsedCsv> {
  const reading = readDataCsv(source, catalogue, options);
  for (;;) {
    const next = await reading.next();
    if (next.done === true) return next.value;
  }
}

/** Inputs handed over at a time by readDataCsv (tests lower it to stream small files). */
export const CSV_HAND_OVER = { values: 5000 };

/**
 * parseDataCsv as it reads: yields the inputs in batches while the file has shown no error (so that checking and
 * writing them can start before the end), and returns the same ParsedCsv, or throws the same ExchangeError, at
 * the end. A consumer must treat what it was given as provisional until then: the file may still turn out bad.
 */
export async function* readDataCsv(source: CsvSource, catalogue: ExchangeCatalogue, options: CsvParseOptions = {}): AsyncGenerator<DataValueInput[], ParsedCsv> {
  const file = options.file;
  let handedOver = 0;
  const layout = new Layout(file);
  const issues = new IssueList();
  const inputs: DataValueInput[] = [];
  let header: string[] | null = null;
  let reader: RowReader | null = null;
  let row = 0;

  const parser = parse({ relax_column_count: true });
  const feeding = (async () => {
    try {
      for await (const text of decodeUtf8(source)) {
        if (parser.destroyed) return;
        if (!parser.write(text)) await drained(parser);
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      parser.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (reader === null) {
        header = record.map((h) => h.trim().toLowerCase());
        if (!layout.readHeader(header, issues)) break;
        reader = new RowReader(layout, catalogue, issues, options.maxYear ?? new Date().getFullYear());
        continue;
      }
      if (record.length === 1 && (record[0] as string).trim() === '') continue;
      if (record.length !== (header as string[]).length) {
        issues.add(layout.at(row), `本行有${record.length}列，表头有${(header as string[]).length}列：列数应与表头一致（字段中的逗号须用双引号括起）`);
        continue;
      }
      const input = reader.read(record, row, file);
      if (input !== null) inputs.push(input);
      if (inputs.length - handedOver >= CSV_HAND_OVER.values && issues.empty) {
        yield inputs.slice(handedOver);
        handedOver = inputs.length;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      issues.add(null, '文件不是 UTF-8 编码（Excel 默认另存的 CSV 多为 GBK 编码）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新导入');
    } else if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      // The record being read when the error struck: the ones before it were complete.
      issues.add(
        layout.at(parser.info.records + 1),
        `CSV 格式错误：${CSV_ERRORS[err.code] ?? err.message}${line === undefined ? '' : `（文本第${line}行附近）`}`,
      );
    } else {
      throw err;
    }
  } finally {
    // The consumer stopped early (its own error): stop reading the file too.
    if (!parser.writableEnded || !parser.readableEnded) parser.destroy();
  }
  await feeding;

  if (header === null && issues.empty) issues.add(null, '文件是空的：应有表头行和至少一行数据');
  else if (reader !== null && inputs.length === 0 && issues.empty) issues.add(null, '文件只有表头，没有数据行');

  if (reader !== null && (options.checkRules !== 'with-errors' || !issues.empty)) {
    for (const problem of checkValues(inputs, catalogue.indicators, catalogue.rules)) {
      const input = inputs[problem.index] as DataValueInput;
      issues.add(layout.at(input.location?.row ?? 0, FIELD_COLUMN[problem.field]), problem.message);
    }
    issues.issues.sort((a, b) => (a.location?.row ?? 0) - (b.location?.row ?? 0) || Number(a.location?.column ?? 0) - Number(b.location?.column ?? 0));
  }
  issues.throwIfAny(file === undefined ? 'CSV 文件' : `文件“${file}”`);
  if (inputs.length > handedOver) yield inputs.slice(handedOver);

  return {
    inputs,
    locate: (row, field) => layout.at(row, field === null ? undefined : FIELD_COLUMN[field]),
  };
}
