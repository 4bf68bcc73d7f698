/**
 * Test fixtures: form grids built from the real indicator catalogue (catalogue/indicators.json) with the
 * core's default rules and grid cells, shaped as GET /api/forms/:id returns them.
 */
import catalogue from '../../../../catalogue/indicators.json';
import type { IndicatorDefinition } from '../../../../src/core/indicator/indicator.types.ts';
import { cellLabel, disaggregationKey, gridCells } from '../../../../src/core/monitoring/disaggregation.ts';
import { defaultRulesFor } from '../../../../src/core/monitoring/validation-rules.ts';
import type { FormGrid, GridCell, GridIndicator } from '../../api/types.ts';

const definitions = (Array.isArray(catalogue) ? catalogue : (catalogue as { indicators: unknown[] }).indicators) as IndicatorDefinition[];

export function catalogueIndicator(code: string): IndicatorDefinition {
  const found = definitions.find((d) => d.code === code);
  if (!found) throw new Error(`catalogue has no ${code}`);
  return found;
}

type Stored = Partial<Pick<GridCell, 'value' | 'numerator' | 'denominator' | 'note' | 'source' | 'status' | 'version'>> & {
  lastYear?: GridCell['lastYear'];
};

/** A grid indicator; `stored` gives stored content by cell key ('_T', 'area=城镇' …). */
export function gridIndicator(code: string, stored: Record<string, Stored> = {}): GridIndicator {
  const def = catalogueIndicator(code);
  return {
    code: def.code,
    name: def.name,
    unit: def.unit,
    definition: def.definition,
    scale: def.scale,
    aggregation: def.aggregation,
    disaggregations: def.disaggregations,
    ageGroups: def.ageGroups ?? [],
    rules: defaultRulesFor(def),
    cells: gridCells(def).map((cell) => {
      const key = disaggregationKey(cell);
      const s = stored[key] ?? {};
      return {
        cellKey: key,
        label: cellLabel(cell),
        sex: cell.sex,
        ageGroup: cell.ageGroup,
        area: cell.area,
        value: s.value ?? null,
        numerator: s.numerator ?? null,
        denominator: s.denominator ?? null,
        source: s.source ?? null,
        note: s.note ?? null,
        status: s.status ?? (s.value !== undefined ? 'draft' : null),
        version: s.version ?? (s.value !== undefined ? 1 : 0),
        backfilled: false,
        updatedAt: null,
        updatedBy: null,
        lastYear: s.lastYear ?? null,
        issues: [],
        comments: [],
      };
    }),
  };
}

export function formGrid(indicators: GridIndicator[], regionCode = '370303', year = 2024): FormGrid {
  return {
    form: {
      id: 1,
      round: { id: 1, year, title: `${year}年度妇女儿童发展规划监测数据填报`, dueDate: `${year + 1}-03-31`, status: 'open' },
      dueDate: `${year + 1}-03-31`,
      kind: 'region',
      departmentId: null,
      regionCode,
      name: '张店区',
      regionName: '张店区',
      status: 'draft',
      statusLabel: '填报中',
      version: 1,
      submittedAt: null,
      submittedBy: null,
      approvedAt: null,
      approvedBy: null,
      returnedAt: null,
      returnedBy: null,
    },
    permissions: { read: true, write: true, submit: true, approve: false, return: false, unlock: false, admin: false },
    indicators,
    backfilled: [],
    issues: [],
    comments: [],
  };
}
