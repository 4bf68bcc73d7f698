/**
 * What the user typed into a form grid and has not saved yet, kept as text exactly as typed, and how it
 * becomes numbers, client-side validation input, the save request and a localStorage backup.
 * Pure functions, no React: unit-tested in form-edits.test.ts.
 */
import { parseNumberCell } from '../../../../src/core/monitoring/parse-number-cell.ts';
import { parseDisaggregationKey } from '../../../../src/core/monitoring/disaggregation.ts';
import type { DataValue } from '../../../../src/core/monitoring/data-value.types.ts';
import type { FormGrid, GridCell, GridIndicator } from '../../api/types.ts';

export type EditField = 'value' | 'numerator' | 'denominator' | 'source' | 'note';
export const NUMBER_FIELDS = ['value', 'numerator', 'denominator'] as const;

/** One cell's typed text; a field absent means "as stored". */
export interface CellEdit {
  fields: Partial<Record<EditField, string>>;
  /** The stored version the user started from: sent as expectedVersion (optimistic locking). */
  baseVersion: number;
}

/** indicatorCode|cellKey → edit */
export type Edits = Record<string, CellEdit>;

export const editKey = (indicatorCode: string, cellKey: string) => `${indicatorCode}|${cellKey}`;

/** The stored text of a field, as the input shows it before any edit. */
export function storedText(cell: GridCell, field: EditField): string {
  const v = cell[field];
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : v;
}

/** The text a field shows: the edit if any, else the stored value. */
export function shownText(cell: GridCell, edit: CellEdit | undefined, field: EditField): string {
  const typed = edit?.fields[field];
  return typed !== undefined ? typed : storedText(cell, field);
}

/** Applies one keystroke's result; an edit back to the stored text disappears (nothing left to save). */
export function applyEdit(edits: Edits, indicatorCode: string, cell: GridCell, field: EditField, text: string): Edits {
  const key = editKey(indicatorCode, cell.cellKey);
  const current = edits[key];
  const fields = { ...current?.fields, [field]: text };
  if (text === storedText(cell, field)) delete fields[field];
  const next = { ...edits };
  if (Object.keys(fields).length === 0) delete next[key];
  else next[key] = { fields, baseVersion: current?.baseVersion ?? cell.version };
  return next;
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; message: string };

export function parseField(text: string, unit: string): ParsedNumber {
  return parseNumberCell(text, { unit });
}

export interface CellContent {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  note: string | null;
}

/** Type problems of an edited cell (a word typed where a number belongs), by field, in Chinese. */
export function typeProblems(indicator: GridIndicator, edit: CellEdit | undefined): Partial<Record<EditField, string>> {
  const out: Partial<Record<EditField, string>> = {};
  if (!edit) return out;
  for (const field of NUMBER_FIELDS) {
    const text = edit.fields[field];
    if (text === undefined) continue;
    const parsed = parseField(text, field === 'value' ? indicator.unit : '');
    if (!parsed.ok) out[field] = parsed.message;
  }
  return out;
}

const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The cell's content with the edit applied; a field that does not parse keeps null (it is reported apart). */
export function contentOf(indicator: GridIndicator, cell: GridCell, edit: CellEdit | undefined): CellContent {
  const num = (field: (typeof NUMBER_FIELDS)[number]): number | null => {
    const text = edit?.fields[field];
    if (text === undefined) return cell[field];
    const parsed = parseField(text, field === 'value' ? indicator.unit : '');
    return parsed.ok ? parsed.value : null;
  };
  const txt = (field: 'source' | 'note'): string | null => {
    const text = edit?.fields[field];
    return text === undefined ? cell[field] : blankToNull(text);
  };
  return { value: num('value'), numerator: num('numerator'), denominator: num('denominator'), source: txt('source'), note: txt('note') };
}

/**
 * The grid's values as the core validator sees them, edits applied: stored cells with content and every
 * edited cell. Last year's values come from the grid.
 */
export function valuesForValidation(grid: FormGrid, edits: Edits): { current: DataValue[]; previous: DataValue[] } {
  const year = grid.form.round.year;
  const regionCode = grid.form.regionCode;
  const current: DataValue[] = [];
  const previous: DataValue[] = [];
  for (const indicator of grid.indicators) {
    for (const cell of indicator.cells) {
      const disaggregation = parseDisaggregationKey(cell.cellKey);
      const edit = edits[editKey(indicator.code, cell.cellKey)];
      const content = contentOf(indicator, cell, edit);
      const empty = content.value === null && content.numerator === null && content.denominator === null && content.note === null;
      if (!empty || cell.status !== null) {
        current.push({
          indicatorCode: indicator.code, regionCode, year, disaggregation, ...content,
          status: cell.status ?? 'draft', version: cell.version, backfilled: cell.backfilled,
        });
      }
      if (cell.lastYear) {
        previous.push({
          indicatorCode: indicator.code, regionCode, year: year - 1, disaggregation,
          value: cell.lastYear.value, numerator: cell.lastYear.numerator, denominator: cell.lastYear.denominator,
          source: null, note: null, status: cell.lastYear.status, version: 1, backfilled: false,
        });
      }
    }
  }
  return { current, previous };
}

