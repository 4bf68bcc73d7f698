import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import type { Dashboard } from '../../../services/evaluation/dashboard.service.ts';
import type { YearEvaluation } from '../../../services/evaluation/evaluate-year.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation } from '../../../services/evaluation/evaluation.test-support.ts';
import type { IndicatorEvaluationView } from '../../../services/evaluation/indicator-view.service.ts';
import type { MidtermEvaluation } from '../../../services/evaluation/midterm.service.ts';
import type { WarningDetail, WarningSummary } from '../../../services/evaluation/warning-view.ts';
import type { GenerateWarningsResult } from '../../../services/evaluation/warning-generate.service.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';
import type { SessionInfo } from '../../auth/auth.contract.ts';

interface Login {
  cookie: string;
  csrf: string;
}

const PASSWORD = 'Evaluation-pass-1';

forEachDialect('evaluation and warning API', (getDb) => {
  let app: FastifyInstance;
  const users: Record<string, Login> = {};

  beforeAll(async () => {
    const db = getDb();
    await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    const accounts: [string, Parameters<typeof createUser>[1]][] = [
      ['office', { username: 'office', displayName: '妇儿工委办公室', roles: ['admin'], regionCode: ZIBO, password: PASSWORD }],
      ['health', { username: 'health', displayName: '卫健委填报员', roles: ['reporter'], department: '市卫生健康委', password: PASSWORD }],
      ['education', { username: 'education', displayName: '教育局填报员', roles: ['reporter'], department: '市教育局', password: PASSWORD }],
      ['boshan', { username: 'boshan', displayName: '博山区填报员', roles: ['reporter'], regionCode: BOSHAN, password: PASSWORD }],
      ['zhangdian', { username: 'zhangdian', displayName: '张店区填报员', roles: ['reporter'], regionCode: ZHANGDIAN, password: PASSWORD }],
      ['viewer', { username: 'viewer', displayName: '领导', roles: ['viewer'], password: PASSWORD }],
    ];
    for (const [, input] of accounts) await createUser(db, input);
    app = await buildApp({ db });
    for (const [name, input] of accounts) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: input.username, password: PASSWORD }, remoteAddress: `10.2.0.${Object.keys(users).length + 1}` });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      users[name] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string | null, url: string) => app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: users[who]!.cookie } });
  const send = (who: string, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({ method, url, payload: payload as object, headers: { cookie: users[who]!.cookie, [CSRF_HEADER]: users[who]!.csrf } });

  it('requires login for evaluation, dashboard and warnings; /api/meta is public', async () => {
    for (const url of ['/api/evaluation?year=2024', '/api/dashboard?year=2024', '/api/warnings', '/api/evaluation/indicators/W1.03', '/api/evaluation/midterm?year=2023']) {
      expect((await get(null, url)).statusCode, url).toBe(401);
    }
    expect((await app.inject({ method: 'POST', url: '/api/warnings/generate', payload: { year: 2024 } })).statusCode).toBe(401);
    const meta = await get(null, '/api/meta');
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ demo: false, dataLabel: null });
  });

  it('GET /api/evaluation gives every result with its working', async () => {
    const res = await get('viewer', '/api/evaluation?year=2024&region=370300&plan=women');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<YearEvaluation & { demo: boolean }>();
    expect(body.demo).toBe(false);
    expect(body.regions.map((r) => r.code)).toEqual([ZIBO]);
    expect(body.results.every((r) => r.planKind === 'women')).toBe(true);
    expect(body.results.find((r) => r.indicatorCode === 'W1.03')).toMatchObject({ status: 'off_track', statusLabel: '预计难以达标', reason: expect.stringContaining('2025年约为8.9/10万') });
    expect((await get('viewer', '/api/evaluation?year=2024&region=999999')).statusCode).toBe(404);
    expect((await get('viewer', '/api/evaluation?year=abc')).statusCode).toBe(400);
  });

  it('不作评估 is told apart from 无量化目标 in /api/evaluation and counted apart on /api/dashboard', async () => {
    const res = await get('zhangdian', `/api/evaluation?year=2024&region=${ZHANGDIAN}`);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json<YearEvaluation>().results;
    // 新建、改扩建幼儿园300所以上: a city-wide total, not assessed in a county; 妇女人均预期寿命: direction only.
    expect(results.find((r) => r.indicatorCode === 'C3.10')).toMatchObject({ status: 'no_target', notAssessed: true, statusLabel: '不作评估', targetBasis: 'city' });
    expect(results.find((r) => r.indicatorCode === 'W1.01')).toMatchObject({ status: 'no_target', notAssessed: false, statusLabel: '无量化目标' });
    const dash = (await get('zhangdian', `/api/dashboard?year=2024&region=${ZHANGDIAN}`)).json<Dashboard>();
    const counts = dash.regions[0]!.counts;
    expect(counts.not_assessed).toBe(results.filter((r) => r.notAssessed).length);
    expect(counts.no_target).toBe(results.filter((r) => r.status === 'no_target' && !r.notAssessed).length);
    expect(counts.total).toBe(results.length);
    expect(counts.achieved + counts.on_track + counts.at_risk + counts.off_track + counts.insufficient_data + counts.no_target + counts.not_assessed).toBe(counts.total);
  });

  it('GET /api/evaluation/indicators/:code gives what the indicator page charts', async () => {
    const res = await get('education', '/api/evaluation/indicators/W1.03?region=370300');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<IndicatorEvaluationView>();
    expect(page.year).toBe(2024);
    expect(page.series.map((p) => [p.year, p.value, p.source])).toEqual([[2020, 10, 'direct'], [2021, 9.8, 'direct'], [2022, 9.5, 'direct'], [2023, 9.3, 'direct'], [2024, 9.1, 'direct']]);
    expect(page.targets).toHaveLength(1);
    expect(page.targets[0]!.result).toMatchObject({ status: 'off_track', targetValue: 8.2, targetYear: 2025 });
    expect(page.targets[0]!.projection.map((p) => p.year)).toEqual([2024, 2025]);
    expect(page.targets[0]!.projection[1]!.value).toBeCloseTo(9.1 * 0.91 ** 0.25, 9);
    expect(page.status).toBe('off_track');
    expect(page.counties).toHaveLength(11);
    expect(page.counties.every((c) => c.status === 'insufficient_data')).toBe(true);
    expect(page.indicator.department?.name).toBe('市卫生健康委');

    const c111 = (await get('viewer', '/api/evaluation/indicators/C1.11')).json<IndicatorEvaluationView>();
    expect(c111.volatile).toBe(true);
    expect(c111.breakdown.map((b) => [b.label, b.value])).toEqual([['合计', 25], ['农村', 28], ['城镇', 22], ['女', 24], ['男', 26]]);
    expect(c111.gaps.sex?.difference).toBe(-2);

    const w117 = (await get('viewer', '/api/evaluation/indicators/W1.17?year=2024')).json<IndicatorEvaluationView>();
    expect(w117.series.every((p) => p.source === 'rollup')).toBe(true);
    expect(w117.counties.find((c) => c.code === BOSHAN)).toMatchObject({ value: 58, status: 'off_track', rank: 11 });
    expect(w117.spread).toMatchObject({ count: 11, range: 14 });
    expect((await get('viewer', '/api/evaluation/indicators/X9.99')).statusCode).toBe(404);
  });

  it('GET /api/evaluation/midterm gives achievement rates per domain and department', async () => {
    const res = await get('viewer', '/api/evaluation/midterm?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    const mid = res.json<MidtermEvaluation>();
    expect(mid).toMatchObject({ year: 2023, stage: 'midterm', stageLabel: '中期评估', regionCode: ZIBO, regionName: '淄博市' });
    expect(mid.plans.map((p) => p.planKind)).toEqual(['women', 'children']);
    const health = mid.departments.find((d) => d.label === '市卫生健康委')!;
    // 2023, city: W1.17 (rolled up) achieved; W1.03 at risk; C1.11 on track.
    expect(health.counts).toMatchObject({ achieved: 1, at_risk: 1, on_track: 1 });
    expect(health.assessed).toBe(3);
    expect(health.achievedRate).toBeCloseTo(1 / 3, 9);
    expect(health.expectedRate).toBeCloseTo(2 / 3, 9);
  });

  it('generates warnings (office only) and lets the dashboard count them; a closure lowers the count', async () => {
    expect((await send('health', 'POST', '/api/warnings/generate', { year: 2024 })).statusCode).toBe(403);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/warnings/generate', payload: { year: 2024 }, headers: { cookie: users.office!.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const generated = await send('office', 'POST', '/api/warnings/generate', { year: 2024 });
    expect(generated.statusCode, generated.body).toBe(200);
    expect(generated.json<GenerateWarningsResult>()).toMatchObject({ total: 4, red: 2, yellow: 2, created: 4 });

    const dash = async (who: string) => {
      const res = await get(who, '/api/dashboard?year=2024');
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Dashboard>();
    };
    const before = await dash('office');
    expect(before.regions).toHaveLength(12);
    const city = before.regions[0]!;
    expect(city).toMatchObject({ code: ZIBO, name: '淄博市', openWarnings: { total: 3, red: 1, yellow: 2 } });
    expect(city.counts).toMatchObject({ achieved: 3, on_track: 1, at_risk: 1, off_track: 1, total: 107 });
    const women = city.plans.find((p) => p.planKind === 'women')!;
    expect(women.domains[0]).toMatchObject({ ord: 1, title: '妇女与健康' });
    expect(women.domains[0]!.counts).toMatchObject({ achieved: 2, on_track: 1, at_risk: 1, off_track: 1 });
    expect(before.regions.find((r) => r.code === BOSHAN)!.openWarnings).toEqual({ total: 1, red: 1, yellow: 0 });
    expect(before.openWarnings).toMatchObject({ total: 4, red: 2, yellow: 2 });
    // Each user counts only the warnings they may see.
    expect((await dash('boshan')).openWarnings.total).toBe(1);
    expect((await dash('education')).openWarnings.total).toBe(0);

    // The department answers, plans, reports the steps done; the office closes the warning.
    const list = (await get('health', '/api/warnings?year=2024&level=red')).json<WarningSummary[]>();
    const w103 = list.find((w) => w.indicatorCode === 'W1.03')!;
    expect(w103).toBeDefined();
    expect((await get('education', `/api/warnings/${w103.id}`)).statusCode).toBe(403);
    expect((await get('boshan', `/api/warnings/${w103.id}`)).statusCode).toBe(403);
    expect((await send('education', 'POST', `/api/warnings/${w103.id}/countermeasures`, { text: '越权' })).statusCode).toBe(403);
    expect((await send('health', 'POST', `/api/warnings/${w103.id}/countermeasures`, { text: '加强高危孕产妇管理' })).statusCode).toBe(201);
    const planned = await send('health', 'POST', `/api/warnings/${w103.id}/steps`, { steps: [{ description: '死亡病例逐例评审', dueDate: '2025-06-30', owner: '妇幼健康科' }] });
    expect(planned.statusCode, planned.body).toBe(201);
    const stepId = planned.json<WarningDetail>().steps[0]!.id;
    expect((await send('health', 'POST', `/api/warnings/${w103.id}/close`, { note: '自己销号' })).statusCode).toBe(403);
    const early = await send('office', 'POST', `/api/warnings/${w103.id}/close`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'invalid_state', message: '尚有1项整改措施未完成（第1项），不能销号' });
    const done = await send('health', 'PATCH', `/api/warnings/${w103.id}/steps/${stepId}`, { done: true, note: '已评审', evidence: '会议纪要' });
    expect(done.statusCode, done.body).toBe(200);
    const closed = await send('office', 'POST', `/api/warnings/${w103.id}/close`, { note: '同意销号' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<WarningDetail>()).toMatchObject({ status: 'closed', history: expect.arrayContaining([expect.objectContaining({ action: 'warning.close', user: '妇儿工委办公室' })]) });

    const after = await dash('office');
    expect(after.openWarnings).toMatchObject({ total: 3, red: 1, yellow: 2 });
    expect(after.regions[0]!.openWarnings).toEqual({ total: 2, red: 0, yellow: 2 });
  });

  it('escalates through the API (office only) and refuses a county outside its region', async () => {
    const list = (await get('office', '/api/warnings?year=2024&status=open')).json<WarningSummary[]>();
    const boshan = list.find((w) => w.regionCode === BOSHAN)!;
    expect((await send('zhangdian', 'POST', `/api/warnings/${boshan.id}/countermeasures`, { text: '越区' })).statusCode).toBe(403);
    expect((await send('boshan', 'POST', `/api/warnings/${boshan.id}/escalate`, { reason: '自己升级' })).statusCode).toBe(403);
    const escalated = await send('office', 'POST', `/api/warnings/${boshan.id}/escalate`, { reason: '连续两年预计难以达标' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json<WarningDetail>()).toMatchObject({ status: 'escalated', escalations: 1 });
    expect((await get('boshan', `/api/warnings/${boshan.id}`)).json<WarningDetail>().permissions).toEqual({ answer: true, completeStep: true, close: false, escalate: false });
  });

  it('changes the dashboard counts when the data change', async () => {
    const count = async () => (await get('viewer', '/api/dashboard?year=2024&region=370300')).json<Dashboard>().regions[0]!.counts;
    const before = await count();
    // 艾滋病母婴传播率 reaches its target (≤3%) in 2024: on track → achieved.
    await getDb().updateTable('data_values').set({ value: 2.9 }).where('indicator_code', '=', 'W1.07').where('region_code', '=', ZIBO).where('year', '=', 2024).execute();
    const after = await count();
    expect(after.achieved).toBe(before.achieved + 1);
    expect(after.on_track).toBe(before.on_track - 1);
    expect(after.total).toBe(before.total);
  });
});
