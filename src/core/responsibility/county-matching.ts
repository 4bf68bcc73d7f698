import type { TargetKind } from '../target/target.types.ts';

/**
 * Matching a county plan imported from its text to the city plan: which county target restates which city
 * target, and which county goal restates which city goal. County plans copy the city plan's structure and
 * wording with local numbers, so: a target matches the city target of the same indicator (catalogue code, else
 * the indicator name as read) and kind, in the same domain first; a goal matches the city goal of the same
 * domain with the same text, else the one its targets point to, else the same number when the texts are alike.
 */
export interface MatchableTarget {
  /** Anything unique among the targets of its side. */
  key: string;
  domainOrd: number;
  indicatorCode: string | null;
  indicatorName: string;
  kind: TargetKind;
}

/** County target key → city target key (only matched ones). Each city target is matched at most once. */
export function matchTargets(city: readonly MatchableTarget[], county: readonly MatchableTarget[]): Map<string, string> {
  const used = new Set<string>();
  const matches = new Map<string, string>();
  const passes: ((c: MatchableTarget, k: MatchableTarget) => boolean)[] = [
    (c, k) => k.indicatorCode !== null && c.indicatorCode === k.indicatorCode && c.kind === k.kind && c.domainOrd === k.domainOrd,
    (c, k) => normaliseName(c.indicatorName) === normaliseName(k.indicatorName) && c.kind === k.kind && c.domainOrd === k.domainOrd,
    (c, k) => k.indicatorCode !== null && c.indicatorCode === k.indicatorCode && c.kind === k.kind,
    (c, k) => normaliseName(c.indicatorName) === normaliseName(k.indicatorName) && c.kind === k.kind,
  ];
  for (const pass of passes) {
    for (const k of county) {
      if (matches.has(k.key)) continue;
      const found = city.find((c) => !used.has(c.key) && pass(c, k));
      if (found !== undefined) {
        matches.set(k.key, found.key);
        used.add(found.key);
      }
    }
  }
  return matches;
}

function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[—–-]/g, '-');
}

export interface MatchableGoal {
  key: string;
  domainOrd: number;
  ord: number;
  text: string;
  /** Keys of this goal's targets (city side), or the city keys its targets matched (county side). */
  targetKeys: readonly string[];
}

/** Dice coefficient of character bigrams: 1 for equal texts, 0 for texts sharing no pair of characters. */
export function textSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const clean = s.replace(/[\s，。、；：（）“”,.;:()]/g, '');
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < clean.length; i++) {
      const g = clean.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  if (total === 0) return a === b ? 1 : 0;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / total;
}

export const GOAL_SIMILARITY_THRESHOLD = 0.5;

/** County goal key → city goal key. Each city goal is matched at most once. */
export function matchGoals(city: readonly MatchableGoal[], county: readonly MatchableGoal[]): Map<string, string> {
  const used = new Set<string>();
  const matches = new Map<string, string>();
  const take = (k: MatchableGoal, c: MatchableGoal | undefined) => {
    if (c === undefined) return;
    matches.set(k.key, c.key);
    used.add(c.key);
  };
  for (const k of county) take(k, city.find((c) => !used.has(c.key) && c.domainOrd === k.domainOrd && c.text === k.text));
  for (const k of county) {
    if (matches.has(k.key) || k.targetKeys.length === 0) continue;
    take(k, city.find((c) => !used.has(c.key) && c.domainOrd === k.domainOrd && c.targetKeys.some((t) => k.targetKeys.includes(t))));
  }
  for (const k of county) {
    if (matches.has(k.key)) continue;
    take(
      k,
      city.find((c) => !used.has(c.key) && c.domainOrd === k.domainOrd && c.ord === k.ord && textSimilarity(c.text, k.text) >= GOAL_SIMILARITY_THRESHOLD),
    );
  }
  return matches;
}
