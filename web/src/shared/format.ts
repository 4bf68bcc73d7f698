import type { StoredTarget, Target } from '../api/types.ts';
import { directionLabel, labelOf, opSymbol } from './labels.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (the numbering of plan sections). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** Domain heading as the plan writes it: （一）妇女与健康. */
export const domainLabel = (domain: { ord: number; title: string }) => `（${chineseNumeral(domain.ord)}）${domain.title}`;

/** Goal or measure number as the plan writes it: （2）. */
export const ordLabel = (ord: number) => `（${ord}）`;

/** Value with its unit as the plan writes it: 8.2 + "1/10万" → 8.2/10万, 85 + "%" → 85%, 1 + "百分点" → 1个百分点. */
export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return '';
  const u = unit ?? '';
  if (u.startsWith('1/')) return `${value}${u.slice(1)}`;
  if (u === '百分点') return `${value}个百分点`;
  return `${value}${u}`;
}

/** The comparison as a symbol; 约数 (approx) targets read ≈ whatever operator they carry. */
export function targetOpSymbol(target: Pick<Target, 'kind' | 'op'>): string {
  if (target.kind === 'approx') return '≈';
  return target.op ? (opSymbol[target.op] ?? target.op) : '';
}

/** Target value as written in a table cell: 8.2/10万, 3:2 for ratios. */
export function targetValueText(target: Target): string {
  if (target.kind === 'ratio' && target.ratio) return `${target.ratio[0]}:${target.ratio[1]}`;
  // A bound that is another quantity, e.g. 不低于本地区党员总数中女性比例.
  if (target.value === null && target.reference) return target.reference;
  return formatValue(target.value, target.unit);
}

/** Short reading of a target for a chip: "≤ 8.2/10万", "较2020年下降 ≥ 20%", "提高" (trend). */
export function targetCondition(target: Target): string {
  const op = targetOpSymbol(target);
  const value = targetValueText(target);
  const dir = target.direction ? labelOf(directionLabel, target.direction) : '';
  switch (target.kind) {
    case 'relative_change':
      return `较${target.baseYear ?? '基'}年${dir}${op ? ` ${op}` : ''} ${value}`.trim();
    case 'annual_change':
      return `年均${dir}${op ? ` ${op}` : ''} ${value}`.trim();
    case 'trend':
      return dir || '方向性目标';
    case 'deadline':
      return value ? `${value}内` : '期限';
    default:
      return `${op} ${value}`.trim();
  }
}

export const targetKey = (target: StoredTarget | Target, index: number) =>
  'id' in target ? String(target.id) : `${index}-${target.text}`;
