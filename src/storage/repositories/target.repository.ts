import type { Kysely } from 'kysely';
import type { PlanRef, StoredTarget } from '../../api/contract.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { TargetKind } from '../../core/target/target.types.ts';
import type { Database } from '../schema.ts';
import { PLAN_KIND_ORDER, chunks, toStoredTarget } from './row-mappers.ts';

/** A target with the goal or measure it comes from. */
export interface TargetWithSource extends StoredTarget {
  source: { type: 'goal' | 'measure'; id: number; plan: PlanRef; domainOrd: number; ord: number };
}

export interface TargetFilter {
  planCode?: string;
  /** Issuing region of the plan, e.g. 370300. */
  regionCode?: string;
  kind?: TargetKind;
  indicatorCode?: string;
  /** true: only targets matched to an indicator; false: only unmatched ones. */
  linked?: boolean;
}

/** Targets of every stored plan (or those the filter selects), in plan → domain → goals, then measures order. */
export async function listTargets(db: Kysely<Database>, filter: TargetFilter = {}): Promise<TargetWithSource[]> {
  const { planCode, regionCode, kind, indicatorCode, linked } = filter;
  const rows = await db
    .selectFrom('targets as t')
    .leftJoin('goals as g', 'g.id', 't.goal_id')
    .leftJoin('measures as m', 'm.id', 't.measure_id')
    .innerJoin('domains as d', (join) => join.on((eb) => eb('d.id', '=', eb.fn.coalesce('g.domain_id', 'm.domain_id'))))
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .selectAll('t')
    .select(['d.ord as domain_ord', 'p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title', 'p.region_code', 'p.period_start'])
    .select((eb) => eb.fn.coalesce('g.ord', 'm.ord').as('source_ord'))
    .$if(planCode !== undefined, (q) => q.where('p.code', '=', planCode as string))
    .$if(regionCode !== undefined, (q) => q.where('p.region_code', '=', regionCode as string))
    .$if(kind !== undefined, (q) => q.where('t.kind', '=', kind as TargetKind))
    .$if(indicatorCode !== undefined, (q) => q.where('t.indicator_code', '=', indicatorCode as string))
    .$if(linked === true, (q) => q.where('t.indicator_code', 'is not', null))
    .$if(linked === false, (q) => q.where('t.indicator_code', 'is', null))
    .execute();
  const sortKey = (r: (typeof rows)[number]) => [r.region_code, r.period_start, PLAN_KIND_ORDER[r.plan_kind], r.domain_ord, r.goal_id !== null ? 0 : 1, r.source_ord, r.ord] as const;
  rows.sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] as string | number;
      const y = kb[i] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return rows.map((r) => ({
    ...toStoredTarget(r),
    source: {
      type: r.goal_id !== null ? 'goal' : 'measure',
      id: (r.goal_id ?? r.measure_id) as number,
      plan: { code: r.plan_code, kind: r.plan_kind as PlanKind, title: r.plan_title },
      domainOrd: r.domain_ord,
      ord: r.source_ord as number,
    },
  }));
}

/** Sets indicator_code of the given targets (one statement per code). */
export async function setTargetIndicatorCodes(db: Kysely<Database>, codes: ReadonlyMap<number, string | null>): Promise<void> {
  const byCode = new Map<string | null, number[]>();
  for (const [id, code] of codes) byCode.set(code, [...(byCode.get(code) ?? []), id]);
  for (const [code, ids] of byCode) {
    for (const part of chunks(ids, 1000)) {
      await db.updateTable('targets').set({ indicator_code: code }).where('id', 'in', part).execute();
    }
  }
}
