import { cleanSubject, isMeasurable } from '../indicator-name.ts';
import { splitTopLevel } from '../sentences.ts';
import { directionOf } from './operators.ts';
import type { ClausePattern, DraftTarget } from './pattern.types.ts';

/*
 * Direction-only targets (逐步提高, 持续下降, 明显提高, 显著减少, 不断提升, 上升趋势减缓 …).
 *
 * Rule chosen: a trend is read only when the direction is stated about a measurable quantity — a name ending in
 * 率, 比例, 比重, 占比, 寿命, 年限, 人数, 数量, 差距, 素养水平 or 事件. Capacity, awareness and “水平” in general
 * (保障水平不断提高, 意识明显增强) are not measurable and are not read.
 * - Goals (recall): subject first (儿童溺水死亡率持续下降, 妇女人均预期寿命延长), verb first
 *   (提高生育保险参保率, 逐步提高…中的女性比例), and 上升趋势减缓/得到有效控制 (→ decrease).
 * - Measures (conservative): only subject first with an explicit adverb (…率逐步提高); verb-first phrases in
 *   measures (提高随访率, 合理控制剖宫产率) are tasks, not monitoring targets, and are not read.
 * A gap (城乡差距逐步缩小) refers to the rates named just before it in the sentence: one trend per rate.
 */

const ADVERB = '(?:逐步|持续|明显|显著|不断|稳步|进一步|有所|大幅|继续|日益)';
const DIRECTION = '(?:提高|提升|增加|增长|上升|延长|增强|扩大|下降|降低|减少|缩小|减缓)';

const SUBJECT_FIRST = new RegExp(`^(?<subject>[^\\d]+?)(?<adverb>${ADVERB})?(?<verb>${DIRECTION})$`);
const RISE_CURBED = /^(?<subject>[^\d]+?)上升趋势(?:得到有效控制|得到控制|得到遏制|有效减缓|有所减缓|减缓|趋缓)$/;
const VERB_FIRST = new RegExp(
  `^(?:积极)?(?:推动有关方面|推动)?(?<adverb>${ADVERB})?(?<verb>提高|提升|降低|减少|缩小|扩大|增加)(?<object>[^\\d]+)$`,
);
const GAP_ONLY = /^(?:城乡|区域|群体|城乡、区域|城乡和区域|城乡、区域和群体|城乡、区域、群体)(?:之间)?(?:的)?差距$/;

export const trendPattern: ClausePattern = ({ clause, source, previous }) => {
  const rise = RISE_CURBED.exec(clause);
  if (rise?.groups && source === 'goal') {
    let subject = cleanSubject(rise.groups.subject ?? '');
    if (!isMeasurable(subject)) subject += '率';
    return { targets: [trend(subject, 'decrease')] };
  }

  const first = SUBJECT_FIRST.exec(clause);
  if (first?.groups) {
    const { adverb, verb = '' } = first.groups;
    const subject = cleanSubject(first.groups.subject ?? '');
    const direction = directionOf(verb);
    if (direction !== null && isMeasurable(subject) && (source === 'goal' || adverb !== undefined)) {
      if (GAP_ONLY.test(subject)) {
        const rates = [...new Set(previous.filter((t) => t.kind !== 'trend').map((t) => t.indicator))];
        if (rates.length > 0) return { targets: rates.map((rate) => trend(`${rate}${subject}`, direction)) };
      }
      return { targets: [trend(subject, direction)] };
    }
  }

  if (source !== 'goal') return null;
  const verbFirst = VERB_FIRST.exec(clause);
  if (verbFirst?.groups) {
    const direction = directionOf(verbFirst.groups.verb ?? '');
    const whole = cleanSubject(verbFirst.groups.object ?? '');
    const parts = splitTopLevel(whole, /^及/).map(cleanSubject);
    const objects = parts.length > 1 && parts.every(isMeasurable) ? parts : [whole];
    if (direction !== null && objects.every(isMeasurable)) {
      return { targets: objects.map((o) => trend(o, direction)) };
    }
  }
  return null;
};

function trend(indicator: string, direction: 'increase' | 'decrease'): DraftTarget {
  return { indicator, kind: 'trend', op: null, value: null, unit: null, baseYear: null, direction };
}
