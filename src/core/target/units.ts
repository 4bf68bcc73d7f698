/** Units the target grammar reads after a number, and what they say about the target. */

/** Regex source of one number: 85, 8.2, 0.85. */
export const NUMBER = String.raw`\d+(?:\.\d+)?`;

/** Units written right after a value, longest first so that 个百分点 wins over 个. */
export const VALUE_UNITS = [
  '/10万',
  '‰',
  '%',
  '个百分点',
  '百分点',
  '小时',
  '分钟',
  '名',
  '张',
  '个',
  '所',
  '家',
  '人',
  '次',
  '项',
  '天',
  '年',
] as const;

export const VALUE_UNIT = `(?:${VALUE_UNITS.map(escapeRegex).join('|')})`;

/** Units that count things (people, institutions, events): a target in them is a count. */
const COUNT_UNITS = new Set(['名', '个', '所', '家', '人', '次', '项', '张']);
const DURATION_UNITS = new Set(['小时', '分钟', '天']);

export type UnitClass = 'rate' | 'count' | 'duration' | 'other';

export function unitClass(unit: string | null): UnitClass {
  if (unit === null) return 'other';
  if (unit === '%' || unit === '‰' || unit === '1/10万' || unit === '百分点' || unit.includes('/')) return 'rate';
  if (COUNT_UNITS.has(unit)) return 'count';
  if (DURATION_UNITS.has(unit)) return 'duration';
  return 'other';
}

/** The unit as stored: 8.2/10万 → 1/10万, 个百分点 → 百分点. */
export function canonicalUnit(written: string | undefined | null): string | null {
  if (written === undefined || written === null || written === '') return null;
  if (written === '/10万') return '1/10万';
  if (written === '个百分点') return '百分点';
  return written;
}

/**
 * The unit of a per-population rate: 每千名儿童 … 0.85名 → 名/千名儿童, 每千人口 … 4.5个 → 个/千人.
 * `base` is the text after 每 (千名儿童, 千人口, 万人).
 */
export function perPopulationUnit(unit: string, base: string): string {
  const denominator = base.endsWith('人口') ? base.slice(0, -1) : base;
  return `${unit}/${denominator}`;
}

/** A unit for an implied count of one (镇（街道）配备儿童督导员): persons 名, institutions 所, organisations 家. */
export function impliedCountUnit(item: string): string {
  if (/(?:员|主任|医生|医师|干部|教师|人)$/.test(item)) return '名';
  if (/(?:学校|园|院|机构|中心|校)$/.test(item)) return '所';
  if (/(?:组织|企业)$/.test(item)) return '家';
  return '个';
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
