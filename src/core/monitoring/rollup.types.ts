import type { Aggregation } from '../indicator/indicator.types.ts';
import type { DataValueStatus, DisaggregationCell } from './data-value.types.ts';

export interface RollUpOptions {
  /** The region the figure is for, e.g. 370300 (淄博市). */
  parentRegionCode: string;
  year: number;
  /** The parent's child regions as they stood in `year` (from the region hierarchy), in display order. */
  expectedChildren: readonly string[];
  /** Statuses of child values that count; default approved only. */
  statuses?: readonly DataValueStatus[];
  /**
   * Give a provisional figure from the children that have data while others are missing (marked incomplete).
   * Default false: a total over part of the children is never shown as the city's figure.
   */
  allowPartial?: boolean;
  /** Region names for the Chinese reasons; codes are shown otherwise. */
  regionNames?: Readonly<Record<string, string>>;
}

export interface RolledCell {
  cell: DisaggregationCell;
  cellKey: string;
  /** The parent's value, or null when it cannot be computed (see `reason`). */
  value: number | null;
  /** Σ numerators and Σ denominators of a ratio indicator (null for sums and when not computed). */
  numerator: number | null;
  denominator: number | null;
  /** Every expected child contributed and the value was computed. */
  complete: boolean;
  /** Why the value is null or provisional, in Chinese; null when complete. */
  reason: string | null;
  /** Children whose counted value entered the figure. */
  contributors: string[];
  /** Expected children without a counted value for this cell. */
  missing: string[];
  /** Children whose counted value lacks a numerator or denominator (ratio indicators only). */
  missingNumeratorDenominator: string[];
}

export interface RollUpCoverage {
  expected: string[];
  /** Expected children with at least one counted value of the indicator for the year. */
  contributed: string[];
  /** Expected children with none. */
  missing: string[];
  /** Missing children that do have values, just not in a counted status yet (e.g. submitted, returned). */
  pending: Array<{ regionCode: string; statuses: DataValueStatus[] }>;
  /** Regions that sent values but are not children for that year (ignored), e.g. after a 区划调整. */
  unexpected: string[];
  /** contributed / expected, 0–1 (1 when nothing is expected). */
  share: number;
}

export interface RollUpResult {
  indicatorCode: string;
  regionCode: string;
  year: number;
  unit: string;
  aggregation: Aggregation;
  /** false for indicators the city reports directly ('none'). */
  aggregatable: boolean;
  cells: RolledCell[];
  coverage: RollUpCoverage;
}
