/**
 * Instant checks while typing: the server's own validator (src/core/monitoring/validate-form.ts) run in the
 * browser on the grid with the user's edits, with the rules the server sent along. The server checks again
 * on save and submit; its issues stand for every indicator the user has not touched.
 */
import { validateForm } from '../../../../src/core/monitoring/validate-form.ts';
import type { IndicatorDefinition } from '../../../../src/core/indicator/indicator.types.ts';
import type { FormGrid, GridIndicator, ValidationIssue } from '../../api/types.ts';
import { editKey, typeProblems, valuesForValidation } from './form-edits.ts';
import type { EditField, Edits } from './form-edits.ts';

function definitionOf(indicator: GridIndicator): IndicatorDefinition {
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    scale: indicator.scale,
    // Polarity and the catalogue fields below do not enter validation.
    polarity: 'higher_better',
    aggregation: indicator.aggregation,
    disaggregations: indicator.disaggregations,
    ageGroups: indicator.ageGroups,
    department: '',
    plan: indicator.code.startsWith('C') ? 'children' : 'women',
    domain: 0,
    definition: indicator.definition,
    aliases: [],
  };
}

/** A typed word where a number belongs, as an issue beside the field (it blocks even a draft save). */
function typeIssues(grid: FormGrid, edits: Edits): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const indicator of grid.indicators) {
    for (const cell of indicator.cells) {
      const problems = typeProblems(indicator, edits[editKey(indicator.code, cell.cellKey)]);
      for (const [field, message] of Object.entries(problems)) {
        issues.push({
          indicatorCode: indicator.code, regionCode: grid.form.regionCode, cellKey: cell.cellKey,
          field: field as Exclude<EditField, 'source'>, severity: 'error', code: 'not_a_number', message, blocking: true,
        });
      }
    }
  }
  return issues;
}

/** Every issue that would block or warn at submission, with the edits applied (phase submit). */
export function clientIssues(grid: FormGrid, edits: Edits): ValidationIssue[] {
  const { current, previous } = valuesForValidation(grid, edits);
  const issues = validateForm({
    indicators: grid.indicators.map(definitionOf),
    rules: grid.indicators.map((i) => i.rules),
    values: current,
    previousYearValues: previous,
    phase: 'submit',
    regionCode: grid.form.regionCode,
  });
  return [...typeIssues(grid, edits), ...issues];
}

/**
 * The issues to show: the client's for indicators with edits (parts-sum checks span the indicator's cells),
 * the server's for the others. Keyed by indicatorCode|cellKey.
 */
export function issuesByCell(grid: FormGrid, edits: Edits, client: readonly ValidationIssue[]): Map<string, ValidationIssue[]> {
  const touched = new Set(Object.keys(edits).map((k) => k.split('|')[0]));
  const chosen = [
    ...grid.issues.filter((i) => !touched.has(i.indicatorCode)),
    ...client.filter((i) => touched.has(i.indicatorCode)),
  ];
  const out = new Map<string, ValidationIssue[]>();
  for (const issue of chosen) {
    const key = editKey(issue.indicatorCode, issue.cellKey);
    out.set(key, [...(out.get(key) ?? []), issue]);
  }
  return out;
}
