import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, forEachDialect } from '../../../test/databases.ts';
import { demoAction } from '../../cli/commands/demo.command.ts';
import { CliError } from '../../cli/cli-error.ts';
import { buildApp } from '../../api/app.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import { DEMO_ACTOR, DemoRefusedError, checkDemoTarget, fillDemoDatabase } from './demo.service.ts';
import { demoPath, prng } from './demo-series.ts';
import { evaluateYear } from './evaluate-year.service.ts';
import { fixtureValues, insertValues, seedEvaluation } from './evaluation.test-support.ts';
import { listWarnings } from './warning.service.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';

describe('demo target checks', () => {
  it('refuses the default database under any spelling', () => {
    for (const url of ['sqlite:./data/fuer.db', './data/fuer.db', 'data/fuer.db', `sqlite:${path.resolve('data/fuer.db')}`, '']) {
      expect(() => checkDemoTarget(url), url).toThrow(DemoRefusedError);
    }
    expect(() => checkDemoTarget('sqlite:./data/fuer-demo.db')).not.toThrow();
  });

  it('refuses it from the command line before opening anything', async () => {
    const err = await demoAction({ database: 'sqlite:./data/fuer.db', warnings: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(/^不能向默认数据库（sqlite:\.\/data\/fuer\.db）写入示例数据/);
  });

  it('moves a volatile path’s last year far outside its earlier changes, and keeps rates within 0–100%', () => {
    const indicator = { code: 'T', unit: '%', polarity: 'higher_better', aggregation: 'ratio', scale: 100, disaggregations: [] } as unknown as IndicatorDefinition;
    const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
    const target = { kind: 'threshold', op: '>=', value: 98, unit: '%', indicator: 'T', indicatorCode: 'T', baseYear: null, targetYear: 2025, text: '' } as const;
    const path = demoPath({ indicator, target, scenario: 'volatile', years, rnd: prng(7) });
    const values = years.map((y) => path.get(y)!);
    const changes = values.slice(1).map((v, i) => v - values[i]!);
    const earlier = changes.slice(0, -1).map(Math.abs);
    expect(Math.abs(changes.at(-1)!)).toBeGreaterThan(2 * Math.max(...earlier));
    expect(values.every((v) => v > 0 && v < 100)).toBe(true);
  });
});

forEachDialect('a database with real data values', (getDb) => {
  it('is never filled with demo data', async () => {
    const db = getDb();
    await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    const err = await fillDemoDatabase(db, { warnings: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DemoRefusedError);
    expect((err as Error).message).toMatch(/^该数据库已有\d+条真实监测数据（不是示例数据库），拒绝写入示例数据/);
    expect(await isDemoDatabase(db)).toBe(false);
  });
});

forEachDialect('fuer demo', (getDb, dialect) => {
  let values: Map<string, number>;
  const snapshot = async () =>
    new Map(
      (await getDb().selectFrom('data_values').select(['indicator_code', 'region_code', 'year', 'sex', 'area', 'value']).execute()).map(
        (r) => [`${r.indicator_code}|${r.region_code}|${r.year}|${r.sex}|${r.area}`, r.value as number] as const,
      ),
    );

  beforeAll(async () => {
    const result = await fillDemoDatabase(getDb(), { seed: 42 });
    expect(result.indicators).toBe(104);
    expect(result.regions).toBe(12);
    values = await snapshot();
  }, 120_000);

  it('fills every indicator and region 2015–2024 with approved values, flagged as demo', async () => {
    const db = getDb();
    expect(await isDemoDatabase(db)).toBe(true);
    const totals = await db.selectFrom('data_values').select(['indicator_code', 'region_code', 'year', 'status']).where('sex', '=', '').where('area', '=', '').execute();
    expect(new Set(totals.map((r) => r.status))).toEqual(new Set(['approved']));
    expect(new Set(totals.filter((r) => r.year === 2024).map((r) => `${r.indicator_code}|${r.region_code}`)).size).toBe(104 * 12);
    expect(Math.min(...totals.map((r) => r.year))).toBe(2015);
    const app = await buildApp({ db });
    try {
      const meta = await app.inject({ method: 'GET', url: '/api/meta' });
      expect(meta.json()).toMatchObject({ demo: true, dataLabel: '示例数据', demoSeed: 42 });
    } finally {
      await app.close();
    }
  });

  it('has some targets off track and some volatile on purpose, and warnings followed to closure', async () => {
    const evaluation = await evaluateYear(getDb(), { year: 2024, details: false });
    const statuses = new Set(evaluation.results.map((r) => r.status));
    for (const s of ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data', 'no_target'] as const) expect(statuses, s).toContain(s);
    expect(evaluation.results.some((r) => r.volatile)).toBe(true);
    const warnings = await listWarnings(getDb(), DEMO_ACTOR, {});
    expect(new Set(warnings.map((w) => w.year))).toEqual(new Set([2023, 2024]));
    expect(warnings.filter((w) => w.status === 'closed')).toHaveLength(3);
    expect(warnings.some((w) => w.recurrence > 0)).toBe(true);
  });

  it.runIf(dialect === 'sqlite')('is reproducible: the same seed gives the same numbers, another seed others', async () => {
    const db = getDb();
    await fillDemoDatabase(db, { seed: 42, warnings: false });
    expect(await snapshot()).toEqual(values);
    await fillDemoDatabase(db, { seed: 43, warnings: false });
    const other = await snapshot();
    expect(other.size).toBeGreaterThan(0);
    expect([...other].filter(([k, v]) => values.get(k) === v).length).toBeLessThan(other.size / 2);
  }, 120_000);
});

describe('fuer demo on an empty database', () => {
  it('bootstraps it first (regions, catalogue, plans)', async () => {
    const handle = await createTestDatabase('sqlite', { migrate: false });
    try {
      const result = await fillDemoDatabase(handle.db, { warnings: false, seed: 1 });
      expect(result.values).toBeGreaterThan(20_000);
      expect(await isDemoDatabase(handle.db)).toBe(true);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
