import { cleanSubject } from '../indicator-name.ts';
import { NUMBER } from '../units.ts';
import type { ClausePattern } from './pattern.types.ts';

const RATIO = new RegExp(
  `^(?<subject>.*?)(?<verb>至少为|不低于|不少于|至少达到|达到|提高到|提高至|增至|为)?(?<a>${NUMBER})[:：](?<b>${NUMBER})(?<qualifier>以上)?$`,
);

/**
 * 女性厕位与男性厕位的比例至少为3：2 → ratio [3,2], value 1.5, ≥.
 * A following clause without its own name (人流量较大地区提高到2：1) keeps the ratio and names a scope.
 */
export const ratioPattern: ClausePattern = ({ clause, memory }) => {
  const m = RATIO.exec(clause);
  if (!m?.groups) return null;
  const { subject = '', a = '', b = '' } = m.groups;
  const left = Number(a);
  const right = Number(b);
  if (right === 0) return null;
  const written = cleanSubject(subject);
  let indicator: string;
  let scope: string | null = null;
  if (/(?:比例|比值|比)$/.test(written)) {
    indicator = written;
    memory.lastRatio = written;
  } else if (memory.lastRatio !== null) {
    indicator = memory.lastRatio;
    scope = written === '' ? null : written;
  } else if (written !== '') {
    indicator = written;
  } else {
    return null;
  }
  return {
    targets: [
      {
        indicator,
        kind: 'ratio',
        op: '>=',
        value: Math.round((left / right) * 10000) / 10000,
        unit: null,
        baseYear: null,
        ratio: [left, right],
        ...(scope === null ? {} : { scope }),
      },
    ],
  };
};
