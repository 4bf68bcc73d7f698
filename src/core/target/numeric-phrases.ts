import { NUMBER, VALUE_UNITS } from './units.ts';

/**
 * What a number in the text is:
 * - value: a quantity with a unit (85%, 8.2/10万, 1名, 3：2, 一半) — must end up in a target or in 待核对;
 * - year (2020年), age (35—64岁, 0-6个月婴儿, 6月龄), name (inside “…” or 《…》), document (〔2021〕172号),
 *   bare (a number without unit, e.g. an enumerator （1）): never targets by themselves.
 */
export type NumericRole = 'value' | 'year' | 'age' | 'name' | 'document' | 'bare';

export interface NumericPhrase {
  /** Normalised text of the phrase (ASCII digits). */
  text: string;
  start: number;
  end: number;
  /** The (first) number; 50 for 一半. */
  number: number;
  unit: string | null;
  role: NumericRole;
}

// The grammar's value units plus the units of ages and document numbers, which are numbers but never targets.
// Longest first, so that 个月 wins over 个 and 周岁 over 岁 in the alternation.
const PHRASE_UNITS = [...VALUE_UNITS, '个月', '月龄', '周岁', '岁', '号'].sort((a, b) => b.length - a.length);

const PHRASE = new RegExp(
  String.raw`一半|半数|(${NUMBER})(?:[-—–～~至到](${NUMBER}))?(?:([:：])(${NUMBER})|(${PHRASE_UNITS.map((u) => u.replace('/', '\\/')).join('|')}))?`,
  'g',
);

const AGE_AFTER_MONTHS = /^(?:以下|以上|及以下|及以上)?(?:的)?(?:婴儿|婴幼儿|儿童|新生儿|龄)/;

/** Every number in the (normalised) text, classified. */
export function findNumericPhrases(text: string): NumericPhrase[] {
  const quoted = quotedRanges(text);
  const out: NumericPhrase[] = [];
  for (const m of text.matchAll(PHRASE)) {
    const start = m.index;
    const phrase = m[0];
    const end = start + phrase.length;
    if (phrase === '一半' || phrase === '半数') {
      out.push({ text: phrase, start, end, number: 50, unit: '%', role: roleInContext('value', start, quoted) });
      continue;
    }
    const [, first, , colon, , unitWritten] = m;
    const unit = colon !== undefined ? '比' : (unitWritten ?? null);
    const number = Number(first);
    out.push({ text: phrase, start, end, number, unit, role: roleInContext(classify(text, phrase, unit, end, number), start, quoted) });
  }
  return out;
}

function classify(text: string, phrase: string, unit: string | null, end: number, number: number): NumericRole {
  if (unit === null) return 'bare';
  if (unit === '号') return 'document';
  if (unit === '岁' || unit === '周岁' || unit === '月龄') return 'age';
  if (unit === '个月' && AGE_AFTER_MONTHS.test(text.slice(end))) return 'age';
  if (unit === '年' && /^\d{4}年$/.test(phrase) && number >= 1900 && number <= 2100) return 'year';
  return 'value';
}

function roleInContext(role: NumericRole, start: number, quoted: Array<[number, number]>): NumericRole {
  return quoted.some(([from, to]) => start > from && start < to) ? 'name' : role;
}

/** Ranges inside “…”, 《…》, 〔…〕: names, titles and document numbers, not quantities. */
function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/“[^”]*”|《[^》]*》|〔[^〕]*〕|「[^」]*」/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}
