import { cleanSubject } from '../indicator-name.ts';
import { NUMBER, canonicalUnit } from '../units.ts';
import { comparisonOf, directionOf } from './operators.ts';
import type { ClausePattern } from './pattern.types.ts';

const CHANGE_VERB = '(?:下降|降低|减少|提高|提升|增长|增加|上升)';

const RELATIVE = new RegExp(
  `^(?<subject>.+?)(?:以(?<base>\\d{4})年为基数|(?:比|较|与)(?<base2>\\d{4})年(?:相比)?)(?<verb>${CHANGE_VERB})(?<value>${NUMBER})(?<unit>%|个百分点|百分点)(?<qualifier>以上|左右)?$`,
);

/** 儿童意外伤害死亡率以2020年为基数下降20%: a change of at least the value from the base year's level. */
export const relativeChangePattern: ClausePattern = ({ clause }) => {
  const m = RELATIVE.exec(clause);
  if (!m?.groups) return null;
  const { subject = '', base, base2, verb = '', value, unit, qualifier } = m.groups;
  const direction = directionOf(verb);
  const indicator = cleanSubject(subject);
  if (direction === null || indicator === '') return null;
  return {
    targets: [
      {
        indicator,
        kind: 'relative_change',
        op: qualifier === '左右' ? '=' : '>=',
        value: Number(value),
        unit: canonicalUnit(unit),
        baseYear: Number(base ?? base2),
        direction,
      },
    ],
  };
};

const ANNUAL = new RegExp(
  `^(?<subject>.+?)(?:年)?(?:平均)?每年(?:平均)?(?<verb>${CHANGE_VERB})(?<value>${NUMBER})(?<unit>个百分点|百分点|%)(?<qualifier>以上|左右|以内)?$`,
);

/** 儿童总体近视率平均每年降低1个百分点以上: a yearly change of at least the value. */
export const annualChangePattern: ClausePattern = ({ clause }) => {
  const m = ANNUAL.exec(clause);
  if (!m?.groups) return null;
  const { subject = '', verb = '', value, unit, qualifier } = m.groups;
  const direction = directionOf(verb);
  const indicator = cleanSubject(subject);
  if (direction === null || indicator === '') return null;
  return {
    targets: [
      {
        indicator,
        kind: 'annual_change',
        op: qualifier === undefined ? '>=' : comparisonOf(undefined, qualifier),
        value: Number(value),
        unit: canonicalUnit(unit),
        baseYear: null,
        direction,
      },
    ],
  };
};
