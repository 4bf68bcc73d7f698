import { parseChineseNumeral } from './numbering.ts';
import type { PlanKind } from './plan.types.ts';

export interface PlanTitle {
  /** The title line as written (trimmed). */
  title: string;
  kind: PlanKind;
  /** e.g. 淄博市 */
  areaName: string;
  /** Null when the title names no period; the caller reports it. */
  period: { start: number; end: number } | null;
  /** Set when the five-year label and the explicit years disagree. */
  conflict?: string;
}

// A plan title is a line on its own: area, optional “十四五”, 妇女/儿童, 发展规划|发展纲要, optional （2021—2030年）.
// The area must end in an administrative suffix and contain no punctuation, so 关于印发《…规划》 never matches.
const TITLE = new RegExp(
  '^(?<area>[\\u4e00-\\u9fff]{1,20}?(?:自治区|自治州|省|市|县|区|州|盟|旗))' +
    '(?:[“"「‘]?(?<fyp>十[一二三四五六七八九]?五)[”"」’]?(?:时期|期间)?)?' +
    '(?<kind>妇女|儿童)发展(?:规划|纲要)' +
    '(?:[（(](?<start>\\d{4})年?\\s*[—–\\-－~～至到]+\\s*(?<end>\\d{4})年?[）)])?$',
);

/**
 * The period of the Nth five-year plan. From the 3rd plan on (1966–1970) the periods are consecutive:
 * 十三五 2016–2020, 十四五 2021–2025, 十五五 2026–2030.
 */
export function fiveYearPlanPeriod(n: number): { start: number; end: number } | null {
  if (!Number.isInteger(n) || n < 3) return null;
  const start = 1966 + 5 * (n - 3);
  return { start, end: start + 4 };
}

/** Reads a plan title line, or null when the line is not one. */
export function matchPlanTitle(rawLine: string): PlanTitle | null {
  const title = rawLine.trim();
  const m = TITLE.exec(title.replace(/\s+/g, ''));
  if (!m?.groups) return null;
  const { area, fyp, kind, start, end } = m.groups;
  if (area === undefined || kind === undefined) return null;

  let period: PlanTitle['period'] = null;
  let conflict: string | undefined;
  if (fyp !== undefined) {
    const n = parseChineseNumeral(fyp.slice(0, -1));
    period = n === null ? null : fiveYearPlanPeriod(n);
  }
  if (start !== undefined && end !== undefined) {
    const explicit = { start: Number(start), end: Number(end) };
    if (period && (period.start !== explicit.start || period.end !== explicit.end)) {
      conflict = `标题中的“${fyp}”（${period.start}—${period.end}年）与写明的${explicit.start}—${explicit.end}年不一致`;
    }
    period = explicit;
  }
  const result: PlanTitle = { title, kind: kind === '妇女' ? 'women' : 'children', areaName: area, period };
  if (conflict) result.conflict = conflict;
  return result;
}
