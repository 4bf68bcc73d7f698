/**
 * Stored evaluation results (migration 0008-evaluation-cache): see src/services/evaluation/evaluation-cache.service.ts.
 */

/** One indicator's evaluation of one year in one scope (plan kind and configuration), as last computed. */
export interface EvaluationCacheTable {
  year: number;
  indicator_code: string;
  /** Hash of the plan-kind filter and the configuration overrides the evaluation ran with. */
  scope: string;
  /** Hash of every input but the data values: engine sources, indicator, targets, regions, configuration. */
  signature: string;
  /** Sum of the indicator's data epochs of the years up to `year` when the values were read. */
  data_stamp: number;
  /** One letter per target × region (targets outer, regions inner, in the evaluation context's order). */
  statuses: string;
  /** JSON: the records' computed fields, the gaps and the spread. */
  payload: string;
  computed_at: string;
}

/** Raised (by the readers, from evaluation_data_changes) whenever an approved value of the indicator and year was written or removed. */
export interface EvaluationDataEpochsTable {
  indicator_code: string;
  year: number;
  epoch: number;
}

/** Marked by triggers on data_values: an approved value of the indicator and year was written or removed. */
export interface EvaluationDataChangesTable {
  indicator_code: string;
  year: number;
}

export interface EvaluationCacheTables {
  evaluation_data_changes: EvaluationDataChangesTable;
  evaluation_cache: EvaluationCacheTable;
  evaluation_data_epochs: EvaluationDataEpochsTable;
}
