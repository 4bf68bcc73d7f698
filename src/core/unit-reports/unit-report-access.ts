import type { Actor } from '../access/actor.types.ts';
import { CITY_REGION_CODE } from '../access/actor.types.ts';
import { hasRole } from '../access/policies.ts';

/**
 * Who may do what with the units' reports. Pure: the services ask on every change, the web only to show buttons.
 * - The office (admin) opens rounds, comments, returns, approves, publishes; it reads every report.
 * - A department's reporter or reviewer writes and submits its own department's report, and no other's; a
 *   county committee's user (region = the county, no department) its county's report.
 * - The statistics bureau, viewers (the coordination group, evaluators) and city-level staff read every report.
 */
export interface ReportUnit {
  unitKind: 'department' | 'county';
  departmentId: number | null;
  regionCode: string | null;
}

export const isOffice = (actor: Actor): boolean => hasRole(actor, 'admin');

function countyOf(actor: Actor): string | null {
  if (actor.departmentId !== null) return null;
  if (actor.regionCode === null || actor.regionCode === '' || actor.regionCode === CITY_REGION_CODE) return null;
  return actor.regionCode;
}

/** The report belongs to the actor's own department or county. */
export function ownsUnitReport(actor: Actor, unit: ReportUnit): boolean {
  if (unit.unitKind === 'department') return actor.departmentId !== null && actor.departmentId === unit.departmentId;
  const county = countyOf(actor);
  return county !== null && county === unit.regionCode;
}

export function canWriteUnitReport(actor: Actor, unit: ReportUnit): boolean {
  return (hasRole(actor, 'reporter') || hasRole(actor, 'reviewer')) && ownsUnitReport(actor, unit);
}

/** Reading every unit's report (else only one's own). */
export function readsAllUnitReports(actor: Actor): boolean {
  if (isOffice(actor) || hasRole(actor, 'stats') || hasRole(actor, 'viewer')) return true;
  return actor.departmentId === null && actor.regionCode === CITY_REGION_CODE;
}

export function canReadUnitReport(actor: Actor, unit: ReportUnit): boolean {
  return readsAllUnitReports(actor) || ownsUnitReport(actor, unit);
}

/** Opening rounds, returning, approving, publishing. */
export const canManageUnitReports = isOffice;

/** A review comment on a submitted report: the office and the coordination group (reviewers, viewers). */
export function canCommentUnitReport(actor: Actor): boolean {
  return isOffice(actor) || ((hasRole(actor, 'viewer') || hasRole(actor, 'reviewer')) && readsAllUnitReports(actor));
}

/** Starting a correction (new version) of a published report: the unit itself or the office. */
export function canCorrectUnitReport(actor: Actor, unit: ReportUnit): boolean {
  return isOffice(actor) || canWriteUnitReport(actor, unit);
}
