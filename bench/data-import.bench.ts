/**
 * Import throughput: the generated CSV through the real import path — importDataCsv → writeDataValues, as
 * `fuer data import` runs it (one transaction, access and rule checks, origin cli, audited as an import: one
 * audit row per region, year and form holding each value's before and after) — and the city roll-up of every
 * indicator from the 11 counties and zones over 10 years (cityRollUp, computed on read from the approved values).
 */
import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../src/core/access/actor.types.ts';
import { importCatalogue, readCatalogueFile } from '../src/services/catalogue-import.service.ts';
import { importDataCsv } from '../src/services/exchange/csv-import.service.ts';
import { CLI_SYSTEM_ACTOR } from '../src/services/exchange/system-actor.ts';
import { cityRollUp } from '../src/services/monitoring/rollup.service.ts';
import { loadRegions } from '../src/services/region-load.service.ts';
import type { Database } from '../src/storage/schema.ts';

export const BENCH_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** Zibo's regions and the catalogue, as a fresh installation has them. */
export async function seedBenchDatabase(db: Kysely<Database>): Promise<void> {
  await loadRegions(db, { prefix: '3703', depth: 'village' });
  await importCatalogue(db, readCatalogueFile());
}

/**
 * Regions in the order the generator fills them: the 11 counties and zones first (all 10 years each, for the
 * roll-up), then the city, the towns and as many villages as the value count needs.
 */
export async function benchRegionOrder(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('regions').select(['code', 'level', 'parent_code']).orderBy('code').execute();
  const counties = rows.filter((r) => r.level === 'county' && (r.parent_code === CITY_REGION_CODE || r.code.startsWith(`${CITY_REGION_CODE}-`)));
  const towns = rows.filter((r) => r.level === 'town');
  const villages = rows.filter((r) => r.level === 'village');
  return [...counties.map((r) => r.code), CITY_REGION_CODE, ...towns.map((r) => r.code), ...villages.map((r) => r.code)];
}

export interface ImportFigures {
  values: number;
  seconds: number;
  parseSeconds: number;
  writeSeconds: number;
  perSecond: number;
  /** CPU seconds of this process during the import (the machine may be shared: wall time alone misleads). */
  cpuSeconds: number;
  rows: number;
  auditRows: number;
}

export async function benchImport(db: Kysely<Database>, file: string): Promise<ImportFigures> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await importDataCsv(db, CLI_SYSTEM_ACTOR, createReadStream(file), { file, origin: 'cli', status: 'approved' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const count = async (table: 'data_values' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    values: result.values,
    seconds,
    parseSeconds: result.parseMs / 1000,
    writeSeconds: result.writeMs / 1000,
    perSecond: result.values / seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    rows: await count('data_values'),
    auditRows: await count('audit_log'),
  };
}

export interface RollUpFigures {
  years: number;
  indicators: number;
  children: number;
  cells: number;
  complete: number;
  seconds: number;
}

/** The city's figures for every indicator in each of the 10 years, from the approved county values. */
export async function benchRollUp(db: Kysely<Database>): Promise<RollUpFigures> {
  const started = performance.now();
  let cells = 0;
  let complete = 0;
  let indicators = 0;
  let children = 0;
  for (const year of BENCH_YEARS) {
    const result = await cityRollUp(db, { year });
    indicators = result.indicators.length;
    children = result.children.length;
    for (const ind of result.indicators) {
      cells += ind.cells.length;
      complete += ind.cells.filter((c) => c.complete && c.rolled !== null).length;
    }
  }
  return { years: BENCH_YEARS.length, indicators, children, cells, complete, seconds: (performance.now() - started) / 1000 };
}
