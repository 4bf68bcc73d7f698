import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { bootstrap } from '../../services/bootstrap.service.ts';
import { buildApp } from '../app.ts';
import type {
  DepartmentDetail,
  DepartmentSummary,
  GoalDetail,
  IndicatorDetail,
  IndicatorSummary,
  PlanSummary,
  PlanTree,
  RegionSummary,
  SearchResult,
} from '../contract.ts';

// The public read API of the plan catalogue, on both databases, through app.inject (no open port).
forEachDialect('plan catalogue API', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await bootstrap(getDb(), { regionDepth: 'town' });
    app = await buildApp({ db: getDb() });
  });
  afterAll(async () => {
    await app?.close();
  });
  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res.json() as T;
  };

  it('lists both plans with their counts', async () => {
    const plans = await get<PlanSummary[]>('/api/plans');
    expect(plans.map((p) => [p.code, p.kind, p.domainCount, p.goalCount, p.measureCount])).toEqual([
      ['women-2021-2025', 'women', 8, 77, 93],
      ['children-2021-2025', 'children', 7, 61, 78],
    ]);
  });

  it('returns a plan tree, a goal with its units and targets, and 404 in Chinese for unknown ones', async () => {
    const tree = await get<PlanTree>('/api/plans/children-2021-2025');
    const goal3 = tree.domains[0]!.goals[2]!;
    expect(goal3.targets.map((t) => `${t.indicator}${t.op}${t.value}${t.unit}`)).toEqual(
      expect.arrayContaining(['新生儿死亡率<=3‰', '婴儿死亡率<=3.3‰', '5岁以下儿童死亡率<=4‰']),
    );
    const goal = await get<GoalDetail>(`/api/goals/${goal3.id}`);
    expect(goal.plan.code).toBe('children-2021-2025');
    expect(goal.leadUnits.map((u) => u.name)).toEqual(['市卫生健康委']);
    expect(goal.responsibleUnits.map((u) => u.name)).toEqual(['市发展改革委']);
    const missing = await get<{ error: string; message: string }>('/api/plans/nothing-2021-2025', 404);
    expect(missing.message).toContain('不存在');
    const bad = await get<{ error: string; message: string }>('/api/goals/abc', 400);
    expect(bad.message).toMatch(/^请求参数有误/);
  });

  it('shows a department with the goals it leads and shares in both plans, found by alias too', async () => {
    const list = await get<DepartmentSummary[]>('/api/departments');
    const health = list.find((d) => d.name === '市卫生健康委')!;
    expect(health.leadGoalCount).toBeGreaterThan(10);
    const byAlias = await get<DepartmentDetail>(`/api/departments/${encodeURIComponent('市卫健委')}`);
    expect(byAlias.id).toBe(health.id);
    expect(new Set(byAlias.lead.map((g) => g.plan.kind))).toEqual(new Set(['women', 'children']));
    expect(byAlias.lead.some((g) => g.text.startsWith('孕产妇死亡率控制在8.2/10万以下'))).toBe(true);
    expect(byAlias.indicators.length).toBeGreaterThan(5);
  });

  it('serves the indicator catalogue with the targets behind each indicator', async () => {
    const indicators = await get<IndicatorSummary[]>('/api/indicators');
    expect(indicators.length).toBeGreaterThan(90);
    const mmr = indicators.find((i) => i.name === '孕产妇死亡率')!;
    expect(mmr).toMatchObject({ unit: '1/10万', polarity: 'lower_better', aggregation: 'ratio', planKind: 'women' });
    const detail = await get<IndicatorDetail>(`/api/indicators/${mmr.code}`);
    expect(detail.targets.map((t) => t.text)).toContain('孕产妇死亡率控制在8.2/10万以下');
  });

  it('lists Zibo regions by parent', async () => {
    const counties = await get<RegionSummary[]>('/api/regions?parent=370300');
    const names = counties.map((r) => r.name);
    for (const n of ['张店区', '淄川区', '博山区', '临淄区', '周村区', '桓台县', '高青县', '沂源县', '高新区', '经济开发区', '文昌湖区']) {
      expect(names).toContain(n);
    }
    const zhangdian = counties.find((r) => r.code === '370303')!;
    expect(zhangdian.childCount).toBeGreaterThan(5);
    const towns = await get<RegionSummary[]>('/api/regions?parent=370303');
    expect(towns.every((t) => t.level === 'town')).toBe(true);
  });

  it('searches goal and measure text, with snippets, and refuses an empty query', async () => {
    const result = await get<SearchResult>(`/api/search?q=${encodeURIComponent('孕产妇')}`);
    expect(result.total).toBeGreaterThan(3);
    for (const hit of result.hits) expect(hit.snippet.slice(hit.matchStart, hit.matchEnd)).toBe('孕产妇');
    const empty = await get<{ message: string }>('/api/search?q=', 400);
    expect(empty.message).toContain('请输入搜索词');
  });

  it('documents itself with OpenAPI', async () => {
    const doc = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/plans', '/api/plans/{code}', '/api/goals/{id}', '/api/departments/{id}', '/api/indicators', '/api/regions', '/api/search']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
