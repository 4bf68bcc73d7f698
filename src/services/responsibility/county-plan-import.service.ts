import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { parsePlanFile } from '../../core/plan/parse-plan.ts';
import { PlanParseError } from '../../core/plan/plan.types.ts';
import { matchGoals, matchTargets } from '../../core/responsibility/county-matching.ts';
import type { MatchableGoal, MatchableTarget } from '../../core/responsibility/county-matching.ts';
import { canEditCountyPlan } from '../../core/responsibility/responsibility-access.ts';
import type { CountyItemStatus } from '../../core/responsibility/responsibility.types.ts';
import { FILING_STATUS_LABELS, PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { CountyPlanRow } from '../../storage/schema/responsibility.schema.ts';
import {
  deleteCountyPlanRow,
  findCountyPlanFor,
  insertCountyGoal,
  insertCountyPlan,
  insertCountyTargets,
} from '../../storage/repositories/county-plan.repository.ts';
import type { NewCountyTargetRow } from '../../storage/repositories/county-plan.repository.ts';
import { getPlanTree } from '../../storage/repositories/plan.repository.ts';
import { listRegions } from '../../storage/repositories/region.repository.ts';
import { targetColumns } from '../../storage/repositories/row-mappers.ts';
import { recordEvent } from '../../storage/repositories/task.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { importPlanFile } from '../plan-import.service.ts';
import { loadCityPlans, locatedTargets, targetKey } from './city-plans.ts';
import type { Clock } from './clock.ts';
import { stampOf, todayOf } from './clock.ts';
import { loadCountyPlanView, syncFilingTask } from './county-plan.service.ts';
import { sameTerms, termsOfStored } from './county-plan.view.ts';
import type { CountyPlanView } from './county-plan.view.ts';
import { draftColumns, isEditableStatus } from './plan-filing.ts';
import { badRequest, forbidden, invalidState } from './responsibility.errors.ts';
import type { CountyPlanImportResult } from './responsibility.contract.ts';
export type { CountyPlanImportResult } from './responsibility.contract.ts';

export interface CountyPlanImportInput {
  regionCode: string;
  /** The plan text (UTF-8), in the style of the city plans. */
  text: string;
  fileName?: string | null;
  promulgatedAt?: string | null;
  documentNo?: string | null;
}

const zero = (): Record<CountyItemStatus, number> => ({ adopted: 0, adjusted: 0, not_applicable: 0, added: 0 });

/**
 * Imports a county's plan(s) from their text: parsed with the plan parser, stored as the county's plan
 * (plans.region_code = the county, through importPlanFile), then linked as the county plan of that kind —
 * goals and targets matched to the city plan's (see county-matching.ts) and compared with them. A county plan
 * of the same kind and period that is still a draft (or returned) is replaced; a filed one is not touched.
 */
export async function importCountyPlan(db: Kysely<Database>, actor: Actor, input: CountyPlanImportInput, clock: Clock = {}): Promise<CountyPlanImportResult> {
  if (!canEditCountyPlan(actor, input.regionCode)) throw forbidden('无权导入该区县的规划：区县只能导入本区县的规划');
  const today = todayOf(clock);
  const counties = await listRegions(db, { parentCode: CITY_REGION_CODE, level: 'county', at: today });
  const county = counties.find((c) => c.code === input.regionCode);
  if (county === undefined) throw badRequest(`区划“${input.regionCode}”不是本市的区县或功能区`);
  const fileName = input.fileName ? path.basename(input.fileName) : null;
  let parsed;
  try {
    parsed = parsePlanFile(input.text, { file: fileName ?? undefined });
  } catch (err) {
    if (err instanceof PlanParseError) throw badRequest(`不是可识别的规划文本：${err.message}（未导入任何内容）`);
    throw err;
  }
  const matching: CountyPlanImportResult['matching'] = [];
  const rows = await inTransaction(db, async (trx) => {
    const city = await loadCityPlans(trx);
    // Check every plan of the file before changing anything.
    for (const plan of parsed.plans) {
      if (city.planOf(plan.kind) === undefined) throw badRequest(`市级${PLAN_KIND_LABELS[plan.kind]}发展规划尚未导入，无法对照`);
      const existing = await findCountyPlanFor(trx, county.code, plan.kind, plan.period.start);
      if (existing !== null && !isEditableStatus(existing.status)) {
        throw invalidState(`${county.name}的${plan.title}${FILING_STATUS_LABELS[existing.status]}，不能用导入覆盖（未导入任何内容）`);
      }
    }
    const imported = await importPlanFile(trx, parsed, { regionCode: county.code, sourceFile: fileName });
    const out: CountyPlanRow[] = [];
    for (const result of imported.plans) {
      const tree = await getPlanTree(trx, result.code, county.code);
      const cityPlan = city.planOf(result.kind);
      if (tree === null || cityPlan === undefined) continue;
      const existing = await findCountyPlanFor(trx, county.code, result.kind, tree.period.start);
      if (existing !== null) await deleteCountyPlanRow(trx, existing.id);

      const cityTargets = locatedTargets(cityPlan);
      const countyTargets = locatedTargets(tree);
      const asMatchable = (t: (typeof cityTargets)[number]): MatchableTarget => ({
        key: targetKey(t),
        domainOrd: t.domainOrd,
        indicatorCode: t.target.indicatorCode,
        indicatorName: t.target.indicator,
        kind: t.target.kind,
      });
      const targetMatches = matchTargets(cityTargets.map(asMatchable), countyTargets.map(asMatchable));
      const cityByKey = new Map(cityTargets.map((t) => [targetKey(t), t]));
      const goalMatches = matchGoals(
        cityPlan.domains.flatMap((d) =>
          d.goals.map((g): MatchableGoal => ({ key: `${d.ord}/${g.ord}`, domainOrd: d.ord, ord: g.ord, text: g.text, targetKeys: g.targets.map((_, i) => targetKey({ source: 'goal', domainOrd: d.ord, itemOrd: g.ord, targetOrd: i + 1 })) })),
        ),
        tree.domains.flatMap((d) =>
          d.goals.map(
            (g): MatchableGoal => ({
              key: `${d.ord}/${g.ord}`,
              domainOrd: d.ord,
              ord: g.ord,
              text: g.text,
              targetKeys: g.targets.flatMap((_, i) => targetMatches.get(targetKey({ source: 'goal', domainOrd: d.ord, itemOrd: g.ord, targetOrd: i + 1 })) ?? []),
            }),
          ),
        ),
      );
      const cityGoalText = new Map<string, string>(cityPlan.domains.flatMap((d) => d.goals.map((g) => [`${d.ord}/${g.ord}`, g.text] as const)));

      const at = stampOf(clock);
      const plan = await insertCountyPlan(trx, {
        region_code: county.code,
        plan_kind: result.kind,
        period_start: tree.period.start,
        period_end: tree.period.end,
        title: tree.title,
        origin: 'imported',
        imported_plan_id: result.planId,
        source_file: fileName,
        promulgated_at: input.promulgatedAt ?? existing?.promulgated_at ?? null,
        document_no: input.documentNo?.trim() || existing?.document_no || null,
        ...draftColumns(actor, at),
        // A returned plan replaced by an import keeps its first filing date (the one-month rule judges it).
        filed_at: existing?.filed_at ?? null,
        filed_recorded_at: existing?.filed_recorded_at ?? null,
      });
      const goalCounts = zero();
      const targetCounts = zero();
      const targets: NewCountyTargetRow[] = [];
      const targetRow = (t: (typeof countyTargets)[number], goalId: number | null, ord: number): NewCountyTargetRow => {
        const cityKey = targetMatches.get(targetKey(t));
        const city = cityKey === undefined ? undefined : cityByKey.get(cityKey);
        const status: CountyItemStatus = city === undefined ? 'added' : sameTerms(termsOfStored(city.target), termsOfStored(t.target)) ? 'adopted' : 'adjusted';
        targetCounts[status]++;
        return {
          county_plan_id: plan.id,
          county_goal_id: goalId,
          domain_ord: t.domainOrd,
          ord,
          ...targetColumns(t.target),
          status,
          reason: null,
          city_source: city?.source ?? null,
          city_domain_ord: city?.domainOrd ?? null,
          city_item_ord: city?.itemOrd ?? null,
          city_target_ord: city?.targetOrd ?? null,
        };
      };
      for (const domain of tree.domains) {
        for (const goal of domain.goals) {
          const cityKey = goalMatches.get(`${domain.ord}/${goal.ord}`);
          const status: CountyItemStatus = cityKey === undefined ? 'added' : cityGoalText.get(cityKey) === goal.text ? 'adopted' : 'adjusted';
          goalCounts[status]++;
          const [cityDomain, cityGoal] = cityKey === undefined ? [null, null] : (cityKey.split('/').map(Number) as [number, number]);
          const g = await insertCountyGoal(trx, {
            county_plan_id: plan.id,
            domain_ord: domain.ord,
            ord: goal.ord,
            text: goal.text,
            units_text: [goal.leadUnits.length ? `牵头：${goal.leadUnits.map((u) => u.name).join('、')}` : '', goal.responsibleUnits.length ? `责任：${goal.responsibleUnits.map((u) => u.name).join('、')}` : '']
              .filter(Boolean)
              .join('；'),
            status,
            reason: null,
            city_domain_ord: cityDomain,
            city_goal_ord: cityGoal,
          });
          countyTargets
            .filter((t) => t.source === 'goal' && t.domainOrd === domain.ord && t.itemOrd === goal.ord)
            .forEach((t, i) => targets.push(targetRow(t, g.id, i + 1)));
        }
        countyTargets.filter((t) => t.source === 'measure' && t.domainOrd === domain.ord).forEach((t, i) => targets.push(targetRow(t, null, i + 1)));
      }
      await insertCountyTargets(trx, targets);
      const covered = new Set(targets.flatMap((t) => (t.city_source == null ? [] : [targetKey({ source: t.city_source, domainOrd: t.city_domain_ord as number, itemOrd: t.city_item_ord as number, targetOrd: t.city_target_ord as number })])));
      matching.push({ planKind: result.kind, goals: goalCounts, targets: targetCounts, missingCityTargets: cityTargets.filter((t) => !covered.has(targetKey(t))).length });
      await recordEvent(trx, {
        at,
        user_id: actor.userId,
        user_name: actor.displayName,
        entity: 'county_plan',
        entity_id: plan.id,
        action: 'county_plan.import',
        note: `由文本导入${fileName ? `（${fileName}）` : ''}：目标${tree.goalCount}项，量化目标${targets.length}个`,
      });
      await syncFilingTask(trx, actor, plan, clock);
      out.push(plan);
    }
    return out;
  });
  const city = await loadCityPlans(db);
  const plans: CountyPlanView[] = [];
  for (const row of rows) plans.push(await loadCountyPlanView(db, actor, row, clock, city));
  return { plans, matching };
}
