import { describe, expect, it } from 'vitest';
import { parseNumberCell } from './parse-number-cell.ts';

function ok(raw: string, unit?: string): number | null {
  const r = parseNumberCell(raw, unit === undefined ? {} : { unit });
  if (!r.ok) throw new Error(`expected ${raw} to parse, got: ${r.message}`);
  return r.value;
}

function fail(raw: string, unit?: string): string {
  const r = parseNumberCell(raw, unit === undefined ? {} : { unit });
  if (r.ok) throw new Error(`expected ${raw} to be rejected, got ${String(r.value)}`);
  return r.message;
}

describe('parseNumberCell', () => {
  it('reads plain and grouped numbers', () => {
    expect(ok('1234.5')).toBe(1234.5);
    expect(ok('1,234.5')).toBe(1234.5);
    expect(ok('1,234,567')).toBe(1234567);
    expect(ok('  98.6 ')).toBe(98.6);
    expect(ok('.5')).toBe(0.5);
    expect(ok('0')).toBe(0);
  });

  it('reads full-width digits, separators and signs', () => {
    expect(ok('１２３')).toBe(123);
    expect(ok('１，２３４．５')).toBe(1234.5);
    expect(ok('－３')).toBe(-3);
    expect(ok('\u2212' + '3')).toBe(-3);
    expect(ok('\u3000４５\u3000')).toBe(45);
  });

  it('accepts a trailing % only when the unit is %', () => {
    expect(ok('98.5%', '%')).toBe(98.5);
    expect(ok('98.5 %', '%')).toBe(98.5);
    expect(ok('１２．５％', '%')).toBe(12.5);
    expect(ok('3.3‰', '‰')).toBe(3.3);
    expect(fail('98.5%', '人')).toBe('“98.5%”带有百分号，但该指标的单位是人，请只填写数字');
    expect(fail('3.3‰', '%')).toContain('千分号');
    expect(fail('50%')).toContain('无单位');
  });

  it('accepts the indicator\u2019s own unit written after the number', () => {
    expect(ok('1,203人', '人')).toBe(1203);
    expect(ok('12 所', '所')).toBe(12);
    expect(fail('12所', '人')).toContain('不是有效的数字');
  });

  it('gives null for a blank cell', () => {
    expect(ok('')).toBeNull();
    expect(ok('   ')).toBeNull();
    expect(ok('\u3000')).toBeNull();
  });

  it('rejects text with a Chinese message naming what was typed', () => {
    expect(fail('abc')).toBe('“abc”不是有效的数字，请填写数字（如1,234.5）；无数据请留空');
    expect(fail('十二')).toContain('“十二”不是有效的数字');
    expect(fail('—')).toContain('无数据请留空');
    expect(fail('12.3.4')).toContain('不是有效的数字');
    expect(fail('1e5')).toContain('不是有效的数字');
    expect(fail('1 234')).toContain('不是有效的数字');
  });

  it('rejects misplaced thousands separators', () => {
    expect(fail('1,23')).toBe('“1,23”的千分位逗号位置不正确，应写作如1,234.5');
    expect(fail('12,34.5')).toContain('千分位');
  });
});
