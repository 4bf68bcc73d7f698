export type Sex = '女' | '男';
export type Area = '城镇' | '农村';

/**
 * One disaggregation cell of an indicator's grid. `null` in a dimension means the total over it,
 * so the all-null cell is the 合计 (total) and { sex: '女', ageGroup: null, area: null } is 女 over all ages and areas.
 */
export interface DisaggregationCell {
  sex: Sex | null;
  /** One of the indicator's `ageGroups`, e.g. "0-6岁". */
  ageGroup: string | null;
  area: Area | null;
}

/** The review workflow of a value (and of a form): draft → submitted → approved | returned → submitted … */
export type DataValueStatus = 'draft' | 'submitted' | 'approved' | 'returned';

/** Where a value sits: indicator × region × year × disaggregation. */
export interface DataValueRef {
  indicatorCode: string;
  regionCode: string;
  /** The data year (the year the value describes, not the year it was reported). */
  year: number;
  disaggregation: DisaggregationCell;
}

export interface DataValue extends DataValueRef {
  /** null while the cell is still blank. */
  value: number | null;
  /** For rates: value = numerator / denominator × scale. Roll-up of rates needs both. */
  numerator: number | null;
  denominator: number | null;
  /** Where the number comes from (统计年报, 卫健统计直报 …). */
  source: string | null;
  /** Reporter's remark; explains a large year-on-year change. */
  note: string | null;
  status: DataValueStatus;
  /** Optimistic-locking version, incremented on every change. */
  version: number;
  /** Entered after its round, e.g. 2015–2020 baselines (补录). */
  backfilled: boolean;
}
