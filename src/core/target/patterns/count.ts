import { cleanScope, cleanSubject } from '../indicator-name.ts';
import { impliedCountUnit } from '../units.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

const COUNT_UNIT = '(?:名|所|家|个|次|项|人)';
const FORWARD = new RegExp(
  `^(?<before>[^\\d]*?)(?<verb>配备|建立|设立|建成|引入或孵化|引入|孵化|组织|掌握|举办)(?<between>[^\\d]*?)(?<least>至少)?(?<rest>\\d+${COUNT_UNIT}.+)$`,
);
const ITEM = new RegExp(`^(?<n>\\d+)(?<unit>${COUNT_UNIT})(?<above>以上)?(?<item>.+?)(?:和(?=\\d+${COUNT_UNIT})|$)`);

/**
 * Counts per organisation or region, number before the item:
 * 领导班子至少各配备1名女干部, 各区县引入或孵化至少1家儿童类社会组织,
 * 中小学每学期至少组织1次家庭教育指导和1次家庭教育实践活动 (two targets), 熟练掌握1项以上受益终身的运动技能.
 */
export const countPattern: ClausePattern = ({ clause, memory }) => {
  const m = FORWARD.exec(clause);
  if (!m?.groups) return null;
  const { before = '', rest: restText = '' } = m.groups;
  const scope = cleanScope(before);
  let rest = restText;
  const targets: DraftTarget[] = [];
  while (rest !== '') {
    const i = ITEM.exec(rest);
    if (!i?.groups) return null;
    const { n, unit = '', item = '' } = i.groups;
    const indicator = cleanSubject(item);
    if (indicator === '') return null;
    const t: DraftTarget = { indicator, kind: 'count', op: '>=', value: Number(n), unit, baseYear: null };
    if (scope !== null) t.scope = scope;
    targets.push(t);
    memory.lastItem = indicator;
    rest = rest.slice(i[0].length);
  }
  memory.lastScope = scope;
  return targets.length > 0 ? { targets } : null;
};

const REVERSED = new RegExp(
  `^(?<before>[^\\d]*?)(?<verb>新建、改扩建|新建和改扩建|新建|改扩建|建设|建成|培育|打造)(?<item>[^\\d]+?)(?<n>\\d+)(?<unit>所|家|个|名)(?<above>以上)?$`,
);

/** A city-wide count, number after the item: 新建、改扩建幼儿园300所以上, 建设省级高水平职业院校5所. */
export const reversedCountPattern: ClausePattern = ({ clause }) => {
  const m = REVERSED.exec(clause);
  if (!m?.groups) return null;
  const { verb = '', item = '', n, unit = '' } = m.groups;
  return { targets: [{ indicator: `${verb}${item}`, kind: 'count', op: '>=', value: Number(n), unit, baseYear: null }] };
};

const ADMIN_UNIT = '(?:各)?(?:市|区县|县|镇（街道）|乡镇（街道）|乡镇|街道|村（社区）|村（居）|社区|村)';
const IMPLIED = new RegExp(`^(?<scope>${ADMIN_UNIT})(?:均|都)?(?<verb>配备)(?<item>[^\\d]+)$`);
const EVERY = /^(?<before>[^\d]*?)(?<scope>每(?:个|所|一个|一所)[^\d]+?)都(?<verb>建成|建立|设立|配备)(?<item>[^\d]+)$/;

/**
 * A count of one implied by the wording: 镇（街道）配备儿童督导员, 每个区县都建成具有标杆引领作用的托育服务机构.
 * Only administrative units or 每个/每所 qualify, so that “按标准配备校医” stays a task.
 */
export const impliedCountPattern: ClausePattern = ({ clause }) => {
  const m = IMPLIED.exec(clause) ?? EVERY.exec(clause);
  if (!m?.groups) return null;
  const { scope = '', item = '' } = m.groups;
  const indicator = cleanSubject(item);
  if (indicator === '') return null;
  return {
    targets: [
      { indicator, kind: 'count', op: '>=', value: 1, unit: impliedCountUnit(indicator), baseYear: null, scope },
    ],
  };
};
