import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/databases.ts';
import { SEED_SHAPE, dumpDatabase } from '../../test/seed.ts';
import { listPlans, getPlanTree } from '../storage/repositories/plan.repository.ts';
import { listIndicators } from '../storage/repositories/indicator.repository.ts';
import { listRegions } from '../storage/repositories/region.repository.ts';
import { MIGRATION_NAMES } from '../storage/migrate.ts';
import { bootstrap } from './bootstrap.service.ts';
import { readCatalogueFile } from './catalogue-import.service.ts';

forEachDialect(
  'bootstrap',
  (getDb) => {
    it('fills an empty database: schema, Zibo down to villages, catalogue, both plans', async () => {
      const db = getDb();
      const report = await bootstrap(db);
      expect(report.migrations).toEqual(MIGRATION_NAMES);
      expect(report.regions?.byLevel).toEqual({ province: 1, city: 1, county: 11, town: 88, village: 2931 });
      expect(report.catalogue?.indicators).toBe(readCatalogueFile().length);
      expect(report.plans?.plans.map((p) => p.code)).toEqual(['women-2021-2025', 'children-2021-2025']);
      expect(report.messages).toHaveLength(5);
      expect(report.messages.join('\n')).toMatch(/已导入淄博市“十四五”儿童发展规划：7个领域，61项主要目标，78项策略措施/);

      expect((await listPlans(db)).map((p) => p.goalCount)).toEqual(Object.values(SEED_SHAPE).map((s) => s.goals.reduce((a, b) => a + b, 0)));
      expect((await listIndicators(db)).length).toBe(readCatalogueFile().length);
      expect((await listRegions(db, { parentCode: '370300' })).length).toBe(11);
      const tree = await getPlanTree(db, 'women-2021-2025');
      const linked = tree?.domains.flatMap((d) => [...d.goals, ...d.measures]).flatMap((x) => x.targets).filter((t) => t.indicatorCode !== null);
      expect(linked?.length).toBeGreaterThan(0);
    });

    it('changes nothing on a database that is ready', async () => {
      const db = getDb();
      const before = await dumpDatabase(db);
      const report = await bootstrap(db);
      expect(report).toEqual({ migrations: [], regions: null, catalogue: null, plans: null, messages: [] });
      expect(await dumpDatabase(db)).toEqual(before);
    });
  },
  { migrate: false },
);
