import type { Kysely } from 'kysely';
import type { PlanTree, StoredTarget } from '../../api/contract.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { checkFiling, FILING_STATE_LABELS } from '../../core/responsibility/filing-rule.ts';
import type { FilingCheck, FilingState } from '../../core/responsibility/filing-rule.ts';
import { canEditCountyPlan, canReviewPlans } from '../../core/responsibility/responsibility-access.ts';
import type { CountyItemStatus } from '../../core/responsibility/responsibility.types.ts';
import { COUNTY_ITEM_STATUS_LABELS, FILING_STATUS_LABELS, PLAN_KIND_LABELS } from '../../core/responsibility/responsibility.types.ts';
import { compareTargets, COMPARISON_LABELS } from '../../core/responsibility/target-comparison.ts';
import type { TargetTerms } from '../../core/responsibility/target-comparison.ts';
import type { Database } from '../../storage/schema.ts';
import type { CountyPlanGoalRow, CountyPlanRow, CountyPlanTargetRow } from '../../storage/schema/responsibility.schema.ts';
import { listEvents } from '../../storage/repositories/task.repository.ts';
import type { CityPlans, LocatedTarget } from './city-plans.ts';
import { locatedTargets, targetKey } from './city-plans.ts';
import { isEditableStatus } from './plan-filing.ts';
import type { CityTargetRef, CountyTargetView, CountyGoalView, CountyPlanHeader, CountyPlanView } from './responsibility.contract.ts';
export type { CityTargetRef, CountyTargetView, CountyGoalView, CountyPlanSummary, CountyPlanHeader, CountyPlanView } from './responsibility.contract.ts';

export function termsOfStored(t: StoredTarget): TargetTerms {
  return { indicatorCode: t.indicatorCode, kind: t.kind, op: t.op, value: t.value, unit: t.unit, baseYear: t.baseYear, direction: t.direction ?? null, reference: t.reference ?? null };
}

export function termsOfRow(t: CountyPlanTargetRow): TargetTerms {
  return { indicatorCode: t.indicator_code, kind: t.kind, op: t.op, value: t.value, unit: t.unit, baseYear: t.base_year, direction: t.direction, reference: t.reference };
}

/** Whether two targets state the same thing (so a county target is “adopted”, not “adjusted”). */
export function sameTerms(a: TargetTerms, b: TargetTerms): boolean {
  return (
    a.kind === b.kind &&
    a.op === b.op &&
    a.value === b.value &&
    a.unit === b.unit &&
    (a.baseYear ?? null) === (b.baseYear ?? null) &&
    (a.direction ?? null) === (b.direction ?? null) &&
    (a.reference ?? null) === (b.reference ?? null)
  );
}

export function cityTargetIndex(plan: PlanTree | undefined): Map<string, LocatedTarget> {
  return new Map((plan === undefined ? [] : locatedTargets(plan)).map((t) => [targetKey(t), t]));
}

function cityRefOf(t: LocatedTarget): CityTargetRef {
  return {
    source: t.source,
    domainOrd: t.domainOrd,
    itemOrd: t.itemOrd,
    targetOrd: t.targetOrd,
    text: t.target.text,
    indicatorName: t.target.indicator,
    kind: t.target.kind,
    op: t.target.op,
    value: t.target.value,
    unit: t.target.unit,
  };
}

export function cityKeyOfRow(row: CountyPlanTargetRow): string | null {
  if (row.city_source === null || row.city_domain_ord === null || row.city_item_ord === null || row.city_target_ord === null) return null;
  return targetKey({ source: row.city_source, domainOrd: row.city_domain_ord, itemOrd: row.city_item_ord, targetOrd: row.city_target_ord });
}

export function targetView(row: CountyPlanTargetRow, cityIndex: Map<string, LocatedTarget>): CountyTargetView {
  const key = cityKeyOfRow(row);
  const city = key === null ? undefined : cityIndex.get(key);
  const comparison =
    city === undefined || row.status === 'not_applicable'
      ? null
      : (() => {
          const c = compareTargets(termsOfStored(city.target), termsOfRow(row));
          return { result: c.result, label: COMPARISON_LABELS[c.result], reason: c.reason };
        })();
  return {
    id: row.id,
    countyGoalId: row.county_goal_id,
    domainOrd: row.domain_ord,
    ord: row.ord,
    indicatorName: row.indicator_name,
    indicatorCode: row.indicator_code,
    kind: row.kind,
    op: row.op,
    value: row.value,
    unit: row.unit,
    baseYear: row.base_year,
    targetYear: row.target_year,
    text: row.text,
    direction: row.direction,
    scope: row.scope,
    reference: row.reference,
    status: row.status,
    statusLabel: COUNTY_ITEM_STATUS_LABELS[row.status],
    reason: row.reason,
    city: city === undefined ? null : cityRefOf(city),
    comparison,
    weaker: comparison?.result === 'weaker',
  };
}

const zeroCounts = (): Record<CountyItemStatus, number> => ({ adopted: 0, adjusted: 0, not_applicable: 0, added: 0 });

export function filingOf(row: CountyPlanRow, today: string): FilingCheck & { stateLabel: string } {
  const check = checkFiling({ promulgatedAt: row.promulgated_at, filedAt: row.filed_at, today });
  return { ...check, stateLabel: FILING_STATE_LABELS[check.state] };
}

