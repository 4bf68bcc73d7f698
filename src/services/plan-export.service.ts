import type { Kysely } from 'kysely';
import type { StoredTarget, PlanTree } from '../api/contract.ts';
import type { Target } from '../core/target/target.types.ts';
import type { Database } from '../storage/schema.ts';
import { getPlanTree, listPlans } from '../storage/repositories/plan.repository.ts';

/** The documented export shape of `fuer plan export --json` (issue 2). */
export interface PlanExport {
  plans: {
    code: string;
    kind: PlanTree['kind'];
    title: string;
    regionCode: string;
    period: { start: number; end: number };
    domains: {
      ord: number;
      title: string;
      goals: { ord: number; text: string; leadUnits: string[]; responsibleUnits: string[]; unitGroups: string[]; targets: Target[] }[];
      measures: { ord: number; title: string; text: string; targets: Target[] }[];
    }[];
  }[];
}

const toTarget = ({ id: _id, ...target }: StoredTarget): Target => target;

export async function exportPlans(db: Kysely<Database>, filter: { regionCode?: string } = {}): Promise<PlanExport> {
  const summaries = (await listPlans(db)).filter((p) => !filter.regionCode || p.regionCode === filter.regionCode);
  const plans: PlanExport['plans'] = [];
  for (const summary of summaries) {
    const tree = await getPlanTree(db, summary.code, summary.regionCode);
    if (!tree) continue;
    plans.push({
      code: tree.code,
      kind: tree.kind,
      title: tree.title,
      regionCode: tree.regionCode,
      period: tree.period,
      domains: tree.domains.map((d) => ({
        ord: d.ord,
        title: d.title,
        goals: d.goals.map((g) => ({
          ord: g.ord,
          text: g.text,
          leadUnits: g.leadUnits.map((u) => u.name),
          responsibleUnits: g.responsibleUnits.map((u) => u.name),
          unitGroups: g.unitGroups,
          targets: g.targets.map(toTarget),
        })),
        measures: d.measures.map((m) => ({ ord: m.ord, title: m.title, text: m.text, targets: m.targets.map(toTarget) })),
      })),
    });
  }
  return { plans };
}
