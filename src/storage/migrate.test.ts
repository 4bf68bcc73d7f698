import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/databases.ts';
import { NO_MIGRATIONS } from 'kysely';
import { MIGRATION_NAMES, createMigrator, migrateToLatest } from './migrate.ts';

// The tables of 0001-foundation; later migrations add their own.
const TABLES = [
  'department_aliases',
  'departments',
  'domains',
  'goal_units',
  'goals',
  'indicators',
  'measures',
  'plan_sections',
  'plans',
  'region_links',
  'regions',
  'targets',
  'unplaced_phrases',
];

async function tableNames(db: Parameters<typeof migrateToLatest>[0]): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((n) => !n.startsWith('fuer_migrations')).sort();
}

forEachDialect(
  'migrations',
  (getDb) => {
    it('run from an empty database, then find nothing left to do', async () => {
      const db = getDb();
      expect(await tableNames(db)).toEqual([]);
      expect(MIGRATION_NAMES[0]).toBe('0001-foundation');
      expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES);
      const tables = await tableNames(db);
      expect(tables).toEqual(expect.arrayContaining(TABLES));
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await tableNames(db)).toEqual(tables);
    });

    it('can be rolled back to nothing and applied again', async () => {
      const db = getDb();
      const tables = await tableNames(db);
      const { error } = await createMigrator(db).migrateTo(NO_MIGRATIONS);
      expect(error).toBeUndefined();
      expect(await tableNames(db)).toEqual([]);
      expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES);
      expect(await tableNames(db)).toEqual(tables);
    });

    it('enforce foreign keys and checks', async () => {
      const db = getDb();
      await expect(
        db.insertInto('goals').values({ domain_id: 999, ord: 1, text: 'x', units_text: '', line: 1 }).execute(),
      ).rejects.toThrow();
      await expect(
        db.insertInto('regions').values({ code: 'x', name: 'x', level: 'planet' as never, parent_code: null, functional: 0, valid_from: '2020-01-01', valid_to: null }).execute(),
      ).rejects.toThrow();
      await expect(
        db.insertInto('regions').values({ code: 'x', name: 'x', level: 'city', parent_code: null, functional: 0, valid_from: '2020-01-01', valid_to: '2019-01-01' }).execute(),
      ).rejects.toThrow();
    });

    it('store doubles without float4 rounding', async () => {
      const db = getDb();
      await db.insertInto('departments').values({ name: '市卫生健康委', category: 'government' }).execute();
      await db
        .insertInto('indicators')
        .values({ code: 'W1.03', name: '孕产妇死亡率', unit: '1/10万', scale: 100000, polarity: 'lower_better', aggregation: 'ratio', disaggregations: '[]', age_groups: null, department_id: null, plan_kind: 'women', domain_ord: 1, definition: 'd', aliases: '[]', scopes: null })
        .execute();
      const plan = await db
        .insertInto('plans')
        .values({ code: 'p', region_code: '370300', kind: 'women', title: 't', area_name: 'a', period_start: 2021, period_end: 2025, preamble: '', source_file: null, imported_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const domain = await db.insertInto('domains').values({ plan_id: plan.id, ord: 1, title: 'd', line: 1 }).returning('id').executeTakeFirstOrThrow();
      const goal = await db.insertInto('goals').values({ domain_id: domain.id, ord: 1, text: 'g', units_text: '', line: 1 }).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('targets')
        .values({ goal_id: goal.id, measure_id: null, ord: 1, indicator_name: '孕产妇死亡率', indicator_code: 'W1.03', kind: 'threshold', op: '<=', value: 8.2, unit: '1/10万', base_year: null, target_year: 2025, text: 't', direction: null, ratio_left: null, ratio_right: null, scope: null, reference: null })
        .execute();
      const row = await db.selectFrom('targets').select(['value', 'goal_id']).executeTakeFirstOrThrow();
      expect(row.value).toBe(8.2);
      expect(typeof row.goal_id).toBe('number');
      const count = await db.selectFrom('targets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
      // A target belongs to exactly one goal or measure.
      await expect(
        db.insertInto('targets').values({ goal_id: null, measure_id: null, ord: 2, indicator_name: 'x', indicator_code: null, kind: 'trend', op: null, value: null, unit: null, base_year: null, target_year: 2025, text: 'x', direction: null, ratio_left: null, ratio_right: null, scope: null, reference: null }).execute(),
      ).rejects.toThrow();
      // Deleting the plan removes everything under it.
      await db.deleteFrom('plans').where('id', '=', plan.id).execute();
      expect(await db.selectFrom('targets').selectAll().execute()).toEqual([]);
    });
  },
  { migrate: false },
);

