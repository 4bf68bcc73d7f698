import { isIsoDate } from '../responsibility/dates.ts';

/**
 * Changing a round's deadline (调整截止日期): the office moves the whole round's date, or extends it for one
 * unit (a department or a county that asked). Pure rules shared by the units' report rounds and the monitoring
 * data rounds.
 *
 * - A unit's deadline is the later of the round's date and its own extension: an extension only ever adds time,
 *   and a later move of the whole round past it absorbs it.
 * - Lateness is judged against the deadline in force now. A unit that submitted after the old date but on or
 *   before the new one is on time after an extension: that is what an extension means. A new date may not lie
 *   in the past, so no submission already made can become late by a change.
 */

export const MAX_REASON_LENGTH = 500;

/** The deadline in force for a unit: the round's, or its own extension when that is later. */
export function effectiveDue(roundDue: string, extensionDue: string | null | undefined): string {
  return extensionDue !== null && extensionDue !== undefined && extensionDue > roundDue ? extensionDue : roundDue;
}

export interface DeadlineProposal {
  /** The new date asked for. */
  proposed: string;
  /** The deadline in force now (the round's, or the unit's when extending one unit). */
  current: string;
  /** Today in the office's time zone. */
  today: string;
  /** The day the round was opened. */
  openedOn: string;
  /** Data rounds: the date must lie after the end of the data year. */
  dataYear?: number;
  /** Extending one unit: the round's own date, which the extension must exceed. */
  roundDue?: string;
}

/** Why a new deadline cannot be taken (Chinese, for the user), or null when it can. */
export function deadlineProblem(p: DeadlineProposal): string | null {
  if (!isIsoDate(p.proposed)) return `截止日期“${p.proposed}”无效，应为 YYYY-MM-DD 格式的日期`;
  if (p.proposed < p.today) return `新的截止日期${p.proposed}已经过去（今天是${p.today}），不能把截止日期调整到过去的日期`;
  if (p.proposed < p.openedOn) return `新的截止日期${p.proposed}早于本轮次的发起日期${p.openedOn}，不能采用`;
  if (p.dataYear !== undefined && p.proposed <= `${p.dataYear}-12-31`) return `截止日期（${p.proposed}）应在数据年度${p.dataYear}年结束之后`;
  if (p.roundDue !== undefined && p.proposed <= p.roundDue) {
    return `单位延期的截止日期应晚于本轮统一截止日期${p.roundDue}；如需把全部单位的截止日期统一调整，请不要指定单位`;
  }
  if (p.proposed === p.current) return `新的截止日期与当前截止日期（${p.current}）相同，无需调整`;
  return null;
}

/** The reason, trimmed, or why it is not acceptable. */
export function reasonProblem(reason: string | undefined): string | null {
  const text = reason?.trim() ?? '';
  if (text === '') return '调整截止日期须说明理由';
  if (text.length > MAX_REASON_LENGTH) return `理由过长：不超过${MAX_REASON_LENGTH}字`;
  return null;
}

/** One unit's extension, as the API shows it. */
export interface DeadlineExtensionView {
  /** 'department:<id>', or 'county:<code>' (report rounds) / 'region:<code>' (data rounds). */
  unitKey: string;
  unitName: string;
  departmentId: number | null;
  regionCode: string | null;
  dueDate: string;
  reason: string;
  setByName: string;
  setAt: string;
}

/** One change of a round's deadline (from the audit log), newest last. */
export interface DeadlineChangeView {
  at: string;
  userName: string;
  /** null: the whole round; else the unit that got an extension. */
  unitName: string | null;
  unitKey: string | null;
  before: string;
  after: string;
  reason: string;
}
