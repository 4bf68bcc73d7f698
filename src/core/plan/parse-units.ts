import { normaliseUnitName } from '../department/department-registry.ts';
import { PlanParseError } from './plan.types.ts';
import type { GoalUnits } from './plan.types.ts';

/** Where an error is reported: the goal's line in the source. */
export interface UnitsSource {
  line: number | null;
  file?: string;
}

export interface UnitsSplit {
  /** The goal text without the units parenthesis. */
  text: string;
  /** The parenthesis as written, '' when the goal has none. */
  unitsText: string;
}

type Role = 'lead' | 'responsible';

const LABEL = '(牵头|责任|配合|协办|参与)(?:单位|部门)\\s*[：:]';
const OPENING = new RegExp(`[（(]\\s*${LABEL}`, 'g');
const SEGMENT_LABEL = new RegExp(`^${LABEL}\\s*(.*)$`);
const MENTIONS_UNITS = /(?:牵头|责任)(?:单位|部门)/;

const err = (message: string, at: UnitsSource) => new PlanParseError(message, at.line, at.file);
const excerpt = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Splits a goal into its text and its trailing units parenthesis （牵头单位：…，责任单位：…）.
 * The parenthesis is the last one that opens with a unit label; parentheses inside the goal text
 * (以镇（街道）为单位) stay in the text.
 */
export function splitUnitsParenthesis(raw: string, at: UnitsSource = { line: null }): UnitsSplit {
  const openings = [...raw.matchAll(OPENING)];
  const last = openings.at(-1);
  if (last === undefined) {
    if (MENTIONS_UNITS.test(raw)) {
      throw err(`目标的单位应写成“（牵头单位：…，责任单位：…）”，实际为“${excerpt(raw.slice(Math.max(0, raw.search(MENTIONS_UNITS) - 1)), 30)}”`, at);
    }
    return { text: raw.trim(), unitsText: '' };
  }
  const start = last.index;
  const end = matchingClose(raw, start);
  if (end === -1) {
    throw err(`目标的单位括号未闭合：“${excerpt(raw.slice(start), 30)}”之后应有“）”`, at);
  }
  const after = raw.slice(end + 1).trim();
  if (!/^[。；;.，,]*$/.test(after)) {
    throw err(`单位括号之后不应再有文字，实际为“${excerpt(after)}”`, at);
  }
  return { text: raw.slice(0, start).trim(), unitsText: raw.slice(start, end + 1) };
}

function matchingClose(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Reads a units parenthesis into canonical lead and responsible departments and group references.
 * Lists are separated by “、”; labelled parts by “，” or “；” (full or half width). “市妇联等市妇儿工委有关成员单位”
 * is the department 市妇联 plus the group 市妇儿工委有关成员单位.
 */
export function parseUnits(unitsText: string, at: UnitsSource = { line: null }): GoalUnits {
  const units: GoalUnits = { leadUnits: [], responsibleUnits: [], unitGroups: [], unitsText };
  if (unitsText === '') return units;
  const inner = unitsText.replace(/^[（(]/, '').replace(/[）)]$/, '');

  let role: Role | null = null;
  for (const rawSegment of inner.split(/[，,；;]/)) {
    const segment = rawSegment.trim();
    if (segment === '') continue;
    let names = segment;
    const labelled = SEGMENT_LABEL.exec(segment);
    if (labelled) {
      role = labelled[1] === '牵头' ? 'lead' : 'responsible';
      names = (labelled[2] ?? '').trim();
      if (names === '') throw err(`“${segment}”之后应列出单位名称`, at);
    } else if (/[：:]/.test(segment)) {
      const label = segment.slice(0, segment.search(/[：:]/) + 1);
      throw err(`单位括号中的“${excerpt(label)}”不是可识别的标注，应为“牵头单位：”或“责任单位：”`, at);
    } else if (role === null) {
      throw err(`单位括号应以“牵头单位：”或“责任单位：”开头，实际为“${excerpt(segment)}”`, at);
    }
    for (const rawName of names.split('、')) {
      const name = rawName.trim();
      if (name === '') throw err(`单位括号“${excerpt(unitsText, 30)}”中有空的单位名称（多余的“、”）`, at);
      for (const part of splitGroupSuffix(name)) addUnit(units, role, part);
    }
  }
  return units;
}

// How the name of one body ends: 市妇联, 团市委, 市教育局, 市检察院, 淄博日报社 …
const BODY_NAME_END = /(?:局|委|办|部|会|院|联|社|台|府|厅|署|所|中心|室|组|队|协|庭)$/;

/**
 * 市妇联等市妇儿工委有关成员单位 → [市妇联, 市妇儿工委有关成员单位]; other names stay whole. The split needs a
 * body's name before 等 and a group after it: 市法规政策性别平等评估机制联席会议各成员单位 is one group (平等).
 */
export function splitGroupSuffix(name: string): string[] {
  if (normaliseUnitName(name).known) return [name];
  for (let i = name.indexOf('等'); i > 0; i = name.indexOf('等', i + 1)) {
    const head = name.slice(0, i);
    const tail = name.slice(i + 1);
    const headIsBody = normaliseUnitName(head).known || BODY_NAME_END.test(head);
    if (headIsBody && tail !== '' && normaliseUnitName(tail).kind === 'group') return [head, tail];
  }
  return [name];
}

function addUnit(units: GoalUnits, role: Role, name: string): void {
  const unit = normaliseUnitName(name);
  const list = unit.kind === 'group' ? units.unitGroups : role === 'lead' ? units.leadUnits : units.responsibleUnits;
  if (!list.includes(unit.name)) list.push(unit.name);
}
