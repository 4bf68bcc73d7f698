import { splitTopLevel } from './sentences.ts';

/**
 * Indicator names are kept as the plan writes them (学前3年毛入园率, 符合参保条件的妇女基本养老保险参保率):
 * qualifiers stay, only verbs, adverbs and connectives around the name are removed. The catalogue maps
 * these written names to the monitoring indicators through its aliases.
 */

const LEADING_FILLERS = [
  '其中',
  '并且',
  '并',
  '且',
  '同时',
  '应当',
  '应',
  '要',
  '须',
  '必须',
  '一般',
  '原则上',
  '倡导实现',
  '倡导',
  '力争',
  '争取',
  '努力',
  '确保',
  '保证',
  '保障',
  '推动',
  '推进',
  '促进',
  '实现',
  '使',
  '让',
  '全市',
  '全面',
  '进一步',
  '切实',
  '积极',
  '熟练',
  '有效',
];

const TRAILING_FILLERS = ['分别', '均', '都', '一般', '原则上', '应当', '应', '要', '至少', '各', '总体上'];

/** Removes verbs, adverbs and connectives around a subject: 倡导实现高级专业技术人员中的女性比例 → 高级…比例. */
export function cleanSubject(raw: string): string {
  let s = raw.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of LEADING_FILLERS) {
      if (s.startsWith(word) && s.length > word.length) {
        s = s.slice(word.length).trim();
        changed = true;
      }
    }
    for (const word of TRAILING_FILLERS) {
      if (s.endsWith(word) && s.length > word.length) {
        s = s.slice(0, -word.length).trim();
        changed = true;
      }
    }
  }
  return s;
}

/** A count's scope as written before the verb: 区县党政正职中至少 → 区县党政正职; 熟练 → null. */
export function cleanScope(raw: string): string | null {
  let s = raw.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of ['至少', '各', '均', '都', '中', '应当', '应', '要', '一般']) {
      if (s.endsWith(word)) {
        s = s.slice(0, -word.length).trim();
        changed = true;
      }
    }
  }
  s = cleanSubject(s);
  if (s === '' || LEADING_FILLERS.includes(s) || TRAILING_FILLERS.includes(s)) return null;
  return s;
}

/** 以镇（街道）为单位 inside a subject is the scope of the target, not part of the indicator name. */
export function takeUnitScope(subject: string): { subject: string; scope: string | null } {
  const m = /以([^以为]+?)为单位/.exec(subject);
  if (!m) return { subject, scope: null };
  return { subject: (subject.slice(0, m.index) + subject.slice(m.index + m[0].length)).trim(), scope: m[0] };
}

/** What a monitoring indicator is named after: a rate, share, count, span of life or years … */
export const MEASURE_HEAD = /(?:率|比例|比重|占比|寿命|年限|人数|数量|差距|素养水平|事件)$/;

export function isMeasurable(subject: string): boolean {
  return MEASURE_HEAD.test(subject) && measureTail(subject) !== subject;
}

/**
 * The measure words at the end of a name, shared by a list written once:
 * 5岁以下儿童死亡率 → 死亡率, 乳腺癌人群筛查率 → 人群筛查率.
 */
const TAIL_MORPHEMES = [
  '比例',
  '占比',
  '比重',
  '人数',
  '数量',
  '率',
  '数',
  '死亡',
  '筛查',
  '人群',
  '患病',
  '发病',
  '接种',
  '检测',
  '治疗',
  '管理',
  '覆盖',
  '知晓',
  '参保',
  '普及',
  '达标',
  '巩固',
  '中的女性',
  '中女性',
];

export function measureTail(name: string): string {
  let rest = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of TAIL_MORPHEMES) {
      if (rest.endsWith(m)) {
        rest = rest.slice(0, -m.length);
        changed = true;
        break;
      }
    }
  }
  return name.slice(rest.length);
}

/** The population a name starts with: 35—64岁适龄妇女, 5岁以下儿童, 新生儿 … */
const POPULATION =
  /^(?:(?:\d+(?:\.\d+)?(?:[-—–～~]\d+(?:\.\d+)?)?(?:周岁|岁|个月)(?:以下|以上|及以下|及以上)?)?(?:适龄)?(?:妇女|儿童|婴儿|新生儿|婴幼儿|孕产妇|女性|学生|中小学生|女童|青少年|未成年人)|\d+(?:[-—–～~]\d+)?(?:周岁|岁)(?:以下|以上)?)/;

export function populationPrefix(name: string): string | null {
  const m = POPULATION.exec(name);
  return m ? m[0] : null;
}

const LIST_SEPARATORS = /^(?:、|和|及|与)/;

/**
 * Subjects of one sentence with several values: “新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下”.
 * A list is split when 分别 says so, or when every item names its own measure (…管理率和…管理率).
 * The shared measure (死亡率) and the shared population (35—64岁适龄妇女) are written once and distributed.
 * Returns null when the number of subjects and of values do not pair.
 */
export function resolveSubjects(subject: string, valueCount: number, respectively: boolean): string[] | null {
  const items = splitTopLevel(subject, LIST_SEPARATORS);
  const split = items.length > 1 && (respectively || items.every((item) => isMeasurable(item)));
  if (!split) return valueCount === 1 ? [subject] : null;
  const names = distribute(items);
  if (valueCount === 1 || valueCount === names.length) return names;
  return null;
}

/** Parallel qualifiers written once before a shared name: 城市和农村孕产妇住院分娩率. */
const QUALIFIERS = ['城市', '农村', '城镇', '乡村', '男性', '女性', '男童', '女童', '公办', '民办', '男', '女'];

/** The name the items share: after the last item's qualifier when all items are qualifiers, else its measure words. */
function sharedTail(items: string[]): string {
  const last = items[items.length - 1] as string;
  const lead = QUALIFIERS.find((q) => last.startsWith(q) && last.length > q.length);
  if (lead !== undefined && items.slice(0, -1).every((item) => QUALIFIERS.includes(item))) return last.slice(lead.length);
  return measureTail(last);
}

export function distribute(items: string[]): string[] {
  const first = items[0] as string;
  const tail = sharedTail(items);
  const prefix = populationPrefix(first);
  return items.map((item, i) => {
    let name = item;
    if (i < items.length - 1 && tail !== '' && measureTail(name) === '') name += tail;
    if (i > 0 && prefix !== null && populationPrefix(name) === null) name = prefix + name;
    return name;
  });
}
