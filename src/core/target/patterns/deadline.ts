import { cleanSubject } from '../indicator-name.ts';
import type { ClausePattern } from './pattern.types.ts';

const DEADLINE =
  /^(?<subject>.+?)(?:颁布|印发|出台|发布|公布|批准)后(?<value>\d+)(?<unit>个月|个工作日|日|天|周|年)内(?<verb>报送|报|提交|完成|备案)(?<object>.*)$/;

/** 各区县规划颁布后1个月内报送市妇儿工委办公室: a task with a deadline, not an indicator. */
export const deadlinePattern: ClausePattern = ({ clause }) => {
  const m = DEADLINE.exec(clause);
  if (!m?.groups) return null;
  const { subject = '', value, unit = '', verb = '', object = '' } = m.groups;
  const task = cleanSubject(subject);
  if (task === '') return null;
  return {
    targets: [
      { indicator: `${task}${verb}${object}`, kind: 'deadline', op: null, value: Number(value), unit, baseYear: null },
    ],
  };
};
