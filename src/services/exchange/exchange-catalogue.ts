import type { Kysely } from 'kysely';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { loadValidationRules } from '../../storage/repositories/data-value.repository.ts';
import { listIndicatorDefinitions } from '../../storage/repositories/indicator.repository.ts';
import type { Database } from '../../storage/schema.ts';

/** What a file is checked against: the indicator catalogue, the regions, the indicators' validation rules. */
export interface ExchangeCatalogue {
  indicators: ReadonlyMap<string, IndicatorDefinition>;
  /** Region code → name. */
  regions: ReadonlyMap<string, string>;
  /** Stored rule sets (indicators without one get the defaults). */
  rules: readonly ValidationRuleSet[];
}

export function catalogueOf(
  indicators: readonly IndicatorDefinition[],
  regions: ReadonlyArray<{ code: string; name: string }>,
  rules: readonly ValidationRuleSet[] = [],
): ExchangeCatalogue {
  return {
    indicators: new Map(indicators.map((i) => [i.code, i] as const)),
    regions: new Map(regions.map((r) => [r.code, r.name] as const)),
    rules,
  };
}

/** The catalogue from storage: every indicator, every region (of any validity), the stored rules. */
export async function loadExchangeCatalogue(db: Kysely<Database>): Promise<ExchangeCatalogue> {
  const indicators = await listIndicatorDefinitions(db);
  const regions = await db.selectFrom('regions').select(['code', 'name']).execute();
  return catalogueOf(indicators, regions, await loadValidationRules(db));
}
