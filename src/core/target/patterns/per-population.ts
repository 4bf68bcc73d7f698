import { cleanSubject } from '../indicator-name.ts';
import { NUMBER, perPopulationUnit } from '../units.ts';
import { LEVEL_VERB, QUALIFIER, comparisonOf } from './operators.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

const BASE = /^(?<before>.*?)每(?<base>(?:千|万|十万|百)(?:名儿童|名学生|人口|名|人|户))/;
const ITEM = new RegExp(
  `^(?<subject>.+?)(?<verb>${LEVEL_VERB})?(?<value>${NUMBER})(?<unit>名|张|个|所|人|床|次)(?<qualifier>${QUALIFIER})?(?:、|$)`,
);

/**
 * Rates per population: 每千名儿童拥有儿科执业（助理）医生0.85名、床位增至2.2张 (two targets in 名/千名儿童 and
 * 张/千名儿童), 每千人口3岁以下婴幼儿托位数达到4.5个 (个/千人).
 */
export const perPopulationPattern: ClausePattern = ({ clause }) => {
  const b = BASE.exec(clause);
  if (!b?.groups) return null;
  const base = b.groups.base ?? '';
  const baseText = `每${base}`;
  let rest = clause.slice(b[0].length);
  const targets: DraftTarget[] = [];
  while (rest !== '') {
    const m = ITEM.exec(rest);
    if (!m?.groups) return null;
    const { subject = '', verb, value, unit = '', qualifier } = m.groups;
    let name = cleanSubject(subject.replace(/^拥有/, ''));
    if (name === '') return null;
    if (!/数$/.test(name)) name += '数';
    targets.push({
      indicator: `${baseText}${name}`,
      kind: 'threshold',
      op: comparisonOf(verb, qualifier),
      value: Number(value),
      unit: perPopulationUnit(unit, base),
      baseYear: null,
    });
    rest = rest.slice(m[0].length);
  }
  return targets.length > 0 ? { targets } : null;
};
