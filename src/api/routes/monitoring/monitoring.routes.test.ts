import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import type { Role } from '../../../core/access/actor.types.ts';
import { disaggregationKey } from '../../../core/monitoring/disaggregation.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import type { DataValueInput } from '../../../services/monitoring/data-value.contract.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, completeValues, seedMonitoring } from '../../../services/monitoring/monitoring.test-support.ts';
import type { MonitoringSeed } from '../../../services/monitoring/monitoring.test-support.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';
import type { SessionInfo } from '../../auth/auth.contract.ts';

const PASSWORD = 'Monitor-2025-pass';

interface Session {
  cookie: string;
  csrf: string;
}

type Who = 'admin' | 'stats' | 'viewer' | 'healthReporter' | 'zhangdianReporter' | 'zhangdianReviewer' | 'healthReviewer' | 'cityReviewer';

const USERS: Record<Who, { roles: Role[]; department?: string; regionCode?: string; displayName: string }> = {
  admin: { roles: ['admin'], regionCode: ZIBO, displayName: '管理员' },
  stats: { roles: ['stats'], regionCode: ZIBO, displayName: '统计局' },
  viewer: { roles: ['viewer'], displayName: '评估专家' },
  healthReporter: { roles: ['reporter'], department: '市卫生健康委', displayName: '卫健委填报员' },
  zhangdianReporter: { roles: ['reporter'], regionCode: ZHANGDIAN, displayName: '张店区填报员' },
  zhangdianReviewer: { roles: ['reviewer'], regionCode: ZHANGDIAN, displayName: '张店区审核员' },
  healthReviewer: { roles: ['reviewer'], department: '市卫生健康委', displayName: '卫健委审核员' },
  cityReviewer: { roles: ['reviewer'], regionCode: ZIBO, displayName: '市级审核员' },
};

type Target = 'zhangdian' | 'boshan' | 'health' | 'education';
type RouteClass = 'read' | 'write' | 'submit' | 'approve' | 'unlock';

/** Who may do what to which form: the access rules of issue 3, written out by hand. */
const ALLOWED: Record<Who, Record<RouteClass, Target[]>> = {
  admin: { read: ['zhangdian', 'boshan', 'health', 'education'], write: ['zhangdian', 'boshan', 'health', 'education'], submit: ['zhangdian', 'boshan', 'health', 'education'], approve: ['zhangdian', 'boshan', 'health', 'education'], unlock: ['zhangdian', 'boshan', 'health', 'education'] },
  stats: { read: ['zhangdian', 'boshan', 'health', 'education'], write: ['zhangdian', 'boshan', 'health', 'education'], submit: ['zhangdian', 'boshan', 'health', 'education'], approve: ['zhangdian', 'boshan', 'health', 'education'], unlock: ['zhangdian', 'boshan', 'health', 'education'] },
  viewer: { read: ['zhangdian', 'boshan', 'health', 'education'], write: [], submit: [], approve: [], unlock: [] },
  healthReporter: { read: ['health'], write: ['health'], submit: ['health'], approve: [], unlock: [] },
  zhangdianReporter: { read: ['zhangdian'], write: ['zhangdian'], submit: ['zhangdian'], approve: [], unlock: [] },
  zhangdianReviewer: { read: ['zhangdian'], write: [], submit: [], approve: ['zhangdian'], unlock: [] },
  healthReviewer: { read: ['health'], write: [], submit: [], approve: ['health'], unlock: [] },
  cityReviewer: { read: ['zhangdian', 'boshan', 'health', 'education'], write: [], submit: [], approve: ['zhangdian', 'boshan', 'health', 'education'], unlock: [] },
};
const ADMINS: Who[] = ['admin', 'stats'];

