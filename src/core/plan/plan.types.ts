import type { Target, UnplacedPhrase } from '../target/target.types.ts';

export type PlanKind = 'women' | 'children';

/** How a goal names the units that carry it: （牵头单位：…，责任单位：…）. */
export interface GoalUnits {
  /** Canonical department names leading the goal (牵头单位). */
  leadUnits: string[];
  /** Canonical department names sharing the goal (责任单位). */
  responsibleUnits: string[];
  /** Group references kept as groups, not departments: 市妇儿工委有关成员单位, 特邀单位 … */
  unitGroups: string[];
  /** The parenthesis exactly as written. */
  unitsText: string;
}

export interface ParsedGoal extends GoalUnits {
  ord: number;
  /** Goal text without the units parenthesis. */
  text: string;
  targets: Target[];
  unplaced: UnplacedPhrase[];
  /** 1-based line in the source file. */
  line: number;
}

export interface ParsedMeasure {
  ord: number;
  /** The leading sentence, e.g. 完善保障妇女健康的制度机制. */
  title: string;
  /** Full text, title included. */
  text: string;
  targets: Target[];
  unplaced: UnplacedPhrase[];
  line: number;
}

export interface ParsedDomain {
  ord: number;
  /** e.g. 妇女与健康 */
  title: string;
  goals: ParsedGoal[];
  measures: ParsedMeasure[];
  line: number;
}

/** A numbered section outside 三 (指导思想, 总体目标, 组织实施, 监测评估), kept as text. */
export interface ParsedSection {
  /** e.g. 四 */
  number: string;
  title: string;
  text: string;
  /** 1-based line of the section heading. */
  line: number;
}

export interface ParsedPlan {
  /** e.g. women-2021-2025 */
  code: string;
  kind: PlanKind;
  /** e.g. 淄博市“十四五”妇女发展规划 */
  title: string;
  /** The issuing area as named in the title, e.g. 淄博市. */
  areaName: string;
  period: { start: number; end: number };
  /** The paragraphs between the title and section 一 (background, legal basis). */
  preamble: string;
  domains: ParsedDomain[];
  sections: ParsedSection[];
  line: number;
}

export interface ParsedPlanFile {
  plans: ParsedPlan[];
}

/** Why a file is not a plan, and where. Messages are Chinese: they reach users. */
export class PlanParseError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly file?: string,
  ) {
    super(line === null ? message : `第${line}行：${message}`);
    this.name = 'PlanParseError';
  }
}
