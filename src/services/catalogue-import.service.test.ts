import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/databases.ts';
import { parseSeed } from '../../test/seed.ts';
import { CatalogueError, matchIndicator } from '../core/indicator/catalogue.ts';
import { getIndicator, listIndicators } from '../storage/repositories/indicator.repository.ts';
import { listTargets } from '../storage/repositories/target.repository.ts';
import { importCatalogue, readCatalogueFile } from './catalogue-import.service.ts';
import { importPlanFile } from './plan-import.service.ts';

const catalogue = readCatalogueFile();

describe('readCatalogueFile', () => {
  it('reads the reviewed catalogue and refuses a file that is not one', () => {
    expect(catalogue.length).toBeGreaterThan(50);
    expect(() => readCatalogueFile('/nonexistent/indicators.json')).toThrow(CatalogueError);
  });
});

forEachDialect('importCatalogue', (getDb) => {
  beforeAll(async () => {
    // Plans first: the catalogue links targets that are already stored.
    await importPlanFile(getDb(), parseSeed());
  });

  it('stores every indicator with its department and links the stored targets', async () => {
    const db = getDb();
    const result = await importCatalogue(db, catalogue);
    expect(result).toMatchObject({ indicators: catalogue.length, inserted: catalogue.length, updated: 0 });
    const stored = await listIndicators(db);
    expect(stored.map((i) => i.code).sort()).toEqual(catalogue.map((d) => d.code).sort());
    const w103 = stored.find((i) => i.code === 'W1.03');
    const def = catalogue.find((d) => d.code === 'W1.03');
    expect(w103).toMatchObject({ name: def?.name, unit: def?.unit, polarity: def?.polarity, aggregation: def?.aggregation, disaggregations: def?.disaggregations });
    expect(w103?.department?.name).toBe(def?.department);

    // Each target is linked to what matchIndicator finds for it in its own plan and domain.
    const targets = await listTargets(db);
    const expected = targets.map((t) => matchIndicator(catalogue, t, { plan: t.source.plan.kind, domain: t.source.domainOrd })?.code ?? null);
    expect(targets.map((t) => t.indicatorCode)).toEqual(expected);
    expect(result.targets.linked).toBe(expected.filter((c) => c !== null).length);
    expect(result.targets.linked).toBeGreaterThan(targets.length / 2);
    const mmr = targets.find((t) => t.indicator === '孕产妇死亡率');
    expect(mmr?.indicatorCode).toBe('W1.03');
  });

  it('is idempotent, and relinks when an alias changes', async () => {
    const db = getDb();
    const again = await importCatalogue(db, catalogue);
    expect(again).toMatchObject({ inserted: 0, updated: catalogue.length });
    expect(again.targets.changed).toBe(0);

    const target = (await listTargets(db, { indicatorCode: 'W1.03' }))[0];
    expect(target).toBeDefined();
    const renamed = catalogue.map((d) => (d.code === 'W1.03' ? { ...d, name: '孕产妇死亡比', aliases: [] } : d));
    const changed = await importCatalogue(db, renamed);
    expect(changed.targets.changed).toBeGreaterThan(0);
    expect(await listTargets(db, { indicatorCode: 'W1.03' })).toEqual([]);
    await importCatalogue(db, catalogue);
    expect((await listTargets(db, { indicatorCode: 'W1.03' })).map((t) => t.id)).toContain(target?.id);
  });

  it('getIndicator returns the indicator with the goals its targets come from', async () => {
    const db = getDb();
    const indicator = await getIndicator(db, 'W1.03');
    expect(indicator?.aliases).toEqual(catalogue.find((d) => d.code === 'W1.03')?.aliases);
    expect(indicator?.targets.length).toBeGreaterThan(0);
    const first = indicator?.targets[0];
    expect(first?.source).toMatchObject({ type: 'goal', plan: { code: 'women-2021-2025', kind: 'women' }, domainOrd: 1 });
    expect(first?.text).toContain('孕产妇死亡率');
    expect(await getIndicator(db, 'X9.99')).toBeNull();
  });

  it('imports nothing when an indicator cannot be stored', async () => {
    const db = getDb();
    const before = await listIndicators(db);
    const broken = [...catalogue.map((d) => ({ ...d, name: `${d.name}（改）` })), { ...catalogue[0]!, code: 'W9.99', name: null as unknown as string }];
    await expect(importCatalogue(db, broken)).rejects.toThrow();
    expect(await listIndicators(db)).toEqual(before);
  });
});
