import { findNumericPhrases, type NumericPhrase } from './numeric-phrases.ts';
import { normalizeForMatching } from './normalize.ts';
import { annualChangePattern, relativeChangePattern } from './patterns/change.ts';
import { countPattern, impliedCountPattern, reversedCountPattern } from './patterns/count.ts';
import { coveragePattern } from './patterns/coverage.ts';
import { deadlinePattern } from './patterns/deadline.ts';
import { durationListPattern } from './patterns/duration-list.ts';
import type { ClausePattern, DraftTarget, SentenceMemory } from './patterns/pattern.types.ts';
import { perPopulationPattern } from './patterns/per-population.ts';
import { ratioPattern } from './patterns/ratio.ts';
import { sharePattern } from './patterns/share.ts';
import { levelPattern, referencePattern } from './patterns/threshold.ts';
import { trendPattern } from './patterns/trend.ts';
import { splitClauses, splitSentences, type Span } from './sentences.ts';
import type { ExtractOptions, Target, TargetExtraction, UnplacedPhrase } from './target.types.ts';

/** Most specific first: a clause is read by the first pattern that recognises it. */
const PATTERNS: readonly ClausePattern[] = [
  deadlinePattern,
  ratioPattern,
  relativeChangePattern,
  annualChangePattern,
  perPopulationPattern,
  durationListPattern,
  sharePattern,
  countPattern,
  reversedCountPattern,
  referencePattern,
  levelPattern,
  coveragePattern,
  impliedCountPattern,
  trendPattern,
];

const DEFAULT_TARGET_YEAR = 2025;

/**
 * Reads every quantitative target of a goal or measure text (DESIGN.md §3). Each target keeps its original phrase
 * in `text`. Every number with a unit that is not part of a target is returned in `unplaced` (待核对); years, ages,
 * names in quotes and document numbers are not quantities and are neither.
 */
export function extractTargets(text: string, options: ExtractOptions = {}): TargetExtraction {
  const defaultYear = options.targetYear ?? DEFAULT_TARGET_YEAR;
  const source = options.source ?? 'goal';
  const normalized = normalizeForMatching(text);
  const phrases = findNumericPhrases(normalized);
  const placed = new Set<NumericPhrase>();
  const targets: Target[] = [];

  for (const sentence of splitSentences(normalized)) {
    const year = /到(\d{4})年/.exec(sentence.text);
    const targetYear = year ? Number(year[1]) : defaultYear;
    const memory: SentenceMemory = { lastRatio: null, lastItem: null, lastScope: null, pendingScope: null };
    const found: DraftTarget[] = [];
    let scopeClause: Span | null = null;
    for (const clause of splitClauses(sentence)) {
      const input = { clause: stripEnd(clause.text), source, previous: found, memory };
      const hit = readClause(input);
      if (hit === null) {
        scopeClause = looksLikeScope(input.clause) ? clause : null;
        memory.pendingScope = scopeClause === null ? null : input.clause;
        continue;
      }
      const from = hit.usedPendingScope && scopeClause !== null ? scopeClause.start : clause.start;
      const phrase = stripEnd(text.slice(from, clause.start + clause.text.length));
      for (const draft of hit.targets) {
        found.push(draft);
        targets.push({ ...draft, indicatorCode: null, targetYear, text: phrase });
      }
      markPlaced(phrases, placed, clause, hit.targets);
      scopeClause = null;
      memory.pendingScope = null;
    }
  }

  const unplaced: UnplacedPhrase[] = phrases
    .filter((p) => p.role === 'value' && !placed.has(p))
    .map((p) => unplacedPhrase(p, text, normalized));
  return { targets, unplaced };
}

function readClause(input: Parameters<ClausePattern>[0]) {
  for (const pattern of PATTERNS) {
    const hit = pattern(input);
    if (hit !== null && hit.targets.length > 0) return hit;
  }
  return null;
}

function stripEnd(text: string): string {
  return text.replace(/[。；;，,\s]+$/, '');
}

/** A clause that only names a body, e.g. 市及区县党政工作部门, before “应保证…”. */
function looksLikeScope(clause: string): boolean {
  return clause.length <= 20 && !/\d/.test(clause) && /(?:部门|单位|机构|学校|地区|区县|企业|组织)$/.test(clause);
}

/**
 * A number in a clause that produced targets is placed when it is one of their values (or ratio terms, base year),
 * or stands inside a name or scope the targets carry (学前3年毛入园率).
 */
function markPlaced(phrases: NumericPhrase[], placed: Set<NumericPhrase>, clause: Span, drafts: DraftTarget[]) {
  const end = clause.start + clause.text.length;
  const numbers = new Set<number>();
  const names: string[] = [];
  for (const d of drafts) {
    if (d.value !== null) numbers.add(d.value);
    if (d.baseYear !== null) numbers.add(d.baseYear);
    for (const r of d.ratio ?? []) numbers.add(r);
    names.push(d.indicator, d.scope ?? '', d.reference ?? '');
  }
  for (const p of phrases) {
    if (p.start < clause.start || p.start >= end) continue;
    if (numbers.has(p.number) || names.some((n) => n.includes(p.text))) placed.add(p);
  }
}

const COMPARISON_WORDS = /达到|以上|以下|以内|不低于|不少于|超过|控制在|保持在|稳定在|至少|左右|下降|降低|提高/;

function unplacedPhrase(p: NumericPhrase, original: string, normalized: string): UnplacedPhrase {
  const sentence = splitSentences(normalized).find((s) => p.start >= s.start && p.start < s.start + s.text.length);
  const sentenceText = sentence ? original.slice(sentence.start, sentence.start + sentence.text.length) : '';
  const clause = sentence ? splitClauses(sentence).find((c) => p.start >= c.start && p.start < c.start + c.text.length) : undefined;
  const written = original.slice(p.start, p.end);
  const reason =
    clause !== undefined && COMPARISON_WORDS.test(clause.text)
      ? `待核对：“${written}”所在短语有比较用语，但未能识别出指标与数值的搭配`
      : `待核对：“${written}”前后没有达到、不低于、以上、以下等目标用语，可能是政策标准或说明性数字，未作为目标提取`;
  return { text: written, sentence: stripEnd(sentenceText), reason };
}
