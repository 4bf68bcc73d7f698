import { extractTargets } from '../target/extract-targets.ts';
import { matchArabicHeading, matchParenNumber, matchSubSection, toChineseNumeral } from './numbering.ts';
import { parseUnits, splitUnitsParenthesis } from './parse-units.ts';
import { PlanParseError } from './plan.types.ts';
import type { ParsedDomain, ParsedGoal, ParsedMeasure } from './plan.types.ts';
import type { SourceLine } from './source-lines.ts';

export interface DomainContext {
  file?: string;
  /** The plan's end year: the target year of every target unless its text names another. */
  targetYear: number;
}

/** A numbered item as collected: its first line and its text, wrapped lines joined. */
interface RawItem {
  ord: number;
  line: number;
  text: string;
}

interface DomainDraft {
  ord: number;
  title: string;
  line: number;
  goalsHeading: SourceLine | null;
  measuresHeading: SourceLine | null;
  goals: RawItem[];
  measures: RawItem[];
}

const GOALS_TITLE = '主要目标';
const MEASURES_TITLE = '策略措施';

const quote = (s: string, n = 24) => `“${s.length > n ? `${s.slice(0, n)}…` : s}”`;

/**
 * Reads the body of the section 发展领域、主要目标和策略措施: domains （一）…, each with “1.主要目标” and
 * goals （1）…（n）, then “2.策略措施” and measures （1）…（n）. A line without numbering continues the item
 * before it (a wrapped paragraph).
 */
export function parseDomains(heading: SourceLine, body: SourceLine[], ctx: DomainContext): ParsedDomain[] {
  const fail = (message: string, line: number | null) => new PlanParseError(message, line, ctx.file);
  const drafts: DomainDraft[] = [];
  let current: DomainDraft | null = null;

  for (const src of body) {
    const domainHead = matchSubSection(src.text);
    if (domainHead) {
      const expected = drafts.length + 1;
      if (domainHead.n !== expected) {
        throw fail(`领域编号应为（${toChineseNumeral(expected)}），实际为${domainHead.label}`, src.no);
      }
      if (domainHead.rest === '') throw fail(`领域${domainHead.label}缺少标题，应如“（一）妇女与健康”`, src.no);
      if (current) checkDomain(current, fail);
      current = {
        ord: domainHead.n, title: domainHead.rest, line: src.no,
        goalsHeading: null, measuresHeading: null, goals: [], measures: [],
      };
      drafts.push(current);
      continue;
    }
    if (current === null) {
      throw fail(`${quote(heading.text)}之下应为领域标题，如“（一）妇女与健康”，实际为${quote(src.text)}`, src.no);
    }

    const subHead = matchArabicHeading(src.text);
    if (subHead) {
      if (current.goalsHeading === null) {
        if (subHead.n !== 1 || subHead.rest !== GOALS_TITLE) {
          throw fail(`领域“${current.title}”之下应为“1.${GOALS_TITLE}”，实际为${quote(src.text)}`, src.no);
        }
        current.goalsHeading = src;
        continue;
      }
      if (current.measuresHeading === null) {
        if (subHead.n !== 2 || subHead.rest !== MEASURES_TITLE) {
          throw fail(`领域“${current.title}”的目标之后应为“2.${MEASURES_TITLE}”，实际为${quote(src.text)}`, src.no);
        }
        if (current.goals.length === 0) throw noItems(current.goalsHeading, '目标', fail);
        current.measuresHeading = src;
        continue;
      }
      // A third heading inside the measures: not part of this style.
      throw fail(`领域“${current.title}”的“2.${MEASURES_TITLE}”之后应为措施（${current.measures.length + 1}）或下一领域，实际为${quote(src.text)}`, src.no);
    }

    if (current.goalsHeading === null) {
      throw fail(`领域“${current.title}”之下应为“1.${GOALS_TITLE}”，实际为${quote(src.text)}`, src.no);
    }
    const inMeasures = current.measuresHeading !== null;
    const items = inMeasures ? current.measures : current.goals;
    const what = inMeasures ? '措施' : '目标';
    const item = matchParenNumber(src.text);
    if (item) {
      const expected = items.length + 1;
      if (item.n !== expected) {
        const hint = !inMeasures && item.n === 1 ? `（是否缺少“2.${MEASURES_TITLE}”？）` : '';
        throw fail(`${what}编号应为（${expected}），实际为${item.label}${hint}`, src.no);
      }
      if (item.rest === '') throw fail(`${what}${item.label}没有内容`, src.no);
      items.push({ ord: item.n, line: src.no, text: item.rest });
      continue;
    }
    const previous = items.at(-1);
    if (previous === undefined) {
      const headingText = inMeasures ? `2.${MEASURES_TITLE}` : `1.${GOALS_TITLE}`;
      throw fail(`“${headingText}”之下应为${what}（1），实际为${quote(src.text)}`, src.no);
    }
    previous.text += src.text;
  }

  if (current === null) {
    throw fail(`${quote(heading.text)}之下没有领域：应有“（一）××”开头的领域，如“（一）妇女与健康”`, heading.no);
  }
  checkDomain(current, fail);
  return drafts.map((draft) => buildDomain(draft, ctx));
}

