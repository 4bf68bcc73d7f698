import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  backupKey,
  editKey,
  editsForGrid,
  loadBackup,
  planSave,
  rebaseEdits,
  saveBackup,
  shownText,
  staleEdits,
} from './form-edits.ts';
import type { Edits } from './form-edits.ts';
import { clientIssues, issuesByCell } from './client-validate.ts';
import { formGrid, gridIndicator } from './grid.fixtures.ts';

// 妇女常见病筛查率 (%, ratio, by area) and 学生欺凌事件数 (件, sum, no disaggregation), from the catalogue.
const screening = () => gridIndicator('W1.04', { _T: { value: 88.5, numerator: 885, denominator: 1000, version: 3 } });
const bullying = () => gridIndicator('C2.04');

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('typing into the grid', () => {
  it('keeps the text as typed, starting from the stored version', () => {
    const grid = formGrid([screening()]);
    const total = grid.indicators[0]!.cells[0]!;
    const edits = applyEdit({}, 'W1.04', total, 'value', '120');
    expect(edits[editKey('W1.04', '_T')]).toEqual({ fields: { value: '120' }, baseVersion: 3 });
    expect(shownText(total, edits[editKey('W1.04', '_T')], 'value')).toBe('120');
    expect(shownText(total, undefined, 'numerator')).toBe('885');
  });

  it('forgets an edit typed back to the stored value', () => {
    const total = screening().cells[0]!;
    let edits = applyEdit({}, 'W1.04', total, 'value', '90');
    edits = applyEdit(edits, 'W1.04', total, 'value', '88.5');
    expect(edits).toEqual({});
  });
});

describe('saving', () => {
  it('sends numbers parsed as the server does, with the expected version', () => {
    const grid = formGrid([screening()]);
    const [total, urban] = grid.indicators[0]!.cells;
    let edits: Edits = applyEdit({}, 'W1.04', total!, 'value', '９０．５％');
    edits = applyEdit(edits, 'W1.04', urban!, 'numerator', '1,203');
    edits = applyEdit(edits, 'W1.04', urban!, 'note', '  新口径  ');
    const plan = planSave(grid, edits);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.values).toEqual([
      { indicatorCode: 'W1.04', cellKey: '_T', expectedVersion: 3, value: 90.5, numerator: 885, denominator: 1000, source: null, note: null },
      { indicatorCode: 'W1.04', cellKey: 'area=城镇', expectedVersion: 0, value: null, numerator: 1203, denominator: null, source: null, note: '新口径' },
    ]);
  });

  it('refuses to send a word where a number belongs, naming it', () => {
    const grid = formGrid([bullying()]);
    const edits = applyEdit({}, 'C2.04', grid.indicators[0]!.cells[0]!, 'value', '约十件');
    const plan = planSave(grid, edits);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.message).toContain('“约十件”不是有效的数字');
  });

  it('notices edits whose cell someone else saved meanwhile, and rebases them on request', () => {
    const before = formGrid([screening()]);
    const edits = applyEdit({}, 'W1.04', before.indicators[0]!.cells[0]!, 'value', '91');
    const after = formGrid([gridIndicator('W1.04', { _T: { value: 89, numerator: 890, denominator: 1000, version: 4 } })]);
    expect(staleEdits(after, edits)).toEqual(['W1.04|_T']);
    const rebased = rebaseEdits(after, edits, ['W1.04|_T']);
    expect(rebased['W1.04|_T']).toEqual({ fields: { value: '91' }, baseVersion: 4 });
    expect(staleEdits(after, rebased)).toEqual([]);
  });

  it('drops edits of cells the grid no longer has', () => {
    const grid = formGrid([screening()]);
    const edits: Edits = { 'W1.04|_T': { fields: { value: '1' }, baseVersion: 3 }, 'X9.99|_T': { fields: { value: '2' }, baseVersion: 0 } };
    expect(Object.keys(editsForGrid(grid, edits))).toEqual(['W1.04|_T']);
  });
});

