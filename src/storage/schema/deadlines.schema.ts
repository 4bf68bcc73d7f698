import type { Generated, Selectable } from 'kysely';

/**
 * Extensions of a round's deadline for one unit (migration 0011-deadline-extensions): a department or county
 * that asked for more time. The round's own date stays in its row (unit_report_rounds.due_date, rounds.due_date);
 * a unit's deadline is the later of the two. Every change is in the audit log as well (who, when, before, after,
 * reason); this table holds only the extensions in force.
 */
export type DeadlineRoundType = 'unit_report' | 'data';

export interface DeadlineExtensionsTable {
  id: Generated<number>;
  /** 'unit_report': a round of unit_report_rounds; 'data': a monitoring collection round (rounds). */
  round_type: DeadlineRoundType;
  round_id: number;
  /** The unit in the round: unit_reports.unit_key ('department:<id>', 'county:<code>') or forms.scope_key. */
  unit_key: string;
  unit_name: string;
  due_date: string;
  reason: string;
  set_by: number | null;
  set_by_name: string;
  set_at: string;
}

export interface DeadlineTables {
  deadline_extensions: DeadlineExtensionsTable;
}

export type DeadlineExtensionRow = Selectable<DeadlineExtensionsTable>;
