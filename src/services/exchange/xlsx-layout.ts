import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { DataValue, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';

/**
 * The data-entry template of a form: one sheet “填报” with a header block, then one row per indicator × cell
 * (a clerk reads down one column of inputs; indicators have different cells, so a matrix would leave most
 * cells blank), and a very hidden sheet “_meta” that maps each data row back to its indicator and cell.
 */
export const ENTRY_SHEET = '填报';
export const META_SHEET = '_meta';
export const TEMPLATE_VERSION = 1;

/** Columns of the data rows, by header text (the upload finds them by text, so a moved column still reads). */
export const COLUMNS = {
  ordinal: '序号',
  code: '指标代码',
  name: '指标名称',
  cell: '分组',
  unit: '单位',
  previous: '上年数值',
  value: '本年数值',
  numerator: '分子',
  denominator: '分母',
  source: '数据来源',
  note: '备注',
  definition: '指标解释',
} as const;

export type ColumnKey = keyof typeof COLUMNS;

export const COLUMN_ORDER: readonly ColumnKey[] = [
  'ordinal',
  'code',
  'name',
  'cell',
  'unit',
  'previous',
  'value',
  'numerator',
  'denominator',
  'source',
  'note',
  'definition',
];

/** Columns the upload needs (the others are labels for the clerk). */
export const REQUIRED_UPLOAD_COLUMNS: readonly ColumnKey[] = ['code', 'value', 'numerator', 'denominator', 'source', 'note'];

export const HEADER_ROW = 6;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** Default upload limit: 10 MB (a county's form is about 60 KB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What a template is built from and an upload is checked against. */
export interface TemplateForm {
  formId: number;
  /** The round's title, e.g. “2024年度妇女儿童发展规划监测数据填报”. */
  roundTitle: string;
  year: number;
  dueDate: string;
  regionCode: string;
  regionName: string;
  /** The reporting department of a department form (city values); null for a county's form. */
  departmentName: string | null;
  indicators: readonly IndicatorDefinition[];
  rules: readonly ValidationRuleSet[];
  /** Stored values of the round year (prefilled; a cleared cell is written as blank). */
  current: readonly DataValue[];
  /** Approved values of the year before (shown beside each cell). */
  previous: readonly DataValue[];
}

/** A label of the form for messages: “2024年 张店区” / “2024年 市卫生健康委”. */
export function formLabel(form: Pick<TemplateForm, 'year' | 'regionName' | 'departmentName'>): string {
  return `${form.year}年 ${form.departmentName ?? form.regionName}`;
}

export interface TemplateRow {
  indicator: IndicatorDefinition;
  cell: DisaggregationCell;
  cellKey: string;
}
