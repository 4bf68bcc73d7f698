import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { canRead } from '../../core/access/policies.ts';
import type { Aggregation } from '../../core/indicator/indicator.types.ts';
import type { DataValueStatus } from '../../core/monitoring/data-value.types.ts';
import { compareWithDirect } from '../../core/monitoring/compare-with-direct.ts';
import { cellLabel, disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { rollUpAll } from '../../core/monitoring/rollup.ts';
import type { RollUpCoverage } from '../../core/monitoring/rollup.types.ts';
import type { Database } from '../../storage/schema.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { notFound } from './monitoring.errors.ts';
import { cityChildrenIn, valueResource } from './monitoring-context.ts';

export interface RollUpCellView {
  cellKey: string;
  label: string;
  /** The city's figure from the approved county values (null when it cannot be computed: see reason). */
  rolled: number | null;
  numerator: number | null;
  denominator: number | null;
  complete: boolean;
  reason: string | null;
  contributors: string[];
  missing: string[];
  /** What the city (the reporting department) reported directly, and its status. */
  direct: number | null;
  directStatus: DataValueStatus | null;
  comparable: boolean;
  difference: number | null;
  relativeDifference: number | null;
  mismatch: boolean;
  message: string | null;
}

export interface RollUpIndicatorView {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  aggregation: Aggregation;
  aggregatable: boolean;
  coverage: RollUpCoverage;
  cells: RollUpCellView[];
  /** Any cell where the direct figure differs from the rolled-up one beyond the tolerance. */
  mismatch: boolean;
}

export interface CityRollUp {
  regionCode: string;
  year: number;
  /** The counties and zones under the city that year, in order. */
  children: { code: string; name: string }[];
  indicators: RollUpIndicatorView[];
  /** When the figures were computed: always now, from the stored values (no batch tables). */
  computedAt: string;
}

export interface CityRollUpQuery {
  year: number;
  indicatorCode?: string;
  /** Give a provisional figure from the counties that have approved values (marked incomplete). Default false. */
  allowPartial?: boolean;
  /** Largest accepted relative difference between direct and rolled-up figures (default 0.005 = 0.5%). */
  tolerance?: number;
  /** When given, only indicators whose city figures the actor may read. */
  actor?: Actor;
}

/**
 * The city's figures computed on read from the approved values of its counties and zones in that year (by each
 * indicator's rule: sum, Σnumerators/Σdenominators, or none), beside the city's directly reported figures
 * with mismatches flagged. Nothing is cached: an approval shows in the next read.
 */
export async function cityRollUp(db: Kysely<Database>, query: CityRollUpQuery): Promise<CityRollUp> {
  const { year } = query;
  let catalogue = await loadReportingCatalogue(db);
  if (query.indicatorCode !== undefined) {
    catalogue = catalogue.filter((i) => i.definition.code === query.indicatorCode);
    if (catalogue.length === 0) throw notFound(`指标“${query.indicatorCode}”`);
  }
  const actor = query.actor;
  if (actor !== undefined) {
    catalogue = catalogue.filter((i) => canRead(actor, valueResource(i.definition.code, CITY_REGION_CODE, i.reportingDepartmentId)));
  }
  const children = await cityChildrenIn(db, year);
  const codes = catalogue.map((i) => i.definition.code);
  const childValues = await findDataValues(db, { years: [year], regionCodes: children.codes, indicatorCodes: codes });
  const direct = await findDataValues(db, { years: [year], regionCodes: [CITY_REGION_CODE], indicatorCodes: codes });
  const regionNames = Object.fromEntries(children.names);
  const results = rollUpAll(
    catalogue.map((i) => i.definition),
    childValues,
    {
      parentRegionCode: CITY_REGION_CODE,
      years: [year],
      expectedChildren: () => children.codes,
      regionNames,
      allowPartial: query.allowPartial ?? false,
    },
  );
  const directStatus = new Map(direct.map((v) => [`${v.indicatorCode}|${disaggregationKey(v.disaggregation)}`, v.status] as const));

  const indicators = results.map((r, i): RollUpIndicatorView => {
    const definition = (catalogue[i] as (typeof catalogue)[number]).definition;
    const comparisons = new Map(compareWithDirect(r, direct, query.tolerance).map((c) => [c.cellKey, c] as const));
    const cells: RollUpCellView[] = r.cells.map((c) => {
      const cmp = comparisons.get(c.cellKey);
      return {
        cellKey: c.cellKey,
        label: cellLabel(c.cell),
        rolled: c.value,
        numerator: c.numerator,
        denominator: c.denominator,
        complete: c.complete,
        reason: c.reason,
        contributors: c.contributors,
        missing: c.missing,
        direct: cmp?.direct ?? null,
        directStatus: directStatus.get(`${r.indicatorCode}|${c.cellKey}`) ?? null,
        comparable: cmp?.comparable ?? false,
        difference: cmp?.difference ?? null,
        relativeDifference: cmp?.relativeDifference ?? null,
        mismatch: cmp?.mismatch ?? false,
        message: cmp?.message ?? null,
      };
    });
    // Cells the city reported directly that no county reported (cross cells) still stand beside nothing.
    for (const [key, cmp] of comparisons) {
      if (cells.some((c) => c.cellKey === key)) continue;
      cells.push({
        cellKey: key, label: cellLabel(cmp.cell), rolled: null, numerator: null, denominator: null, complete: false,
        reason: '下级地区未报送该分组', contributors: [], missing: [], direct: cmp.direct,
        directStatus: directStatus.get(`${r.indicatorCode}|${key}`) ?? null, comparable: false, difference: null,
        relativeDifference: null, mismatch: false, message: null,
      });
    }
    return {
      indicatorCode: r.indicatorCode,
      indicatorName: definition.name,
      unit: r.unit,
      aggregation: r.aggregation,
      aggregatable: r.aggregatable,
      coverage: r.coverage,
      cells,
      mismatch: cells.some((c) => c.mismatch),
    };
  });
  return {
    regionCode: CITY_REGION_CODE,
    year,
    children: children.codes.map((code) => ({ code, name: children.names.get(code) ?? code })),
    indicators,
    computedAt: new Date().toISOString(),
  };
}
