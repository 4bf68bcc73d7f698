/**
 * Large imports: from LARGE_WRITE.bulkFromValues values on, values are checked and written region by region while
 * the file is still being read — on an SQLite file by a worker thread (SqliteBulkWriter), on PostgreSQL with
 * inserts queued on the connection. These tests check that both keep the import's promises: everything is
 * stored and audited, and a file that turns out bad late — a rule error in the last region, a parse error in the
 * last row, a region that comes back with parts that no longer add up — leaves nothing behind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDataCsv } from '../../../bench/generate-data-csv.ts';
import { createTestDatabase, DIALECTS, skipDialect } from '../../../test/databases.ts';
import type { TestDatabase } from '../../../test/databases.ts';
import { importCatalogue, readCatalogueFile } from '../catalogue-import.service.ts';
import { loadRegions } from '../region-load.service.ts';
import { LARGE_WRITE } from '../monitoring/data-value.service.ts';
import { CSV_HAND_OVER } from './csv-parse.ts';
import { importDataCsv } from './csv-import.service.ts';
import { ExchangeError } from './exchange-error.ts';
import { CLI_SYSTEM_ACTOR } from './system-actor.ts';
import { bulkWriteFile } from '../../storage/database.ts';

const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
// The large-write paths on a small file (the real sizes are 20,000 and 5,000: the bench runs those).
const SIZES = { bulkFromValues: 1500, regionFlushValues: 1500, handOver: 500, values: 4000 };

describe.each(DIALECTS.map((d) => [d]))('large CSV imports streamed region by region [%s]', (dialect) => {
  if (skipDialect(dialect)) return void it.skip('PostgreSQL is not available');
  let handle: TestDatabase;
  let dir: string;
  let clean: string;
  let lines: string[];

  // The audit log cannot be emptied (append-only): each test gets a database of its own.
  async function freshDatabase(): Promise<TestDatabase> {
    const opened = await createTestDatabase(dialect);
    await loadRegions(opened.db, { prefix: '3703', depth: 'county' });
    await importCatalogue(opened.db, readCatalogueFile());
    return opened;
  }

  const saved = { ...LARGE_WRITE, handOver: CSV_HAND_OVER.values };
  beforeAll(async () => {
    Object.assign(LARGE_WRITE, { bulkFromValues: SIZES.bulkFromValues, regionFlushValues: SIZES.regionFlushValues });
    CSV_HAND_OVER.values = SIZES.handOver;
    dir = mkdtempSync(path.join(tmpdir(), 'fuer-bulk-'));
    handle = await freshDatabase();
    const regions = (await handle.db.selectFrom('regions').select('code').where('level', '=', 'county').orderBy('code').execute()).map((r) => r.code);
    clean = path.join(dir, 'values.csv');
    const generated = await generateDataCsv(clean, { indicators: readCatalogueFile(), regionCodes: regions, years: YEARS, values: SIZES.values });
    expect(generated.values).toBeGreaterThan(SIZES.bulkFromValues);
    lines = readFileSync(clean, 'utf8').trimEnd().split('\n');
  }, 120_000);

  afterAll(async () => {
    Object.assign(LARGE_WRITE, { bulkFromValues: saved.bulkFromValues, regionFlushValues: saved.regionFlushValues });
    CSV_HAND_OVER.values = saved.handOver;
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await handle.close();
    handle = await freshDatabase();
  });

  const count = async (table: 'data_values' | 'audit_log' | 'evaluation_data_changes') =>
    Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  function fileWith(name: string, rows: string[]): string {
    const file = path.join(dir, name);
    writeFileSync(file, `${rows.join('\n')}\n`);
    return file;
  }

  it('takes the bulk writer on an SQLite file in WAL mode, not on PostgreSQL', () => {
    if (dialect === 'sqlite') expect(bulkWriteFile(handle.db)).toMatch(/fuer\.db$/);
    else expect(bulkWriteFile(handle.db)).toBeNull();
  });

  it('stores and audits every value; the evaluation triggers fire in the worker’s transaction too', async () => {
    const result = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(clean), { file: 'values.csv', origin: 'cli' });
    const values = lines.length - 1;
    expect(result).toMatchObject({ values, inserted: values, updated: 0, unchanged: 0 });
    expect(await count('data_values')).toBe(values);
    // One audit row per region, year and form (no form here: approved history).
    const regionYears = new Set(lines.slice(1).map((l) => l.split(',').slice(1, 3).join('|')));
    expect(await count('audit_log')).toBe(regionYears.size);
    const indicatorYears = new Set(lines.slice(1).map((l) => `${l.split(',')[0]}|${l.split(',')[2]}`));
    expect(await count('evaluation_data_changes')).toBe(indicatorYears.size);

    // The same file again: nothing changes, nothing is written.
    const again = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(clean), { file: 'values.csv', origin: 'cli' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: values });
    expect(await count('audit_log')).toBe(regionYears.size);
  });

  it('changes approved values only with a reason, through the worker’s optimistic updates', async () => {
    await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(clean), { file: 'values.csv', origin: 'cli' });
    // Every row's note changes: all values are updates now.
    const changed = fileWith('changed.csv', [lines[0] as string, ...lines.slice(1).map((l) => l.replace(/,示例数据$/, ',示例数据（修订）'))]);
    const locked = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(changed), { file: 'changed.csv', origin: 'cli' }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(ExchangeError);
    expect((locked as ExchangeError).message).toContain('未导入');
    expect(await count('audit_log')).toBeLessThan(lines.length);
    const unchangedNotes = await handle.db.selectFrom('data_values').select('note').where('note', '!=', '示例数据').execute();
    expect(unchangedNotes).toHaveLength(0);

    const result = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(changed), { file: 'changed.csv', origin: 'cli', reason: '更正备注' });
    expect(result).toMatchObject({ inserted: 0, updated: lines.length - 1 });
    const versions = await handle.db.selectFrom('data_values').select(['version', 'note']).distinct().execute();
    expect(versions).toEqual([{ version: 2, note: '示例数据（修订）' }]);
  });

  it('rolls everything back when the last region breaks a rule', async () => {
    // The last rate's value no longer matches its numerator and denominator.
    const at = lines.findLastIndex((l) => l.split(',')[7] !== '');
    expect(at).toBeGreaterThan(lines.length - 500);
    const late = [...lines];
    const f = (late[at] as string).split(',');
    f[6] = String(Number(f[6]) / 2);
    late[at] = f.join(',');
    const file = fileWith('late-rule-error.csv', late);
    const error = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(file), { file: 'late-rule-error.csv', origin: 'cli' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).issues.some((i) => i.location?.row === at + 1)).toBe(true);
    expect(await count('data_values')).toBe(0);
    expect(await count('audit_log')).toBe(0);
    expect(await count('evaluation_data_changes')).toBe(0);
  });

  it('rolls everything back when the last row cannot be read', async () => {
    const last = (lines[lines.length - 1] as string).split(',');
    last[6] = '八十';
    const file = fileWith('late-parse-error.csv', [...lines.slice(0, -1), last.join(',')]);
    const error = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(file), { file: 'late-parse-error.csv', origin: 'cli' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).issues).toEqual([expect.objectContaining({ location: expect.objectContaining({ row: lines.length, field: 'value' }) })]);
    expect(await count('data_values')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('checks a region that comes back together with what was written of it before', async () => {
    // The first region's 合计 rows first, everything else, then its 女/男 and 城镇/农村 rows: parts that must still
    // add up to totals written long before.
    const body = lines.slice(1);
    const firstRegion = (body[0] as string).split(',')[1];
    const isPart = (l: string) => {
      const f = l.split(',');
      return f[1] === firstRegion && (f[3] !== '' || f[5] !== '');
    };
    const parts = body.filter(isPart);
    expect(parts.length).toBeGreaterThan(10);
    const reordered = [...body.filter((l) => !isPart(l)), ...parts];
    const ok = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(fileWith('back.csv', [lines[0] as string, ...reordered])), { file: 'back.csv', origin: 'cli' });
    expect(ok.inserted).toBe(body.length);
    await handle.close();
    handle = await freshDatabase();

    // Now one returning rate part has twice its numerator and denominator (same rate): the numerators and
    // denominators of 女+男 no longer add up to the total's, written long before.
    const broken = [...parts];
    const index = broken.findIndex((l) => l.split(',')[3] === '女' && l.split(',')[7] !== '');
    expect(index).toBeGreaterThanOrEqual(0);
    const f = (broken[index] as string).split(',');
    f[7] = String(Number(f[7]) * 2);
    f[8] = String(Number(f[8]) * 2);
    broken[index] = f.join(',');
    const error = await importDataCsv(handle.db, CLI_SYSTEM_ACTOR, readFileSync(fileWith('back-broken.csv', [lines[0] as string, ...body.filter((l) => !isPart(l)), ...broken])), { file: 'back-broken.csv', origin: 'cli' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).issues.map((i) => i.message).join('\n')).toMatch(/≠合计/);
    expect(await count('data_values')).toBe(0);
  });
});
