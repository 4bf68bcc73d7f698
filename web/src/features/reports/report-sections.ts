import type { ReportKind } from '../../api/reports.types.ts';

export interface SectionSpec {
  key: string;
  title: string;
  placeholder: string;
}

const PROBLEMS: SectionSpec = { key: 'problems', title: '存在的主要问题', placeholder: '结合监测数据，分析规划实施中存在的主要问题和困难……' };
const RECOMMENDATIONS: SectionSpec = { key: 'recommendations', title: '对策建议', placeholder: '针对存在的问题，提出下一步工作的对策建议……' };

/** The text sections the office writes into a report of each kind (PUT /reports/:id/sections, by key). */
export const REPORT_SECTIONS: Record<ReportKind, SectionSpec[]> = {
  annual: [PROBLEMS, RECOMMENDATIONS],
  midterm: [PROBLEMS, RECOMMENDATIONS],
  final: [PROBLEMS, RECOMMENDATIONS],
  compendium: [{ key: 'notes', title: '编制说明', placeholder: '资料来源、统计口径和有关说明……' }],
};

/** Sections a report's content declares itself ({ key, title }[], as the evaluation reports do), or null. */
function declaredSections(content: unknown): SectionSpec[] | null {
  const declared = (content as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(declared)) return null;
  const specs = declared.filter((s): s is { key: string; title: string } => typeof s?.key === 'string' && typeof s?.title === 'string');
  return specs.map((s) => ({ key: s.key, title: s.title, placeholder: '' }));
}

/**
 * The sections of a report: those its content declares, else the kind's; then any other key the report
 * carries (written by another tool), under its key.
 */
export function sectionsOf(kind: ReportKind, stored: Record<string, string>, content?: unknown): SectionSpec[] {
  const known = declaredSections(content) ?? REPORT_SECTIONS[kind] ?? [];
  const extra = Object.keys(stored)
    .filter((k) => !known.some((s) => s.key === k))
    .map((k) => ({ key: k, title: k, placeholder: '' }));
  return [...known, ...extra];
}

/** What a section not yet written holds in the evaluation reports (shown as not written). */
export const PENDING_SECTION_TEXT = '（待撰写）';
