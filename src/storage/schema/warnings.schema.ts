import type { Generated, Selectable } from 'kysely';
import type { EvaluationStatus } from '../../core/evaluation/evaluation.types.ts';

/**
 * Early warnings and their follow-up (migration 0004-warnings), and the instance's metadata. Conventions as in
 * ../schema.ts: timestamps ISO text, dates YYYY-MM-DD, booleans integer 0/1.
 */

/** 红 (red): expected to miss the target (off track); 黄 (yellow): at risk, or fluctuating strongly. */
export type WarningLevel = 'red' | 'yellow';

/**
 * issued 已下发 → responded 已反馈 (countermeasures or steps given) → closed 已销号; escalated 已升级 is open
 * and may still be closed; withdrawn 已撤销: a re-generation found the condition gone before anyone answered.
 */
export type WarningStatus = 'issued' | 'responded' | 'escalated' | 'closed' | 'withdrawn';

export type StepStatus = 'pending' | 'done';

/** One warning per year × indicator × region (unique): a re-generation updates it, never duplicates it. */
export interface WarningsTable {
  id: Generated<number>;
  year: number;
  indicator_code: string;
  region_code: string;
  /** The indicator's lead department (indicators.department_id); a county's warning goes to the county too. */
  department_id: number | null;
  level: WarningLevel;
  /** 1: 达标困难 (at risk or off track). */
  difficulty: number;
  /** 1: 波动较大 (the year's change flagged by the robust z-score). */
  volatility: number;
  /** The worst status among the indicator's targets in that region and year. */
  evaluation_status: EvaluationStatus;
  /** The text of the target(s) behind the warning. */
  target_text: string;
  latest_year: number | null;
  latest_value: number | null;
  target_value: number | null;
  projected: number | null;
  /** The evaluation's working (Chinese), with the numbers. */
  reason: string;
  /** 1 while the latest generation for the year still finds the condition. */
  flagged: number;
  /** Last year's warning of the same indicator and region, when there was one. */
  previous_id: number | null;
  /** Consecutive earlier years with a warning (0: first time). */
  recurrence: number;
  status: WarningStatus;
  escalations: number;
  escalated_at: string | null;
  escalation_reason: string | null;
  closed_at: string | null;
  closed_by: number | null;
  closed_by_name: string | null;
  close_note: string | null;
  generated_at: string;
  generated_by: number | null;
  generated_by_name: string;
  updated_at: string;
  version: number;
}

/** A countermeasure (对策建议) given by the department or county; every answer is kept. */
export interface CountermeasuresTable {
  id: Generated<number>;
  warning_id: number;
  text: string;
  author_id: number | null;
  author_name: string;
  department_id: number | null;
  region_code: string | null;
  created_at: string;
}

/** One step of the rectification plan (整改措施): what, by when, who; done with a note and evidence. */
export interface RectificationStepsTable {
  id: Generated<number>;
  warning_id: number;
  ord: number;
  description: string;
  due_date: string;
  owner: string;
  status: StepStatus;
  done_at: string | null;
  done_by: number | null;
  done_by_name: string | null;
  done_note: string | null;
  evidence: string | null;
  created_at: string;
  created_by: number | null;
  created_by_name: string;
}

/** Key–value facts about this instance: is_demo ('1' for a database filled by `fuer demo`), demo_seed … */
export interface MetadataTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface WarningTables {
  warnings: WarningsTable;
  countermeasures: CountermeasuresTable;
  rectification_steps: RectificationStepsTable;
  metadata: MetadataTable;
}

export type WarningRow = Selectable<WarningsTable>;
export type CountermeasureRow = Selectable<CountermeasuresTable>;
export type StepRow = Selectable<RectificationStepsTable>;