/** One value of the save request (PUT /forms/:id/values). */
export interface ValueWrite extends CellContent {
  indicatorCode: string;
  cellKey: string;
  expectedVersion: number;
}

export type SavePlan = { ok: true; values: ValueWrite[] } | { ok: false; problems: { key: string; field: EditField; message: string }[] };

/** The save request for every edited cell, or the cells whose text is not a number (nothing is sent then). */
export function planSave(grid: FormGrid, edits: Edits): SavePlan {
  const values: ValueWrite[] = [];
  const problems: { key: string; field: EditField; message: string }[] = [];
  for (const indicator of grid.indicators) {
    for (const cell of indicator.cells) {
      const key = editKey(indicator.code, cell.cellKey);
      const edit = edits[key];
      if (!edit) continue;
      for (const [field, message] of Object.entries(typeProblems(indicator, edit))) {
        problems.push({ key, field: field as EditField, message });
      }
      values.push({ indicatorCode: indicator.code, cellKey: cell.cellKey, expectedVersion: edit.baseVersion, ...contentOf(indicator, cell, edit) });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Edits of cells that no longer exist in the grid are dropped; the others are kept as typed. */
export function editsForGrid(grid: FormGrid, edits: Edits): Edits {
  const known = new Set(grid.indicators.flatMap((i) => i.cells.map((c) => editKey(i.code, c.cellKey))));
  return Object.fromEntries(Object.entries(edits).filter(([key]) => known.has(key)));
}

/** Cells whose stored version moved past the version the edit started from: someone else saved meanwhile. */
export function staleEdits(grid: FormGrid, edits: Edits): string[] {
  const stale: string[] = [];
  for (const indicator of grid.indicators) {
    for (const cell of indicator.cells) {
      const key = editKey(indicator.code, cell.cellKey);
      const edit = edits[key];
      if (edit && cell.version !== edit.baseVersion) stale.push(key);
    }
  }
  return stale;
}

/** Takes the current stored versions as the base of the given edits: "keep mine" after a conflict. */
export function rebaseEdits(grid: FormGrid, edits: Edits, keys: readonly string[]): Edits {
  const versions = new Map(grid.indicators.flatMap((i) => i.cells.map((c) => [editKey(i.code, c.cellKey), c.version] as const)));
  const next = { ...edits };
  for (const key of keys) {
    const edit = next[key];
    const version = versions.get(key);
    if (edit && version !== undefined) next[key] = { ...edit, baseVersion: version };
  }
  return next;
}

// ---- localStorage backup of unsaved edits ----

interface StoredEdits {
  v: 1;
  savedAt: string;
  edits: Edits;
}

export const backupKey = (formId: number, userId: number) => `fuer.form-edits.${userId}.${formId}`;

export function loadBackup(storage: Pick<Storage, 'getItem'>, key: string): { edits: Edits; savedAt: string } | null {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredEdits>;
    if (parsed.v !== 1 || typeof parsed.edits !== 'object' || parsed.edits === null) return null;
    const edits: Edits = {};
    for (const [k, e] of Object.entries(parsed.edits)) {
      if (typeof e?.baseVersion !== 'number' || typeof e.fields !== 'object' || e.fields === null) continue;
      const fields: CellEdit['fields'] = {};
      for (const [f, t] of Object.entries(e.fields)) if (typeof t === 'string') fields[f as EditField] = t;
      if (Object.keys(fields).length > 0) edits[k] = { fields, baseVersion: e.baseVersion };
    }
    return Object.keys(edits).length > 0 ? { edits, savedAt: String(parsed.savedAt ?? '') } : null;
  } catch {
    return null;
  }
}

export function saveBackup(storage: Pick<Storage, 'setItem' | 'removeItem'>, key: string, edits: Edits, now = new Date()): void {
  if (Object.keys(edits).length === 0) {
    storage.removeItem(key);
    return;
  }
  const payload: StoredEdits = { v: 1, savedAt: now.toISOString(), edits };
  storage.setItem(key, JSON.stringify(payload));
}