/** The header and counts of a county plan, from its rows and the current city plan. */
export function headerOf(
  row: CountyPlanRow,
  regionName: string,
  goals: readonly CountyPlanGoalRow[],
  targets: readonly CountyTargetView[],
  cityIndex: Map<string, LocatedTarget>,
  today: string,
): CountyPlanHeader {
  const goalsByStatus = zeroCounts();
  for (const g of goals) goalsByStatus[g.status]++;
  const targetsByStatus = zeroCounts();
  for (const t of targets) targetsByStatus[t.status]++;
  const covered = new Set(targets.flatMap((t) => (t.city === null ? [] : [targetKey(t.city)])));
  return {
    id: row.id,
    region: { code: row.region_code, name: regionName },
    planKind: row.plan_kind,
    kindLabel: `${PLAN_KIND_LABELS[row.plan_kind]}发展规划`,
    period: { start: row.period_start, end: row.period_end },
    title: row.title,
    origin: row.origin,
    sourceFile: row.source_file,
    status: row.status,
    statusLabel: FILING_STATUS_LABELS[row.status],
    promulgatedAt: row.promulgated_at,
    documentNo: row.document_no,
    filedAt: row.filed_at,
    filedRecordedAt: row.filed_recorded_at,
    filedBy: row.filed_by_name,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by_name,
    reviewNote: row.review_note,
    version: row.version,
    filing: filingOf(row, today),
    summary: {
      goals: goals.length,
      goalsByStatus,
      targets: targets.length,
      targetsByStatus,
      weaker: targets.filter((t) => t.weaker).length,
      stronger: targets.filter((t) => t.comparison?.result === 'stronger').length,
      missingCityTargets: [...cityIndex.keys()].filter((k) => !covered.has(k)).length,
    },
  };
}

export async function buildCountyPlanView(
  db: Kysely<Database>,
  actor: Actor | null,
  row: CountyPlanRow,
  parts: { goals: CountyPlanGoalRow[]; targets: CountyPlanTargetRow[]; city: CityPlans; regionName: string; today: string },
): Promise<CountyPlanView> {
  const cityPlan = parts.city.planOf(row.plan_kind);
  const cityIndex = cityTargetIndex(cityPlan);
  const targetViews = parts.targets.map((t) => targetView(t, cityIndex));
  const header = headerOf(row, parts.regionName, parts.goals, targetViews, cityIndex, parts.today);
  const cityGoalText = new Map<string, string>();
  for (const d of cityPlan?.domains ?? []) for (const g of d.goals) cityGoalText.set(`${d.ord}/${g.ord}`, g.text);
  const domainOrds = [...new Set([...(cityPlan?.domains.map((d) => d.ord) ?? []), ...parts.goals.map((g) => g.domain_ord), ...parts.targets.map((t) => t.domain_ord)])].sort((a, b) => a - b);
  const domains = domainOrds.map((ord) => ({
    ord,
    title: cityPlan?.domains.find((d) => d.ord === ord)?.title ?? `领域${ord}`,
    goals: parts.goals
      .filter((g) => g.domain_ord === ord)
      .map(
        (g): CountyGoalView => ({
          id: g.id,
          domainOrd: g.domain_ord,
          ord: g.ord,
          text: g.text,
          unitsText: g.units_text,
          status: g.status,
          statusLabel: COUNTY_ITEM_STATUS_LABELS[g.status],
          reason: g.reason,
          city:
            g.city_domain_ord === null || g.city_goal_ord === null
              ? null
              : { domain: g.city_domain_ord, goal: g.city_goal_ord, text: cityGoalText.get(`${g.city_domain_ord}/${g.city_goal_ord}`) ?? '' },
          targets: targetViews.filter((t) => t.countyGoalId === g.id).sort((a, b) => a.ord - b.ord),
        }),
      ),
    measureTargets: targetViews.filter((t) => t.countyGoalId === null && t.domainOrd === ord),
  }));
  const covered = new Set(targetViews.flatMap((t) => (t.city === null ? [] : [targetKey(t.city)])));
  const coveredGoals = new Set(parts.goals.flatMap((g) => (g.city_domain_ord === null ? [] : [`${g.city_domain_ord}/${g.city_goal_ord}`])));
  const events = await listEvents(db, 'county_plan', row.id);
  return {
    ...header,
    domains,
    missingCityTargets: [...cityIndex.entries()].filter(([k]) => !covered.has(k)).map(([, t]) => cityRefOf(t)),
    missingCityGoals: [...cityGoalText.entries()]
      .filter(([k]) => !coveredGoals.has(k))
      .map(([k, text]) => {
        const [domain, goal] = k.split('/').map(Number) as [number, number];
        return { domain, goal, text };
      }),
    events: events.map((e) => ({ at: e.at, user: e.user_name, action: e.action, note: e.note })),
    can: {
      edit: actor !== null && canEditCountyPlan(actor, row.region_code) && isEditableStatus(row.status),
      file: actor !== null && canEditCountyPlan(actor, row.region_code) && isEditableStatus(row.status),
      review: actor !== null && canReviewPlans(actor) && row.status === 'filed',
    },
  };
}

export type { FilingState };
