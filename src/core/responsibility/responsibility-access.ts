import type { Actor } from '../access/actor.types.ts';
import { CITY_REGION_CODE } from '../access/actor.types.ts';
import { hasRole } from '../access/policies.ts';

/**
 * Who may do what with responsibility records. Pure: the services ask these on every change; the web front
 * end asks the same ones only to show or hide buttons.
 *
 * - The committee office (role admin) manages everything: supervision, meetings, pilots, every task, the
 *   review of county plans and implementation plans.
 * - A county's user (region = the county, no department) with the reporter role drafts and files that
 *   county's plan, and no other county's.
 * - A department's user (department set) with the reporter role drafts and files that department's
 *   implementation plans, and no other department's.
 * - The owner of a task (its department's or county's reporters and reviewers) marks it done; a supervision
 *   finding's owner reports the rectification instead, and the office closes it.
 * - The statistics bureau (stats) also manages data-round tasks (it runs the rounds).
 * - A department's responsibility list (责任清单) is read by the office, the statistics bureau, viewers and
 *   city-level staff, and by the department's own users; not by another department.
 * - Reading: every logged-in user reads county plans, implementation plans,
 *   supervision, meetings and pilots (shared among the committee's member units); tasks are read by the
 *   office, the statistics bureau, viewers and city-level staff, and by their owner's users.
 */
export function isOffice(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}

function countyOf(actor: Actor): string | null {
  if (actor.departmentId !== null) return null;
  if (actor.regionCode === null || actor.regionCode === '' || actor.regionCode === CITY_REGION_CODE) return null;
  return actor.regionCode;
}

export function canEditCountyPlan(actor: Actor, regionCode: string): boolean {
  if (isOffice(actor)) return true;
  return hasRole(actor, 'reporter') && countyOf(actor) === regionCode;
}

export function canEditImplementationPlan(actor: Actor, departmentId: number): boolean {
  if (isOffice(actor)) return true;
  return hasRole(actor, 'reporter') && actor.departmentId !== null && actor.departmentId === departmentId;
}

/** Accepting (审阅) or returning a filed plan: the office. */
export function canReviewPlans(actor: Actor): boolean {
  return isOffice(actor);
}

/** Supervision visits, meetings, pilots. */
export function canManageRecords(actor: Actor): boolean {
  return isOffice(actor);
}

export interface TaskOwner {
  departmentId: number | null;
  regionCode: string | null;
}

function ownsTask(actor: Actor, owner: TaskOwner): boolean {
  if (actor.departmentId !== null) return owner.departmentId === actor.departmentId;
  const county = countyOf(actor);
  if (county !== null) return owner.departmentId === null && owner.regionCode === county;
  return false;
}

/** Creating, editing, cancelling a task of this kind. */
export function canManageTask(actor: Actor, kind: string): boolean {
  return isOffice(actor) || (kind === 'data_round' && hasRole(actor, 'stats'));
}

/**
 * Marking a task done. A supervision finding's rectification is the exception: its owner reports the
 * rectification (canReportRectification) and the office, having checked it, closes the task (销号).
 */
export function canCompleteTask(actor: Actor, task: TaskOwner & { kind: string }): boolean {
  if (canManageTask(actor, task.kind)) return true;
  if (task.kind === 'supervision_followup') return false;
  return (hasRole(actor, 'reporter') || hasRole(actor, 'reviewer')) && ownsTask(actor, task);
}

/** Reporting the rectification of a supervision finding: the task's owner (reporters, reviewers) or the office. */
export function canReportRectification(actor: Actor, owner: TaskOwner): boolean {
  if (isOffice(actor)) return true;
  return (hasRole(actor, 'reporter') || hasRole(actor, 'reviewer')) && ownsTask(actor, owner);
}

/** Reading every task (else only the actor's own). */
export function readsAllTasks(actor: Actor): boolean {
  if (isOffice(actor) || hasRole(actor, 'stats') || hasRole(actor, 'viewer')) return true;
  return actor.departmentId === null && actor.regionCode === CITY_REGION_CODE;
}

export function canReadTask(actor: Actor, owner: TaskOwner): boolean {
  return readsAllTasks(actor) || ownsTask(actor, owner);
}

/** The scope an actor's task lists are limited to, or null for all. */
export function taskScopeOf(actor: Actor): TaskOwner | null {
  if (readsAllTasks(actor)) return null;
  if (actor.departmentId !== null) return { departmentId: actor.departmentId, regionCode: null };
  const county = countyOf(actor);
  // No department and no county: nothing of one's own (an impossible owner).
  return { departmentId: null, regionCode: county ?? '' };
}

/** A department's responsibility list (it carries the department's tasks and warnings). */
export function canReadResponsibilityList(actor: Actor, departmentId: number): boolean {
  return readsAllTasks(actor) || actor.departmentId === departmentId;
}
