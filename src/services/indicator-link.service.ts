import type { Kysely } from 'kysely';
import { matchIndicator } from '../core/indicator/catalogue.ts';
import type { Database } from '../storage/schema.ts';
import { listIndicatorDefinitions } from '../storage/repositories/indicator.repository.ts';
import { listTargets, setTargetIndicatorCodes } from '../storage/repositories/target.repository.ts';

export interface LinkResult {
  /** Targets now linked to an indicator. */
  linked: number;
  /** Targets with no indicator (deadlines, and names the catalogue does not hold: for review). */
  unlinked: number;
  /** Targets whose link changed in this run. */
  changed: number;
}

/**
 * Sets each stored target's indicator_code from the stored catalogue: by name or alias within the target's plan
 * and domain (matchIndicator). Links are always recomputed from the catalogue, so a renamed or removed alias
 * never leaves a stale link behind; a target nothing (or more than one entry) matches has none.
 */
export async function linkTargetsToIndicators(db: Kysely<Database>): Promise<LinkResult> {
  const catalogue = await listIndicatorDefinitions(db);
  const changes = new Map<number, string | null>();
  let linked = 0;
  for (const t of await listTargets(db)) {
    const matched = matchIndicator(catalogue, { indicator: t.indicator, kind: t.kind, scope: t.scope }, { plan: t.source.plan.kind, domain: t.source.domainOrd });
    const code = matched?.code ?? null;
    if (code !== null) linked++;
    if (code !== t.indicatorCode) changes.set(t.id, code);
  }
  await setTargetIndicatorCodes(db, changes);
  const total = (await db.selectFrom('targets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return { linked, unlinked: Number(total) - linked, changed: changes.size };
}
