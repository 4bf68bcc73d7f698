import type { IndicatorDefinition } from '../indicator/indicator.types.ts';
import type { Area, DisaggregationCell, Sex } from './data-value.types.ts';

export const SEXES: readonly Sex[] = ['女', '男'];
export const AREAS: readonly Area[] = ['城镇', '农村'];

export const TOTAL_CELL: DisaggregationCell = Object.freeze({ sex: null, ageGroup: null, area: null });

const TOTAL_KEY = '_T';

// Age groups are free text from the catalogue: escape the key's separators so any label round-trips.
function escapePart(text: string): string {
  return text.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/=/g, '%3D');
}

function unescapePart(text: string): string {
  return text.replace(/%(25|7C|3D)/g, (_, code: string) => (code === '25' ? '%' : code === '7C' ? '|' : '='));
}

/**
 * Stable text key of a cell: "_T" for the total, otherwise the non-total dimensions in the fixed order
 * sex, age, area, e.g. "sex=女", "sex=女|area=城镇", "age=0-6岁". Equal cells always give equal keys.
 */
export function disaggregationKey(cell: DisaggregationCell): string {
  const parts: string[] = [];
  if (cell.sex !== null) parts.push(`sex=${cell.sex}`);
  if (cell.ageGroup !== null) parts.push(`age=${escapePart(cell.ageGroup)}`);
  if (cell.area !== null) parts.push(`area=${cell.area}`);
  return parts.length === 0 ? TOTAL_KEY : parts.join('|');
}

/** Inverse of `disaggregationKey`; throws on a key it did not produce. */
export function parseDisaggregationKey(key: string): DisaggregationCell {
  if (key === TOTAL_KEY) return { ...TOTAL_CELL };
  const cell: DisaggregationCell = { sex: null, ageGroup: null, area: null };
  for (const part of key.split('|')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    if (eq < 0) throw new Error(`无效的分组键：${key}`);
    if (name === 'sex' && (raw === '女' || raw === '男') && cell.sex === null) cell.sex = raw;
    else if (name === 'age' && raw !== '' && cell.ageGroup === null) cell.ageGroup = unescapePart(raw);
    else if (name === 'area' && (raw === '城镇' || raw === '农村') && cell.area === null) cell.area = raw;
    else throw new Error(`无效的分组键：${key}`);
  }
  if (disaggregationKey(cell) !== key) throw new Error(`无效的分组键：${key}`);
  return cell;
}

export function isTotalCell(cell: DisaggregationCell): boolean {
  return cell.sex === null && cell.ageGroup === null && cell.area === null;
}

/** Chinese label of a cell for messages and grid headers: 合计, 女, 女·城镇, 0-6岁 … */
export function cellLabel(cell: DisaggregationCell): string {
  const parts = [cell.sex, cell.ageGroup, cell.area].filter((p): p is string => p !== null);
  return parts.length === 0 ? '合计' : parts.join('·');
}

/**
 * The cells an indicator's entry grid shows: the total, then each part of each of its dimensions on its own
 * (女, 男; every age group; 城镇, 农村). Cross cells (女·城镇) are valid values but not part of the default grid.
 */
export function gridCells(indicator: IndicatorDefinition): DisaggregationCell[] {
  const cells: DisaggregationCell[] = [{ ...TOTAL_CELL }];
  if (indicator.disaggregations.includes('sex')) {
    for (const sex of SEXES) cells.push({ sex, ageGroup: null, area: null });
  }
  if (indicator.disaggregations.includes('age_group')) {
    for (const ageGroup of indicator.ageGroups ?? []) cells.push({ sex: null, ageGroup, area: null });
  }
  if (indicator.disaggregations.includes('area')) {
    for (const area of AREAS) cells.push({ sex: null, ageGroup: null, area });
  }
  return cells;
}

/** Why a cell does not belong to an indicator (Chinese), or null when it does. */
export function cellProblem(indicator: IndicatorDefinition, cell: DisaggregationCell): string | null {
  if (cell.sex !== null && !indicator.disaggregations.includes('sex')) return '该指标不分性别统计';
  if (cell.ageGroup !== null) {
    if (!indicator.disaggregations.includes('age_group')) return '该指标不分年龄组统计';
    const groups = indicator.ageGroups ?? [];
    if (!groups.includes(cell.ageGroup)) {
      return `年龄组“${cell.ageGroup}”不在该指标的年龄组（${groups.join('、') || '无'}）中`;
    }
  }
  if (cell.area !== null && !indicator.disaggregations.includes('area')) return '该指标不分城乡统计';
  return null;
}

export interface RawDisaggregation {
  sex?: string | null;
  ageGroup?: string | null;
  area?: string | null;
}

export type CellParseResult = { ok: true; cell: DisaggregationCell } | { ok: false; message: string };

const TOTAL_WORDS = new Set(['', '合计', '总计', '_T']);

/**
 * A cell from loosely typed input (CSV columns, JSON bodies): blank, 合计 or _T mean the total;
 * sex accepts 女/女性, 男/男性; area accepts 城镇, 农村.
 */
export function cellFromRaw(raw: RawDisaggregation): CellParseResult {
  const sexText = (raw.sex ?? '').trim();
  const ageText = (raw.ageGroup ?? '').trim();
  const areaText = (raw.area ?? '').trim();
  let sex: Sex | null;
  if (TOTAL_WORDS.has(sexText)) sex = null;
  else if (sexText === '女' || sexText === '女性') sex = '女';
  else if (sexText === '男' || sexText === '男性') sex = '男';
  else return { ok: false, message: `性别“${sexText}”无效，应为女、男或留空（合计）` };
  let area: Area | null;
  if (TOTAL_WORDS.has(areaText)) area = null;
  else if (areaText === '城镇' || areaText === '农村') area = areaText;
  else return { ok: false, message: `城乡“${areaText}”无效，应为城镇、农村或留空（合计）` };
  const ageGroup = TOTAL_WORDS.has(ageText) ? null : ageText;
  return { ok: true, cell: { sex, ageGroup, area } };
}
