import type { Kysely } from 'kysely';
import type { RegionSummary } from '../../api/contract.ts';
import type { Region, RegionLevel, RegionLink } from '../../core/region/region.types.ts';
import { rowsPerInsert } from '../database.ts';
import type { Database, RegionLinkRow, RegionRow } from '../schema.ts';
import { chunks } from './row-mappers.ts';

export const today = (): string => new Date().toISOString().slice(0, 10);

export function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    functional: Number(row.functional) === 1,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export function toRegionLink(row: RegionLinkRow): RegionLink {
  return { regionCode: row.region_code, parentCode: row.parent_code, validFrom: row.valid_from, validTo: row.valid_to, note: row.note };
}

export interface RegionQuery {
  /** Children of this region on the date (following links, e.g. streets mapped to a functional zone). */
  parentCode?: string;
  level?: RegionLevel;
  /** ISO date; default today. */
  at?: string;
}

/** Regions valid on a date, with each one's effective parent (a link's, when one applies) and child count. */
export async function listRegions(db: Kysely<Database>, query: RegionQuery = {}): Promise<RegionSummary[]> {
  const at = query.at ?? today();
  const { parentCode, level } = query;
  const rows = await db
    .selectFrom('regions as r')
    .leftJoin('region_links as l', (join) =>
      join
        .onRef('l.region_code', '=', 'r.code')
        .on('l.valid_from', '<=', at)
        .on((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>=', at)])),
    )
    .selectAll('r')
    .select('l.parent_code as linked_parent')
    .where('r.valid_from', '<=', at)
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', at)]))
    .$if(level !== undefined, (q) => q.where('r.level', '=', level as RegionLevel))
    .$if(parentCode !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('l.parent_code', '=', parentCode as string),
          eb.and([eb('l.parent_code', 'is', null), eb('r.parent_code', '=', parentCode as string)]),
        ]),
      ),
    )
    .orderBy('r.code')
    .execute();
  const counts = await childCounts(db, at, rows.map((r) => r.code));
  return rows.map((row) => ({ ...toRegion(row), parentCode: row.linked_parent ?? row.parent_code, childCount: counts.get(row.code) ?? 0 }));
}

/** Number of children valid on `at` of each of `codes`, following links. */
async function childCounts(db: Kysely<Database>, at: string, codes: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (codes.length === 0) return counts;
  const children = await db
    .selectFrom('regions as r')
    .leftJoin('region_links as l', (join) =>
      join
        .onRef('l.region_code', '=', 'r.code')
        .on('l.valid_from', '<=', at)
        .on((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>=', at)])),
    )
    .select(['r.parent_code', 'l.parent_code as linked_parent'])
    .where('r.valid_from', '<=', at)
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>=', at)]))
    .where('r.parent_code', 'is not', null)
    .execute();
  const wanted = new Set(codes);
  for (const child of children) {
    const parent = child.linked_parent ?? child.parent_code;
    if (parent !== null && wanted.has(parent)) counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  return counts;
}

export interface RegionDetail extends RegionSummary {
  /** From the nearest parent up, on the date asked (following links). */
  ancestors: { code: string; name: string; level: RegionLevel }[];
  /** Dated changes of parent recorded for this region. */
  links: RegionLink[];
}

/** One region (whatever its validity) with its ancestors and child count on `at` (default today). */
export async function getRegion(db: Kysely<Database>, code: string, at: string = today()): Promise<RegionDetail | null> {
  const row = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return null;
  const links = (await db.selectFrom('region_links').selectAll().where('region_code', '=', code).orderBy('valid_from').execute()).map(toRegionLink);
  const parentAt = (r: RegionRow, own: RegionLink[]) =>
    own.find((l) => l.validFrom <= at && (l.validTo === null || at <= l.validTo))?.parentCode ?? r.parent_code;
  const ancestors: RegionDetail['ancestors'] = [];
  const seen = new Set([code]);
  for (let parent = parentAt(row, links); parent !== null && !seen.has(parent); ) {
    seen.add(parent);
    const p = await db.selectFrom('regions').selectAll().where('code', '=', parent).executeTakeFirst();
    if (!p) break;
    ancestors.push({ code: p.code, name: p.name, level: p.level });
    const pLinks = (await db.selectFrom('region_links').selectAll().where('region_code', '=', p.code).execute()).map(toRegionLink);
    parent = parentAt(p, pLinks);
  }
  const counts = await childCounts(db, at, [code]);
  return { ...toRegion(row), parentCode: parentAt(row, links), childCount: counts.get(code) ?? 0, ancestors, links };
}

/**
 * All regions (every validity) and links below a code prefix, for the pure hierarchy functions
 * (hierarchyAt / descendantsAt) that roll-ups use. Functional zones' codes start with their parent's (370300-gxq).
 */
export async function loadRegionHistory(db: Kysely<Database>, prefix = ''): Promise<{ regions: Region[]; links: RegionLink[] }> {
  if (!/^\d*$/.test(prefix)) throw new Error(`区划代码前缀应为数字，实际为“${prefix}”`);
  const regions = await db
    .selectFrom('regions')
    .selectAll()
    .$if(prefix !== '', (q) => q.where('code', 'like', `${prefix}%`))
    .orderBy('code')
    .execute();
  const codes = new Set(regions.map((r) => r.code));
  const links = (await db.selectFrom('region_links').selectAll().orderBy('region_code').orderBy('valid_from').execute())
    .filter((l) => codes.has(l.region_code))
    .map(toRegionLink);
  return { regions: regions.map(toRegion), links };
}

export async function countRegions(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A region row as written (every column given). */
export type RegionInsert = RegionRow;

/**
 * Inserts regions in chunks; an existing code keeps its validity and gets the new name, level and parent
 * (reloading a dataset never reopens a region closed by a boundary change). Rows must come parents first.
 */
export async function upsertRegions(db: Kysely<Database>, rows: readonly RegionInsert[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(db, 7, 2000))) {
    await db
      .insertInto('regions')
      .values(part)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
          functional: eb.ref('excluded.functional'),
        })),
      )
      .execute();
  }
}

/** Codes among `codes` that already have a row. */
export async function existingRegionCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(codes, 5000)) {
    const rows = await db.selectFrom('regions').select('code').where('code', 'in', part).execute();
    for (const r of rows) found.add(r.code);
  }
  return found;
}
