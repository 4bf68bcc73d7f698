import { cleanSubject, resolveSubjects, takeUnitScope } from '../indicator-name.ts';
import { NUMBER, VALUE_UNIT, canonicalUnit, unitClass } from '../units.ts';
import { LEVEL_VERB, QUALIFIER, comparisonOf } from './operators.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

const VALUE_LIST = `${NUMBER}${VALUE_UNIT}?(?:[、和及与]${NUMBER}${VALUE_UNIT}?)*`;
const LEVEL = new RegExp(
  `^(?<subject>.+?)(?<respectively>分别)?(?<verb>${LEVEL_VERB})(?<values>${VALUE_LIST})(?<qualifier>${QUALIFIER})?$`,
);
const ONE_VALUE = new RegExp(`(${NUMBER})(${VALUE_UNIT})?`, 'g');

/**
 * 孕产妇死亡率控制在8.2/10万以下, 达到85%以上, 超过90%, 为100%, 保持在45%左右, 不少于1小时,
 * 分别控制在3‰、3.3‰和4‰以下. A value in a counting unit (人, 名) makes a count target.
 */
export const levelPattern: ClausePattern = ({ clause, memory }) => {
  const m = LEVEL.exec(clause);
  if (!m?.groups) return null;
  const { subject: rawSubject = '', respectively, verb, values: valueText = '', qualifier } = m.groups;
  const values = [...valueText.matchAll(ONE_VALUE)].map((v) => ({ number: Number(v[1]), unit: canonicalUnit(v[2]) }));
  const lastUnit = values[values.length - 1]?.unit ?? null;
  if (lastUnit === null) return null; // a bare number after a verb is not a target (为单位 … etc.)

  const { subject: withoutScope, scope: unitScope } = takeUnitScope(rawSubject);
  let subject = cleanSubject(withoutScope);
  let scope = unitScope;
  // “其中担任正职的一般不少于3人”: the name ends in 的 and refers back to the item counted just before.
  if (/^其中/.test(rawSubject.trim()) && subject.endsWith('的') && memory.lastItem !== null) {
    subject += memory.lastItem;
    scope ??= memory.lastScope;
  }
  if (subject === '') return null;
  const cls = unitClass(lastUnit);
  if (cls === 'duration' && !/(?:时间|时长)$/.test(subject)) subject += '时间';

  const names = resolveSubjects(subject, values.length, respectively !== undefined);
  if (names === null) return null;
  const op = comparisonOf(verb, qualifier);
  const kind = qualifier === '左右' ? 'approx' : cls === 'count' ? 'count' : 'threshold';
  const targets: DraftTarget[] = names.map((indicator, i) => {
    const v = values.length === 1 ? values[0] : values[i];
    const t: DraftTarget = {
      indicator,
      kind,
      op,
      value: v?.number ?? null,
      unit: v?.unit ?? lastUnit,
      baseYear: null,
    };
    if (scope !== null) t.scope = scope;
    return t;
  });
  return { targets };
};

const REFERENCE = new RegExp(
  '^(?<subject>.+?(?:比例|率|比重|占比))(?:一般|原则上|应当|应)?(?<verb>不低于|不少于|不高于|不超过|高于|低于)(?<reference>[^\\d]+?(?:比例|率|比重|占比|水平))$',
);

/** 女党员代表比例一般不低于本地区党员总数中女性比例: a bound set by another quantity, no number. */
export const referencePattern: ClausePattern = ({ clause }) => {
  const m = REFERENCE.exec(clause);
  if (!m?.groups) return null;
  const { subject = '', verb, reference = '' } = m.groups;
  const indicator = cleanSubject(subject);
  if (indicator === '') return null;
  return {
    targets: [
      { indicator, kind: 'threshold', op: comparisonOf(verb, undefined), value: null, unit: null, baseYear: null, reference },
    ],
  };
};
