import type { Target, TargetSource } from '../target.types.ts';

/** A target as a pattern reads it; the extractor adds text, target year and the (still empty) indicator code. */
export type DraftTarget = Omit<Target, 'indicatorCode' | 'targetYear' | 'text'>;

/** What earlier clauses of the same sentence leave for later ones. */
export interface SentenceMemory {
  /** Indicator of the last ratio (女性厕位与男性厕位的比例), for “人流量较大地区提高到2：1”. */
  lastRatio: string | null;
  /** Item and scope of the last count (女干部), for “其中担任正职的一般不少于3人”. */
  lastItem: string | null;
  lastScope: string | null;
  /** A clause that only names where the next clause applies (市及区县党政工作部门，应保证…). */
  pendingScope: string | null;
}

export interface ClauseInput {
  /** Normalised clause text (ASCII digits), trailing punctuation removed. */
  clause: string;
  source: TargetSource;
  /** Targets found earlier in the same sentence. */
  previous: readonly DraftTarget[];
  memory: SentenceMemory;
}

export interface PatternHit {
  targets: DraftTarget[];
  /** True when the target's phrase starts with the pending scope clause (the text is extended back to it). */
  usedPendingScope?: boolean;
}

export type ClausePattern = (input: ClauseInput) => PatternHit | null;