describe('unsaved edits survive a reload', () => {
  it('round-trips through storage and clears when nothing is left', () => {
    const storage = memoryStorage();
    const key = backupKey(7, 3);
    const edits: Edits = { 'W1.04|_T': { fields: { value: '120', note: '核实中' }, baseVersion: 3 } };
    saveBackup(storage, key, edits, new Date('2025-03-01T08:00:00Z'));
    expect(loadBackup(storage, key)).toEqual({ edits, savedAt: '2025-03-01T08:00:00.000Z' });
    saveBackup(storage, key, {});
    expect(storage.getItem(key)).toBeNull();
  });

  it('ignores a damaged backup', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(loadBackup(storage, 'k')).toBeNull();
    storage.setItem('k', JSON.stringify({ v: 1, edits: { a: { fields: { value: 5 }, baseVersion: 1 } } }));
    expect(loadBackup(storage, 'k')).toBeNull();
  });
});

describe('instant checks use the server rules', () => {
  it('flags a % over 100 beside the value, in Chinese', () => {
    const grid = formGrid([screening()]);
    const edits = applyEdit({}, 'W1.04', grid.indicators[0]!.cells[0]!, 'value', '120');
    const byCell = issuesByCell(grid, edits, clientIssues(grid, edits));
    const messages = (byCell.get('W1.04|_T') ?? []).map((i) => i.message);
    expect(messages.some((m) => m.includes('120%') && m.includes('超出允许范围'))).toBe(true);
  });

  it('checks the value against numerator and denominator, and 城镇+农村 against 合计', () => {
    const grid = formGrid([screening()]);
    const [total, urban, rural] = grid.indicators[0]!.cells;
    let edits = applyEdit({}, 'W1.04', total!, 'value', '80');
    edits = applyEdit(edits, 'W1.04', urban!, 'value', '90');
    edits = applyEdit(edits, 'W1.04', urban!, 'numerator', '450');
    edits = applyEdit(edits, 'W1.04', urban!, 'denominator', '500');
    edits = applyEdit(edits, 'W1.04', rural!, 'value', '80');
    edits = applyEdit(edits, 'W1.04', rural!, 'numerator', '400');
    edits = applyEdit(edits, 'W1.04', rural!, 'denominator', '500');
    const issues = clientIssues(grid, edits);
    const codes = issues.filter((i) => i.indicatorCode === 'W1.04').map((i) => `${i.cellKey}:${i.code}`);
    expect(codes).toContain('_T:ratio_mismatch'); // 80 ≠ 885/1000
    expect(codes).toContain('_T:parts_sum_mismatch'); // 450+400 ≠ 885
    expect(codes).not.toContain('area=城镇:ratio_mismatch');
  });

  it('asks for a note when the change from last year is unusual, and is satisfied by one', () => {
    const grid = formGrid([gridIndicator('C2.04', { _T: { lastYear: { value: 10, numerator: null, denominator: null, status: 'approved' } } })]);
    const total = grid.indicators[0]!.cells[0]!;
    let edits = applyEdit({}, 'C2.04', total, 'value', '20');
    expect(clientIssues(grid, edits).map((i) => i.code)).toContain('yoy_unexplained');
    edits = applyEdit(edits, 'C2.04', total, 'note', '统计口径扩大到民办学校');
    expect(clientIssues(grid, edits).map((i) => i.code)).not.toContain('yoy_unexplained');
  });

  it("shows the server's issues for indicators without edits", () => {
    const grid = formGrid([screening(), bullying()]);
    grid.issues = [
      { indicatorCode: 'C2.04', regionCode: '370303', cellKey: '_T', field: 'value', severity: 'error', code: 'required_missing', message: '请填写“合计”的数值', blocking: true },
    ];
    const edits = applyEdit({}, 'W1.04', grid.indicators[0]!.cells[0]!, 'value', '88.6');
    const byCell = issuesByCell(grid, edits, clientIssues(grid, edits));
    expect(byCell.get('C2.04|_T')?.map((i) => i.message)).toEqual(['请填写“合计”的数值']);
  });
});
