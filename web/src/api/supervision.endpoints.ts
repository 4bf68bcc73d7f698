import { getJson, sendJson } from './client.ts';
import type { GoalRef, MeetingKind, PilotStatus } from '../../../src/core/responsibility/responsibility.types.ts';
import type { MeetingView, PilotView, SupervisionView, TaskView } from '../../../src/services/responsibility/responsibility.contract.ts';

export type {
  DecisionView,
  FindingView,
  FollowUpState,
  MeetingView,
  MilestoneView,
  PilotView,
  RectificationReport,
  SupervisionView,
  TaskView,
  UnitView,
} from '../../../src/services/responsibility/responsibility.contract.ts';
export type { GoalRef, MeetingKind, PilotStatus };

const seg = (value: string | number) => encodeURIComponent(String(value));

/** A unit named by a supervision, meeting or pilot: a department, a county, or a name only (某某小学). */
export interface UnitInput {
  departmentId?: number | null;
  regionCode?: string | null;
  name?: string | null;
}

/** The owner of a follow-up task: a department or a county. */
export interface OwnerInput {
  departmentId?: number | null;
  regionCode?: string | null;
}

export interface NewFinding {
  text: string;
  unit?: UnitInput | null;
  goal?: GoalRef | null;
}

export interface NewSupervision {
  title: string;
  visitDate: string;
  inspectors?: string;
  summary?: string;
  units: UnitInput[];
  findings?: NewFinding[];
}

export interface FollowUpTaskInput {
  title?: string;
  description?: string;
  dueDate?: string;
  owner?: OwnerInput | null;
}

export interface NewDecision {
  text: string;
  owner?: OwnerInput | null;
  dueDate?: string | null;
}

export interface NewMeeting {
  kind: MeetingKind;
  title?: string;
  heldOn: string;
  location?: string;
  minutes?: string;
  attendees?: UnitInput[];
  decisions?: NewDecision[];
}

export interface NewMilestone {
  title: string;
  dueDate: string;
  doneAt?: string | null;
  note?: string | null;
}

export interface NewPilot {
  title: string;
  description?: string;
  periodStart: string;
  periodEnd: string;
  status?: PilotStatus;
  results?: string;
  goals: GoalRef[];
  units: UnitInput[];
  milestones?: NewMilestone[];
}

export type PilotChanges = Partial<Omit<NewPilot, 'milestones'>>;

/** Supervision visits and their findings (src/api/routes/responsibility/supervision.routes.ts). */
export const supervisionApi = {
  list: (q: { from?: string; to?: string } = {}, signal?: AbortSignal) => getJson<SupervisionView[]>('/supervisions', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => getJson<SupervisionView>(`/supervisions/${seg(id)}`, undefined, signal),
  create: (input: NewSupervision) => sendJson<SupervisionView>('POST', '/supervisions', input),
  update: (id: number, changes: Partial<Omit<NewSupervision, 'findings'>>) => sendJson<SupervisionView>('PATCH', `/supervisions/${seg(id)}`, changes),
  addFinding: (id: number, finding: NewFinding) => sendJson<SupervisionView>('POST', `/supervisions/${seg(id)}/findings`, finding),
  /** The office turns a finding into a rectification task (default owner: the unit the finding concerns). */
  assign: (findingId: number, input: FollowUpTaskInput & { dueDate: string }) => sendJson<SupervisionView>('POST', `/supervision-findings/${seg(findingId)}/task`, input),
  /** The task's owner reports the rectification. */
  report: (findingId: number, note: string) => sendJson<SupervisionView>('POST', `/supervision-findings/${seg(findingId)}/report`, { note }),
  /** The office closes the finding (销号): its task is done. */
  close: (findingId: number, note?: string) => sendJson<SupervisionView>('POST', `/supervision-findings/${seg(findingId)}/close`, note ? { note } : {}),
};

/** Meetings, their decisions and the decisions' tasks (meetings.routes.ts). */
export const meetingApi = {
  list: (q: { kind?: MeetingKind; from?: string; to?: string } = {}, signal?: AbortSignal) => getJson<MeetingView[]>('/meetings', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => getJson<MeetingView>(`/meetings/${seg(id)}`, undefined, signal),
  create: (input: NewMeeting) => sendJson<MeetingView>('POST', '/meetings', input),
  update: (id: number, changes: Partial<Omit<NewMeeting, 'decisions'>>) => sendJson<MeetingView>('PATCH', `/meetings/${seg(id)}`, changes),
  addDecision: (id: number, decision: NewDecision) => sendJson<MeetingView>('POST', `/meetings/${seg(id)}/decisions`, decision),
  /** A decision becomes a task (default: the decision's unit and time limit). */
  assign: (decisionId: number, input: FollowUpTaskInput = {}) => sendJson<MeetingView>('POST', `/meeting-decisions/${seg(decisionId)}/task`, input),
  /** The owner (or the office) marks a decision's task done. */
  completeTask: (taskId: number, note?: string) => sendJson<TaskView>('POST', `/tasks/${seg(taskId)}/complete`, note ? { note } : {}),
};

/** Pilot projects, their milestones and results (pilots.routes.ts). */
export const pilotApi = {
  list: (q: { status?: PilotStatus } = {}, signal?: AbortSignal) => getJson<PilotView[]>('/pilots', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => getJson<PilotView>(`/pilots/${seg(id)}`, undefined, signal),
  create: (input: NewPilot) => sendJson<PilotView>('POST', '/pilots', input),
  update: (id: number, changes: PilotChanges) => sendJson<PilotView>('PATCH', `/pilots/${seg(id)}`, changes),
  addMilestone: (id: number, milestone: NewMilestone) => sendJson<PilotView>('POST', `/pilots/${seg(id)}/milestones`, milestone),
  setMilestoneDone: (milestoneId: number, done: boolean, doneAt?: string) =>
    sendJson<PilotView>('PATCH', `/pilot-milestones/${seg(milestoneId)}`, doneAt ? { done, doneAt } : { done }),
};