function noItems(heading: SourceLine, what: string, fail: (m: string, l: number | null) => PlanParseError) {
  return fail(`“${heading.text}”之下没有${what}：应有“（1）…”开头的${what}`, heading.no);
}

function checkDomain(draft: DomainDraft, fail: (m: string, l: number | null) => PlanParseError): void {
  if (draft.goalsHeading === null) {
    throw fail(`领域“${draft.title}”缺少“1.${GOALS_TITLE}”`, draft.line);
  }
  if (draft.goals.length === 0) throw noItems(draft.goalsHeading, '目标', fail);
  if (draft.measuresHeading === null) {
    throw fail(`领域“${draft.title}”缺少“2.${MEASURES_TITLE}”（应在目标（${draft.goals.length}）之后）`, draft.line);
  }
  if (draft.measures.length === 0) throw noItems(draft.measuresHeading, '措施', fail);
}

function buildDomain(draft: DomainDraft, ctx: DomainContext): ParsedDomain {
  return {
    ord: draft.ord,
    title: draft.title,
    line: draft.line,
    goals: draft.goals.map((item) => buildGoal(item, ctx)),
    measures: draft.measures.map((item) => buildMeasure(item, ctx)),
  };
}

function buildGoal(item: RawItem, ctx: DomainContext): ParsedGoal {
  const at = { line: item.line, ...(ctx.file === undefined ? {} : { file: ctx.file }) };
  const { text, unitsText } = splitUnitsParenthesis(item.text, at);
  if (unitsText === '') {
    const ending = item.text.length > 16 ? `…${item.text.slice(-16)}` : item.text;
    throw new PlanParseError(`目标（${item.ord}）缺少单位括号：应以“（牵头单位：…，责任单位：…）”结尾，实际结尾为“${ending}”`, item.line, ctx.file);
  }
  if (text === '') throw new PlanParseError(`目标（${item.ord}）只有单位括号，没有目标内容`, item.line, ctx.file);
  const units = parseUnits(unitsText, at);
  const { targets, unplaced } = extractTargets(text, { targetYear: ctx.targetYear });
  return { ord: item.ord, text, ...units, targets, unplaced, line: item.line };
}

/** The measure's title is its first sentence, up to the first “。”. */
export function measureTitle(text: string): string {
  const end = text.indexOf('。');
  return (end === -1 ? text : text.slice(0, end)).trim();
}

function buildMeasure(item: RawItem, ctx: DomainContext): ParsedMeasure {
  const { targets, unplaced } = extractTargets(item.text, { targetYear: ctx.targetYear, source: 'measure' });
  return { ord: item.ord, title: measureTitle(item.text), text: item.text, targets, unplaced, line: item.line };
}
