import type { Region, RegionLink } from './region.types.ts';

/**
 * The region tree as it stood on one date. Regions carry validity dates and links carry dated changes of
 * parent, so a boundary change (区划调整) adds rows instead of rewriting old ones: a roll-up for 2020 follows
 * the 2020 tree, one for 2025 the 2025 tree.
 */
export interface RegionHierarchy {
  date: string;
  /** Regions valid on the date, by code. */
  regions: ReadonlyMap<string, Region>;
  /** Effective parent on the date (a link's parent when one applies, else the statutory parent). */
  parentOf(code: string): string | null;
  /** Codes of the direct children on the date, sorted. */
  childrenOf(code: string): string[];
  /**
   * Codes of regions whose effective parent is among the regions given but not valid on the date (a data error
   * worth showing). A parent absent from the input altogether is outside the subtree asked for, not an error.
   */
  orphans: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(date: string): void {
  if (!ISO_DATE.test(date)) throw new Error(`日期应为 YYYY-MM-DD 格式，实际为“${date}”`);
}

/** Whether something valid from `validFrom` to `validTo` (inclusive; null = still valid) is valid on `date`. */
export function isValidAt(item: { validFrom: string; validTo: string | null }, date: string): boolean {
  return item.validFrom <= date && (item.validTo === null || date <= item.validTo);
}

/** The date a year's figures refer to when choosing the tree for that year: its last day. */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** The day before an ISO date, e.g. to close a period that another starts on `date`. */
export function dayBefore(date: string): string {
  assertDate(date);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function hierarchyAt(regions: readonly Region[], date: string, links: readonly RegionLink[] = []): RegionHierarchy {
  assertDate(date);
  const valid = new Map<string, Region>();
  for (const region of regions) {
    if (!isValidAt(region, date)) continue;
    if (valid.has(region.code)) throw new Error(`区划代码 ${region.code} 在 ${date} 有多条有效记录`);
    valid.set(region.code, region);
  }
  const linkedParent = new Map<string, string>();
  for (const link of links) {
    if (!isValidAt(link, date) || !valid.has(link.regionCode)) continue;
    if (linkedParent.has(link.regionCode)) throw new Error(`区划 ${link.regionCode} 在 ${date} 同时归属多个上级`);
    linkedParent.set(link.regionCode, link.parentCode);
  }
  const known = new Set(regions.map((r) => r.code));
  const parents = new Map<string, string | null>();
  const children = new Map<string, string[]>();
  const orphans: string[] = [];
  for (const region of valid.values()) {
    const parent = linkedParent.get(region.code) ?? region.parentCode;
    parents.set(region.code, parent);
    if (parent === null) continue;
    if (!valid.has(parent) && known.has(parent)) orphans.push(region.code);
    const list = children.get(parent) ?? [];
    list.push(region.code);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort();
  return {
    date,
    regions: valid,
    parentOf: (code) => parents.get(code) ?? null,
    childrenOf: (code) => [...(children.get(code) ?? [])],
    orphans: orphans.sort(),
  };
}

/**
 * Every region below `code` on `date`, parents before children (breadth first). Empty when `code` is not
 * valid on that date: a county abolished in 2021 has no descendants in 2022, but keeps them for 2020.
 */
export function descendantsAt(
  regions: readonly Region[],
  code: string,
  date: string,
  links: readonly RegionLink[] = [],
): Region[] {
  return descendantsIn(hierarchyAt(regions, date, links), code);
}

export function descendantsIn(hierarchy: RegionHierarchy, code: string): Region[] {
  if (!hierarchy.regions.has(code)) return [];
  const out: Region[] = [];
  const queue = hierarchy.childrenOf(code);
  const seen = new Set<string>([code]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue; // a cycle in the links would otherwise loop forever
    seen.add(next);
    out.push(hierarchy.regions.get(next) as Region);
    queue.push(...hierarchy.childrenOf(next));
  }
  return out;
}

/** The chain from `code` up to the root on `date` (nearest parent first), following links. */
export function ancestorsAt(regions: readonly Region[], code: string, date: string, links: readonly RegionLink[] = []): Region[] {
  const hierarchy = hierarchyAt(regions, date, links);
  const out: Region[] = [];
  const seen = new Set<string>([code]);
  for (let parent = hierarchy.parentOf(code); parent !== null && !seen.has(parent); parent = hierarchy.parentOf(parent)) {
    seen.add(parent);
    const region = hierarchy.regions.get(parent);
    if (region === undefined) break;
    out.push(region);
  }
  return out;
}