forEachDialect('monitoring API', (getDb) => {
  let app: FastifyInstance;
  let seed: MonitoringSeed;
  const sessions = {} as Record<Who, Session>;
  const forms = {} as Record<Target, number>;
  let roundId: number;

  async function call(who: Who | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (who !== null) {
      headers.cookie = sessions[who].cookie;
      headers[CSRF_HEADER] = sessions[who].csrf;
    }
    return app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  }

  beforeAll(async () => {
    const db = getDb();
    seed = await seedMonitoring(db);
    for (const [username, u] of Object.entries(USERS)) {
      await createUser(db, { username, password: PASSWORD, mustChangePassword: false, roles: u.roles, displayName: u.displayName, department: u.department ?? null, regionCode: u.regionCode ?? null });
    }
    app = await buildApp({ db });
    for (const username of Object.keys(USERS) as Who[]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      sessions[username] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
    const opened = await call('stats', 'POST', '/api/rounds', { year: 2024, dueDate: '2025-03-31' });
    expect(opened.statusCode, opened.body).toBe(201);
    roundId = opened.json<{ id: number }>().id;
    const list = (await call('stats', 'GET', `/api/forms?roundId=${roundId}`)).json<{ id: number; regionCode: string; departmentId: number | null }[]>();
    const find = (pred: (f: { regionCode: string; departmentId: number | null }) => boolean) => list.find(pred)?.id as number;
    forms.zhangdian = find((f) => f.regionCode === ZHANGDIAN);
    forms.boshan = find((f) => f.regionCode === BOSHAN);
    forms.health = find((f) => f.departmentId === seed.health);
    forms.education = find((f) => f.departmentId === seed.education);
  });
  afterAll(async () => {
    await app?.close();
  });

  const sample: Record<Target, object> = {
    zhangdian: { indicatorCode: 'W1.03', cellKey: '_T', value: 9, numerator: 1, denominator: 11_111.1 },
    boshan: { indicatorCode: 'W1.03', cellKey: '_T', value: 9, numerator: 1, denominator: 11_111.1 },
    health: { indicatorCode: 'W1.03', cellKey: '_T', value: 9, numerator: 3, denominator: 33_333.3 },
    education: { indicatorCode: 'C3.01', cellKey: '_T', value: 88, numerator: 880, denominator: 1000 },
  };

  // Each route class with every route of the class. The forms are incomplete drafts: an allowed submission
  // fails validation (400), an allowed approval or return finds nothing submitted (409), an allowed unlock
  // nothing approved (409) — never 403.
  const request: Record<RouteClass, (who: Who | null, target: Target) => Promise<LightMyRequestResponse[]>> = {
    read: async (who, t) => [
      await call(who, 'GET', `/api/forms/${forms[t]}`),
      await call(who, 'GET', `/api/forms/${forms[t]}/audit`),
      await call(who, 'GET', `/api/data-values/audit?indicator=${(sample[t] as { indicatorCode: string }).indicatorCode}&region=${t === 'zhangdian' ? ZHANGDIAN : t === 'boshan' ? BOSHAN : ZIBO}&year=2024`),
    ],
    write: async (who, t) => [await call(who, 'PUT', `/api/forms/${forms[t]}/values`, { values: [sample[t]] })],
    submit: async (who, t) => [await call(who, 'POST', `/api/forms/${forms[t]}/submit`)],
    approve: async (who, t) => [
      await call(who, 'POST', `/api/forms/${forms[t]}/approve`),
      await call(who, 'POST', `/api/forms/${forms[t]}/return`, { comment: '请核对' }),
    ],
    unlock: async (who, t) => [await call(who, 'POST', `/api/forms/${forms[t]}/unlock`, { reason: '测试' })],
  };

  describe('access matrix: every role against every route class, own and other form', () => {
    for (const who of Object.keys(USERS) as Who[]) {
      for (const routeClass of Object.keys(request) as RouteClass[]) {
        for (const target of ['zhangdian', 'boshan', 'health', 'education'] as Target[]) {
          const allowed = ALLOWED[who][routeClass].includes(target);
          it(`${who} ${allowed ? 'may' : 'may not'} ${routeClass} the ${target} form`, async () => {
            for (const res of await request[routeClass](who, target)) {
              if (allowed) {
                expect([401, 403], res.body).not.toContain(res.statusCode);
                expect(res.statusCode, res.body).toBeLessThan(500);
              } else {
                expect(res.statusCode, res.body).toBe(403);
                expect(res.json<{ message: string }>().message).toMatch(/^无权/);
              }
            }
          });
        }
      }
      const allowedAdmin = ADMINS.includes(who);
      it(`${who} ${allowedAdmin ? 'may' : 'may not'} administer rounds, assignments and rules`, async () => {
        const attempts = [
          await call(who, 'POST', '/api/rounds', { year: 2024, dueDate: '2025-03-31' }), // exists: 409 when allowed
          await call(who, 'POST', '/api/rounds/999999/close'), // no such round: 404 when allowed
          await call(who, 'PUT', '/api/indicator-reporters/X9.99', { departmentId: seed.health }), // 404 when allowed
          await call(who, 'PUT', '/api/validation-rules/W1.03', { valueType: 'fraction' }), // 400 when allowed
        ];
        for (const res of attempts) {
          if (allowedAdmin) expect([401, 403, 500], res.body).not.toContain(res.statusCode);
          else expect(res.statusCode, res.body).toBe(403);
        }
      });
    }

    it('answers 401 to anonymous requests on every route class', async () => {
      for (const routeClass of Object.keys(request) as RouteClass[]) {
        for (const res of await request[routeClass](null, 'zhangdian')) expect(res.statusCode).toBe(401);
      }
      for (const url of ['/api/rounds', `/api/rounds/${roundId}/progress`, '/api/rollup?year=2024', '/api/forms']) {
        expect((await call(null, 'GET', url)).statusCode, url).toBe(401);
      }
    });

    it('changed nothing where access was denied', async () => {
      const rows = await getDb().selectFrom('audit_log').select(['user_name', 'entity_key']).where('entity', '=', 'data_value').execute();
      const writers = new Set(rows.map((r) => `${r.user_name}|${r.entity_key.split('|')[1]}`));
      // The first allowed writer of each form inserted its sample; later identical saves change nothing.
      expect(writers).toContain('管理员|370303');
      // Nobody else wrote: not the viewer, not a reviewer, not a reporter outside its scope.
      const allowed = new Set(['管理员|370303', '管理员|370304', '管理员|370300', '统计局|370303', '统计局|370304', '统计局|370300', '卫健委填报员|370300', '张店区填报员|370303']);
      expect([...writers].filter((w) => !allowed.has(w))).toEqual([]);
      expect((await getDb().selectFrom('data_values').select('region_code').execute()).map((r) => r.region_code).sort()).toEqual([ZIBO, ZIBO, ZHANGDIAN, BOSHAN].sort());
    });

    it('lists only the forms each user may read', async () => {
      const names = async (who: Who) => (await call(who, 'GET', `/api/forms?roundId=${roundId}`)).json<{ name: string }[]>().map((f) => f.name);
      expect(await names('zhangdianReporter')).toEqual(['张店区']);
      expect(await names('healthReporter')).toEqual(['市卫生健康委']);
      expect(await names('viewer')).toHaveLength(24);
      expect(await names('cityReviewer')).toHaveLength(24);
    });
  });

  describe('a county form through the API', () => {
    const cells = (values: DataValueInput[]) =>
      values.map((v) => ({
        indicatorCode: v.indicatorCode,
        cellKey: disaggregationKey({ sex: v.sex, ageGroup: v.ageGroup, area: v.area }),
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        ...(v.note !== undefined ? { note: v.note } : {}),
      }));

    it('saves the whole grid as a draft and shows a validation error until it is fixed', async () => {
      const values = completeValues(seed.catalogue, ZHANGDIAN, 2024);
      // 学前教育毛入园率 typed as 120%: saved as typed, but submission is refused.
      const wrong = values.map((v) => (v.indicatorCode === 'C3.01' && v.sex === null && v.area === null ? { ...v, value: 120, numerator: 1200, denominator: 1000 } : v));
      const saved = await call('zhangdianReporter', 'PUT', `/api/forms/${forms.zhangdian}/values`, { values: cells(wrong) });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json<{ warnings: { code: string }[] }>().warnings.map((w) => w.code)).toContain('out_of_range');

      const refused = await call('zhangdianReporter', 'POST', `/api/forms/${forms.zhangdian}/submit`);
      expect(refused.statusCode).toBe(400);
      const body = refused.json<{ error: string; details: { issues: { indicatorCode: string; code: string; message: string }[] } }>();
      expect(body.error).toBe('validation_failed');
      expect(body.details.issues.map((i) => [i.indicatorCode, i.code])).toContainEqual(['C3.01', 'out_of_range']);
      expect(body.details.issues.find((i) => i.code === 'out_of_range')?.message).toBe('占比为120%，超出允许范围0—100%');

      const grid = (await call('zhangdianReporter', 'GET', `/api/forms/${forms.zhangdian}`)).json<{
        indicators: { code: string; unit: string; definition: string; cells: { cellKey: string; value: number; version: number; issues: { code: string }[] }[] }[];
      }>();
      const cell = grid.indicators.find((i) => i.code === 'C3.01')?.cells.find((c) => c.cellKey === '_T');
      expect(cell?.value).toBe(120);
      expect(cell?.issues.map((i) => i.code)).toContain('out_of_range');
      expect(grid.indicators.find((i) => i.code === 'C3.01')).toMatchObject({ unit: '%', definition: expect.stringContaining('在园幼儿数') });

      const fixed = await call('zhangdianReporter', 'PUT', `/api/forms/${forms.zhangdian}/values`, {
        values: [{ indicatorCode: 'C3.01', cellKey: '_T', value: 60, numerator: 6000, denominator: 10_000, expectedVersion: cell?.version }],
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json<{ updated: number; values: { version: number }[] }>()).toMatchObject({ updated: 1, values: [{ version: (cell?.version ?? 0) + 1 }] });
    });

    it('answers a stale save with 409 and a Chinese message naming the cell and who changed it', async () => {
      const res = await call('stats', 'PUT', `/api/forms/${forms.zhangdian}/values`, {
        values: [{ indicatorCode: 'C3.01', cellKey: '_T', value: 59, numerator: 5900, denominator: 10_000, expectedVersion: 1 }],
      });
      expect(res.statusCode).toBe(409);
      const body = res.json<{ error: string; message: string; details: { conflicts: unknown[] } }>();
      expect(body.error).toBe('conflict');
      expect(body.message).toMatch(/^保存冲突：“学前教育毛入园率”（张店区，2024年，合计）已被张店区填报员于.+修改为60%（第\d版，您修改的是第1版），您填写的是59%/);
      expect(body.details.conflicts).toHaveLength(1);
    });

    it('goes draft → submitted → returned → resubmitted → approved, with each step in the audit log and the roll-up', async () => {
      const submitted = await call('zhangdianReporter', 'POST', `/api/forms/${forms.zhangdian}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json<{ form: { status: string } }>().form.status).toBe('submitted');

      const returned = await call('zhangdianReviewer', 'POST', `/api/forms/${forms.zhangdian}/return`, {
        values: [{ indicatorCode: 'W1.03', cellKey: '_T', comment: '请核对活产数' }],
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json<{ form: { status: string } }>().form.status).toBe('returned');

      const grid = (await call('zhangdianReporter', 'GET', `/api/forms/${forms.zhangdian}`)).json<{
        indicators: { code: string; cells: { cellKey: string; version: number; comments: { text: string }[] }[] }[];
      }>();
      const mmr = grid.indicators.find((i) => i.code === 'W1.03')?.cells.find((c) => c.cellKey === '_T');
      expect(mmr?.comments.map((c) => c.text)).toEqual(['请核对活产数']);
      // Same rate, corrected counts in every cell so the parts still add up.
      const corrected = completeValues(seed.catalogue.filter((i) => i.code === 'W1.03'), ZHANGDIAN, 2024, { factor: 1.2, note: '活产数按出生登记更正' });
      const versions = new Map(grid.indicators.find((i) => i.code === 'W1.03')?.cells.map((c) => [c.cellKey, c.version]));
      const fix = await call('zhangdianReporter', 'PUT', `/api/forms/${forms.zhangdian}/values`, {
        values: cells(corrected).map((c) => ({ ...c, expectedVersion: versions.get(c.cellKey) })),
      });
      expect(fix.statusCode, fix.body).toBe(200);
      expect((await call('zhangdianReporter', 'POST', `/api/forms/${forms.zhangdian}/submit`)).statusCode).toBe(200);
      const approved = await call('zhangdianReviewer', 'POST', `/api/forms/${forms.zhangdian}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json<{ form: { status: string; approvedBy: string } }>().form).toMatchObject({ status: 'approved', approvedBy: '张店区审核员' });

      const audit = (await call('zhangdianReporter', 'GET', `/api/forms/${forms.zhangdian}/audit`)).json<{ action: string; user: { name: string }; summary: string }[]>();
      expect(audit.filter((e) => e.action.startsWith('form.')).map((e) => [e.action, e.user.name])).toEqual([
        ['form.submit', '张店区填报员'],
        ['form.return', '张店区审核员'],
        ['form.resubmit', '张店区填报员'],
        ['form.approve', '张店区审核员'],
      ]);
      const valueAudit = (await call('zhangdianReviewer', 'GET', `/api/data-values/audit?indicator=W1.03&region=${ZHANGDIAN}&year=2024&cell=_T`)).json<{ action: string; summary: string }[]>();
      expect(valueAudit.map((e) => e.action)).toContain('value.return');
      expect(valueAudit.find((e) => e.action === 'value.return')?.summary).toBe('退回数据：请核对活产数');

      // The city's figure, provisional while other counties are missing: 张店区's own counts.
      const rollup = await call('stats', 'GET', '/api/rollup?year=2024&indicator=W1.03&partial=true');
      expect(rollup.statusCode, rollup.body).toBe(200);
      const total = rollup.json<{ indicators: { cells: { cellKey: string; rolled: number; numerator: number; denominator: number; contributors: string[] }[] }[] }>().indicators[0]?.cells.find((c) => c.cellKey === '_T');
      const mine = corrected.find((v) => v.area === null);
      expect(total).toMatchObject({ contributors: [ZHANGDIAN], numerator: mine?.numerator, denominator: mine?.denominator });
      expect(total?.rolled).toBeCloseTo(8, 9);
      expect((await call('zhangdianReporter', 'GET', '/api/rollup?year=2024')).statusCode).toBe(403);
    });

    it('unlocks an approved value for the statistics bureau only, with a reason', async () => {
      const denied = await call('zhangdianReviewer', 'POST', `/api/forms/${forms.zhangdian}/unlock`, { reason: '更正', values: [{ indicatorCode: 'W1.03', cellKey: '_T' }] });
      expect(denied.statusCode).toBe(403);
      const noReason = await call('stats', 'POST', `/api/forms/${forms.zhangdian}/unlock`, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      const unlocked = await call('stats', 'POST', `/api/forms/${forms.zhangdian}/unlock`, { reason: '省统计局反馈', values: [{ indicatorCode: 'W1.03', cellKey: '_T' }] });
      expect(unlocked.statusCode, unlocked.body).toBe(200);
      expect(unlocked.json<{ values: number; forms: { status: string }[] }>()).toMatchObject({ values: 1, forms: [{ status: 'returned' }] });
    });

    it('shows the progress board of the round', async () => {
      const res = await call('stats', 'GET', `/api/rounds/${roundId}/progress`);
      expect(res.statusCode).toBe(200);
      const board = res.json<{ totals: { forms: number; returned: number }; forms: { form: { name: string; status: string }; completeness: number }[] }>();
      expect(board.totals).toMatchObject({ forms: 24, returned: 1 });
      expect(board.forms.find((f) => f.form.name === '张店区')).toMatchObject({ completeness: 100, form: { status: 'returned' } });
      const own = (await call('zhangdianReporter', 'GET', `/api/rounds/${roundId}/progress`)).json<{ forms: unknown[] }>();
      expect(own.forms).toHaveLength(1);
    });
  });
});
