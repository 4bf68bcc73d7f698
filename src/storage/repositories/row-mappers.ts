import type { StoredTarget, PlanRef } from '../../api/contract.ts';
import type { TargetRow } from '../schema.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Target } from '../../core/target/target.types.ts';

/** A stored target as the domain's Target (optional fields only when set), with its id. */
export function toStoredTarget(row: TargetRow): StoredTarget {
  const target: StoredTarget = {
    id: row.id,
    indicator: row.indicator_name,
    indicatorCode: row.indicator_code,
    kind: row.kind,
    op: row.op,
    value: row.value,
    unit: row.unit,
    baseYear: row.base_year,
    targetYear: row.target_year,
    text: row.text,
  };
  if (row.direction !== null) target.direction = row.direction;
  if (row.ratio_left !== null && row.ratio_right !== null) target.ratio = [row.ratio_left, row.ratio_right];
  if (row.scope !== null) target.scope = row.scope;
  if (row.reference !== null) target.reference = row.reference;
  return target;
}

/** A target's terms as the columns of the city's and the counties' target tables (toStoredTarget's inverse). */
export function targetColumns(t: Target) {
  return {
    indicator_name: t.indicator,
    indicator_code: t.indicatorCode,
    kind: t.kind,
    op: t.op,
    value: t.value,
    unit: t.unit,
    base_year: t.baseYear,
    target_year: t.targetYear,
    text: t.text,
    direction: t.direction ?? null,
    ratio_left: t.ratio?.[0] ?? null,
    ratio_right: t.ratio?.[1] ?? null,
    scope: t.scope ?? null,
    reference: t.reference ?? null,
  };
}

export function parseJsonList<T = string>(text: string | null): T[] {
  if (text === null || text === '') return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

export function planRef(row: { plan_code: string; plan_kind: PlanKind; plan_title: string }): PlanRef {
  return { code: row.plan_code, kind: row.plan_kind, title: row.plan_title };
}

/** Women's plan before children's, as the two plans are issued and read. */
export const PLAN_KIND_ORDER: Record<PlanKind, number> = { women: 0, children: 1 };

/** Splits a list so that each part fits one statement's parameter budget. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
