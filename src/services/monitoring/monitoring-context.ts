import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import type { FormResource, ValueResource } from '../../core/access/policies.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import { gridCells, disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { hierarchyAt, yearEnd } from '../../core/region/region-hierarchy.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormRow } from '../../storage/schema/monitoring.schema.ts';
import { loadRegionHistory } from '../../storage/repositories/region.repository.ts';
import type { ReportingIndicator } from '../../storage/repositories/round.repository.ts';
import type { DataValueInput } from './data-value.contract.ts';

/** Shared helpers of the monitoring services. */

export const nowIso = (): string => new Date().toISOString();

export const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function actorRef(actor: Actor): { id: number; name: string } {
  return { id: actor.userId, name: actor.displayName || actor.username };
}

export function formResource(form: Pick<FormRow, 'kind' | 'department_id' | 'region_code'>): FormResource {
  return form.kind === 'department' && form.department_id !== null
    ? { type: 'form', kind: 'department', departmentId: form.department_id }
    : { type: 'form', kind: 'region', regionCode: form.region_code };
}

export function valueResource(indicatorCode: string, regionCode: string, reportingDepartmentId: number | null): ValueResource {
  return { type: 'value', indicatorCode, regionCode, reportingDepartmentId };
}

/** The indicators a form holds: a department's, for the city; every indicator, for a county. */
export function formIndicators(form: Pick<FormRow, 'kind' | 'department_id'>, catalogue: readonly ReportingIndicator[]): ReportingIndicator[] {
  return form.kind === 'department' ? catalogue.filter((i) => i.reportingDepartmentId === form.department_id) : [...catalogue];
}

/** The counties and zones under the city in a data year (the tree as it stood at the year's end). */
export async function cityChildrenIn(db: Kysely<Database>, year: number): Promise<{ codes: string[]; names: Map<string, string> }> {
  const { regions, links } = await loadRegionHistory(db, CITY_REGION_CODE.slice(0, 4));
  const hierarchy = hierarchyAt(regions, yearEnd(year), links);
  const codes = hierarchy.childrenOf(CITY_REGION_CODE);
  return { codes, names: new Map(codes.map((c) => [c, hierarchy.regions.get(c)?.name ?? c] as const)) };
}

/** The cells that must hold a value under the rules: the total, the grid, or listed keys. */
export function requiredCellKeys(indicator: IndicatorDefinition, rules: ValidationRuleSet): string[] {
  const cells = rules.required.cells;
  if (cells === 'total') return ['_T'];
  if (cells === 'grid') return gridCells(indicator).map(disaggregationKey);
  return [...cells];
}

/** “工作表“数据”第12行F列：”, “第7行：”, or '' — the prefix of an issue's message. */
export function locationText(location: DataValueInput['location']): string {
  if (location === undefined) return '';
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(`文件“${location.file}”`);
  if (location.sheet !== undefined) parts.push(`工作表“${location.sheet}”`);
  if (location.row !== undefined) parts.push(`第${location.row}行`);
  else if (location.line !== undefined) parts.push(`第${location.line}行`);
  if (location.column !== undefined) parts.push(`${location.column}列`);
  return parts.join('');
}

/** A stored ISO timestamp as Beijing time for messages: 2025-03-02 18:15. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
