import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { parseSeed } from '../../../test/seed.ts';
import { importPlanFile } from '../../services/plan-import.service.ts';
import { escapeLike, searchText, snippetOf } from './search.repository.ts';

const texts = () => parseSeed().plans.flatMap((p) => p.domains.flatMap((d) => [...d.goals.map((g) => g.text), ...d.measures.map((m) => m.text)]));

describe('escapeLike / snippetOf', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
  it('cuts a snippet around the match with offsets into the snippet', () => {
    const text = `${'甲'.repeat(100)}孕产妇死亡率${'乙'.repeat(100)}`;
    const s = snippetOf(text, '孕产妇死亡率');
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet.slice(s.matchStart, s.matchEnd)).toBe('孕产妇死亡率');
  });
});

forEachDialect('searchText', (getDb) => {
  beforeAll(async () => {
    await importPlanFile(getDb(), parseSeed());
  });

  it('finds Chinese text in goals and measures, as many as contain it', async () => {
    const all = texts();
    for (const q of ['孕产妇死亡率', '妇女', '儿童', '3‰', '8.2/10万', '心理健康', '（']) {
      const result = await searchText(getDb(), q, { limit: 500 });
      expect(result.total, q).toBe(all.filter((t) => t.includes(q)).length);
      expect(result.hits.length, q).toBe(result.total);
      for (const hit of result.hits) expect(hit.snippet.slice(hit.matchStart, hit.matchEnd)).toBe(q);
    }
  });

  it('treats % and _ in the query as themselves', async () => {
    const all = texts();
    const percent = await searchText(getDb(), '%', { limit: 500 });
    expect(percent.total).toBe(all.filter((t) => t.includes('%')).length);
    expect(percent.total).toBeGreaterThan(0);
    expect(percent.total).toBeLessThan(all.length);
    expect((await searchText(getDb(), '_')).total).toBe(0);
    expect((await searchText(getDb(), '95%以上')).total).toBe(all.filter((t) => t.includes('95%以上')).length);
    expect((await searchText(getDb(), '\\')).total).toBe(0);
    expect((await searchText(getDb(), '妇女%儿童')).total).toBe(0);
  });

  it('orders hits plan → domain → goals before measures, limits hits but not the total, filters by plan', async () => {
    const db = getDb();
    const result = await searchText(db, '妇女', { limit: 5 });
    expect(result.hits.length).toBe(5);
    expect(result.total).toBeGreaterThan(5);
    const first = result.hits[0];
    expect(first).toMatchObject({ type: 'goal', plan: { code: 'women-2021-2025' }, domain: { ord: 1, title: '妇女与健康' } });
    const children = await searchText(db, '妇女', { planCode: 'children-2021-2025', limit: 500 });
    expect(children.hits.every((h) => h.plan.code === 'children-2021-2025')).toBe(true);
    expect(children.total).toBeLessThan(result.total);
    expect(await searchText(db, '   ')).toEqual({ query: '', total: 0, hits: [] });
  });

  it('matches Latin letters regardless of case on both engines', async () => {
    const db = getDb();
    const seed = parseSeed();
    const plan = seed.plans[1]!;
    plan.domains[0]!.goals[0]!.text = '适龄女孩HPV疫苗接种率逐步提高。';
    await importPlanFile(db, { plans: [plan] }, { regionCode: '370303' });
    for (const q of ['hpv', 'HPV', 'Hpv疫苗']) {
      const result = await searchText(db, q);
      expect(result.total, q).toBe(1);
      expect(result.hits[0]?.snippet.slice(result.hits[0].matchStart, result.hits[0].matchEnd).toLowerCase()).toBe(q.toLowerCase());
    }
    expect((await searchText(db, 'hpv', { regionCode: '370300' })).total).toBe(0);
  });
});
