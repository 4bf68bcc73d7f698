import { matchTopSection, toChineseNumeral } from './numbering.ts';
import { parseDomains } from './parse-domains.ts';
import { matchPlanTitle } from './plan-title.ts';
import type { PlanTitle } from './plan-title.ts';
import { PlanParseError } from './plan.types.ts';
import type { ParsedDomain, ParsedPlan, ParsedPlanFile, ParsedSection } from './plan.types.ts';
import { toSourceLines } from './source-lines.ts';
import type { SourceLine } from './source-lines.ts';

export interface ParsePlanOptions {
  /** File name, carried into errors. */
  file?: string;
}

// The top section that holds the domains: “三、发展领域、主要目标和策略措施” in the seed. 主要目标 alone is
// a weaker sign (a section 指导思想和主要目标 may exist elsewhere), so it counts only when nothing else matches.
const DOMAIN_SECTION = /发展领域|策略措施/;
const DOMAIN_SECTION_FALLBACK = /主要目标/;

/**
 * Reads a text holding one or more plans in the style of the seed: a title line on its own
 * (淄博市“十四五”妇女发展规划), sections 一、二、…, and in the section 发展领域、主要目标和策略措施 the domains
 * with their goals and measures. Text before the first title (a cover letter) is not part of any plan.
 * Throws PlanParseError, with the line, when the text is not such a plan.
 */
export function parsePlanFile(text: string, options: ParsePlanOptions = {}): ParsedPlanFile {
  const { file } = options;
  const lines = toSourceLines(text, file);

  const starts: { index: number; title: PlanTitle }[] = [];
  lines.forEach((line, index) => {
    const title = matchPlanTitle(line.text);
    if (title) starts.push({ index, title });
  });
  if (starts.length === 0) {
    throw new PlanParseError(
      '未找到规划标题：应有单独成行的标题，如“淄博市“十四五”妇女发展规划”或“××市儿童发展规划（2021—2030年）”',
      null,
      file,
    );
  }

  const plans: ParsedPlan[] = [];
  starts.forEach(({ index, title }, k) => {
    const end = starts[k + 1]?.index ?? lines.length;
    const titleLine = lines[index] as SourceLine;
    const plan = parsePlan(titleLine, title, lines.slice(index + 1, end), file);
    const twin = plans.find((p) => p.code === plan.code);
    if (twin) {
      throw new PlanParseError(`规划“${plan.title}”与第${twin.line}行的“${twin.title}”编号相同（${plan.code}）：同一文件中同类、同期的规划只能有一个`, plan.line, file);
    }
    plans.push(plan);
  });
  return { plans };
}

interface SectionDraft {
  heading: SourceLine;
  n: number;
  numeral: string;
  title: string;
  body: SourceLine[];
}

function parsePlan(titleLine: SourceLine, title: PlanTitle, body: SourceLine[], file?: string): ParsedPlan {
  const fail = (message: string, line: number | null) => new PlanParseError(message, line, file);
  if (title.conflict) throw fail(`规划${title.conflict}`, titleLine.no);
  const { period } = title;
  if (period === null) {
    throw fail(`规划标题“${title.title}”未写明规划期：应含“十四五”等五年规划名称，或“（2021—2030年）”`, titleLine.no);
  }
  if (period.end < period.start) {
    throw fail(`规划期${period.start}—${period.end}年的结束年份早于开始年份`, titleLine.no);
  }

  const preamble: SourceLine[] = [];
  const drafts: SectionDraft[] = [];
  for (const src of body) {
    const head = matchTopSection(src.text);
    if (head) {
      const expected = drafts.length + 1;
      if (head.n !== expected) {
        throw fail(`章节编号应为“${toChineseNumeral(expected)}、”，实际为“${head.label}”`, src.no);
      }
      if (head.rest === '') throw fail(`章节“${head.label}”缺少标题`, src.no);
      drafts.push({ heading: src, n: head.n, numeral: toChineseNumeral(head.n), title: head.rest, body: [] });
      continue;
    }
    const section = drafts.at(-1);
    (section ? section.body : preamble).push(src);
  }
  if (drafts.length === 0) {
    throw fail(`规划“${title.title}”之下没有“一、”“二、”…编号的章节`, titleLine.no);
  }

  let domainDrafts = drafts.filter((d) => DOMAIN_SECTION.test(d.title));
  if (domainDrafts.length === 0) domainDrafts = drafts.filter((d) => DOMAIN_SECTION_FALLBACK.test(d.title));
  const [domainDraft, extra] = domainDrafts;
  if (domainDraft === undefined) {
    throw fail(
      `规划“${title.title}”缺少发展领域部分：应有“${toChineseNumeral(Math.min(3, drafts.length + 1))}、发展领域、主要目标和策略措施”这样的章节`,
      titleLine.no,
    );
  }
  if (extra !== undefined) {
    throw fail(`发展领域部分只能有一个，第${domainDraft.heading.no}行已有“${domainDraft.heading.text}”`, extra.heading.no);
  }

  const domains: ParsedDomain[] = parseDomains(domainDraft.heading, domainDraft.body, {
    targetYear: period.end,
    ...(file === undefined ? {} : { file }),
  });
  const sections: ParsedSection[] = drafts
    .filter((d) => d !== domainDraft)
    .map((d) => ({ number: d.numeral, title: d.title, text: joinLines(d.body), line: d.heading.no }));

  return {
    code: `${title.kind}-${period.start}-${period.end}`,
    kind: title.kind,
    title: title.title,
    areaName: title.areaName,
    period,
    preamble: joinLines(preamble),
    domains,
    sections,
    line: titleLine.no,
  };
}

function joinLines(lines: SourceLine[]): string {
  return lines.map((l) => l.text).join('\n');
}
