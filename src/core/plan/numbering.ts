/**
 * Chinese numbering used by plan texts: 一、 / （一） / 1. / （1）, and Chinese numerals up to 99.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 一 → 1, 十 → 10, 十四 → 14, 二十 → 20, 二十三 → 23. Null when the text is not such a numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  const ten = text.indexOf('十');
  if (ten === -1) {
    return text.length === 1 ? (DIGITS[text] ?? null) : null;
  }
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const tensText = text.slice(0, ten);
  const unitsText = text.slice(ten + 1);
  const tens = tensText === '' ? 1 : tensText.length === 1 ? DIGITS[tensText] : undefined;
  const units = unitsText === '' ? 0 : unitsText.length === 1 ? DIGITS[unitsText] : undefined;
  if (tens === undefined || units === undefined || tens === 0) return null;
  if (unitsText !== '' && units === 0) return null;
  return tens * 10 + units;
}

/** 1 → 一, 10 → 十, 14 → 十四, 20 → 二十 (1–99). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`toChineseNumeral: ${n}`);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const unitsText = units === 0 ? '' : DIGIT_CHARS[units];
  if (tens === 0) return unitsText ?? '';
  return `${tens === 1 ? '' : DIGIT_CHARS[tens]}十${unitsText}`;
}

export interface NumberedLine {
  /** The number as a value, e.g. 3 for 三、 or （3）. */
  n: number;
  /** The numbering as written, e.g. 三、 or （3）. */
  label: string;
  /** What follows the numbering, trimmed. */
  rest: string;
}

const CN = '[零〇一二两三四五六七八九十]{1,3}';
const TOP_SECTION = new RegExp(`^(${CN})、\\s*(.*)$`);
const SUB_SECTION = new RegExp(`^[（(](${CN})[）)]\\s*(.*)$`);
// "3.3‰…" is not a heading: the dot must not be followed by a digit.
const ARABIC_HEADING = /^(\d{1,2})[.．、](?!\d)\s*(.*)$/;
const PAREN_NUMBER = /^[（(](\d{1,3})[）)]\s*(.*)$/;

function chineseMatch(re: RegExp, line: string): NumberedLine | null {
  const m = re.exec(line);
  if (!m) return null;
  const n = parseChineseNumeral(m[1] ?? '');
  if (n === null) return null;
  return { n, label: line.slice(0, line.length - (m[2] ?? '').length).trim(), rest: (m[2] ?? '').trim() };
}

function arabicMatch(re: RegExp, line: string): NumberedLine | null {
  const m = re.exec(line);
  if (!m) return null;
  return { n: Number(m[1]), label: line.slice(0, line.length - (m[2] ?? '').length).trim(), rest: (m[2] ?? '').trim() };
}

/** 三、发展领域、主要目标和策略措施 */
export function matchTopSection(line: string): NumberedLine | null {
  return chineseMatch(TOP_SECTION, line);
}

/** （一）妇女与健康 */
export function matchSubSection(line: string): NumberedLine | null {
  return chineseMatch(SUB_SECTION, line);
}

/** 1.主要目标 */
export function matchArabicHeading(line: string): NumberedLine | null {
  return arabicMatch(ARABIC_HEADING, line);
}

/** （1）孕产妇死亡率… */
export function matchParenNumber(line: string): NumberedLine | null {
  return arabicMatch(PAREN_NUMBER, line);
}
