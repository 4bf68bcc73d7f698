import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Role } from '../../core/access/actor.types.ts';
import { addDays } from '../../core/responsibility/dates.ts';
import { createUser } from '../../services/accounts/user.service.ts';
import type { ProgressBoard } from '../../services/monitoring/progress.service.ts';
import type { RoundSummary } from '../../services/monitoring/round.service.ts';
import { todayOf } from '../../services/responsibility/clock.ts';
import { BOSHAN, seedResponsibility, ZHANGDIAN, ZIBO } from '../../services/responsibility/responsibility.test-support.ts';
import type { RoundOverview } from '../../services/unit-reports/unit-report.contract.ts';
import { buildApp } from '../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/auth.contract.ts';
import type { SessionInfo } from '../auth/auth.contract.ts';

const PASSWORD = 'Deadline-pass-1';
// The server runs on the real clock: dates relative to today.
const today = todayOf();
const day = (n: number) => addDays(today, n);

/**
 * 调整截止日期 over HTTP: POST /api/unit-reports/rounds/:id/deadline (the office only) and
 * POST /api/rounds/:id/deadline (the statistics bureau and administrators, who open data rounds).
 */
forEachDialect('deadline changes over the API', (getDb) => {
  let app: FastifyInstance;
  const users: Record<string, { cookie: string; csrf: string }> = {};
  let reportRound: number;
  let dataRound: number;

  beforeAll(async () => {
    const db = getDb();
    await seedResponsibility(db);
    const accounts: [string, Role[], string | null, string | null][] = [
      ['office', ['admin'], null, ZIBO],
      ['stats', ['stats'], null, ZIBO],
      ['viewer', ['viewer'], null, ZIBO],
      ['water', ['reporter'], '市水利局', null],
      ['healthReviewer', ['reviewer'], '市卫生健康委', null],
      ['zhangdian', ['reporter'], null, ZHANGDIAN],
      ['boshan', ['reporter'], null, BOSHAN],
    ];
    for (const [username, roles, department, regionCode] of accounts) {
      await createUser(db, { username, displayName: username, roles, department, regionCode, password: PASSWORD, mustChangePassword: false });
    }
    app = await buildApp({ db });
    for (const [i, [username]] of accounts.entries()) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD }, remoteAddress: `10.9.0.${i + 1}` });
      expect(res.statusCode, res.body).toBe(200);
      users[username] = { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
    const opened = await send('office', '/api/unit-reports/rounds', { year: 2024, kind: 'annual', dueDate: day(10) });
    expect(opened.statusCode, opened.body).toBe(201);
    reportRound = opened.json<RoundOverview>().round.id;
    const data = await send('stats', '/api/rounds', { year: Number(today.slice(0, 4)) - 1, dueDate: day(10) });
    expect(data.statusCode, data.body).toBe(201);
    dataRound = data.json<RoundSummary>().id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: users[who]!.cookie } });
  function send(who: string | null, url: string, payload: object) {
    return app.inject({ method: 'POST', url, payload, headers: who === null ? {} : { cookie: users[who]!.cookie, [CSRF_HEADER]: users[who]!.csrf } });
  }

  describe('report rounds (部门和区县年度报告)', () => {
    const url = () => `/api/unit-reports/rounds/${reportRound}/deadline`;

    it('answers 401 without a session and 403 to everyone but the office', async () => {
      const body = { dueDate: day(20), reason: '统一延期' };
      expect((await send(null, url(), body)).statusCode).toBe(401);
      for (const who of ['stats', 'viewer', 'water', 'healthReviewer', 'zhangdian']) {
        const res = await send(who, url(), body);
        expect(res.statusCode, who).toBe(403);
        expect(res.json<{ message: string }>().message).toBe('无权调整截止日期：仅妇儿工委办公室（管理员）可以调整报告轮次的截止日期');
      }
      expect((await get('office', `/api/unit-reports/rounds/${reportRound}`)).json<RoundOverview>().round.dueDate).toBe(day(10));
    });

    it('refuses a missing reason, a malformed or past date and two units at once, in Chinese', async () => {
      const cases: [object, number, string][] = [
        [{ dueDate: day(20) }, 400, '调整截止日期须说明理由'],
        [{ dueDate: '2025/04/15', reason: 'x' }, 400, '截止日期应为 YYYY-MM-DD'],
        [{ dueDate: day(-3), reason: 'x' }, 400, `新的截止日期${day(-3)}已经过去（今天是${today}）`],
        [{ dueDate: day(20), reason: 'x', unit: '张店区', regionCode: ZHANGDIAN }, 400, '只能指定一个单位'],
        [{ dueDate: day(20), reason: 'x', departmentId: 999999 }, 404, '部门999999的报告不存在'],
      ];
      for (const [body, status, message] of cases) {
        const res = await send('office', url(), body);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json<{ message: string }>().message).toContain(message);
      }
    });

    it('lets the office move the round and extend one county; each unit sees its own deadline', async () => {
      let res = await send('office', url(), { dueDate: day(20), reason: '多个单位申请延期' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<RoundOverview>().round.dueDate).toBe(day(20));
      res = await send('office', url(), { dueDate: day(30), reason: '张店区申请', regionCode: ZHANGDIAN });
      expect(res.statusCode, res.body).toBe(200);
      const o = res.json<RoundOverview>();
      expect(o.canChangeDeadline).toBe(true);
      expect(o.extensions.map((e) => [e.unitName, e.dueDate])).toEqual([['张店区', day(30)]]);
      expect(o.deadlineChanges.map((c) => [c.unitName, c.before, c.after, c.reason])).toEqual([
        [null, day(10), day(20), '多个单位申请延期'],
        ['张店区', day(20), day(30), '张店区申请'],
      ]);
      const own = (await get('zhangdian', '/api/unit-reports?year=2024')).json<RoundOverview['units']>();
      expect(own.map((u) => [u.unitName, u.dueDate, u.extension?.reason])).toEqual([['张店区', day(30), '张店区申请']]);
      const water = (await get('water', `/api/unit-reports/rounds/${reportRound}`)).json<RoundOverview>();
      expect(water.units.map((u) => [u.unitName, u.dueDate])).toEqual([['市水利局', day(20)]]);
      expect(water.canChangeDeadline).toBe(false);
      expect(water.extensions).toEqual([]);
    });
  });

  describe('data rounds (监测数据填报)', () => {
    const url = () => `/api/rounds/${dataRound}/deadline`;

    it('answers 403 to reporters, reviewers, viewers and county users', async () => {
      for (const who of ['viewer', 'water', 'healthReviewer', 'zhangdian']) {
        const res = await send(who, url(), { dueDate: day(20), reason: '延期' });
        expect(res.statusCode, who).toBe(403);
        expect(res.json<{ message: string }>().message).toBe('无权调整截止日期：仅统计局或管理员可以调整填报轮次的截止日期');
      }
    });

    it('lets the statistics bureau and the office change it; the progress board follows', async () => {
      expect((await send('stats', url(), { dueDate: day(20) })).json<{ message: string }>().message).toBe('调整截止日期须说明理由');
      let res = await send('stats', url(), { dueDate: day(20), reason: '统一延期' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<RoundSummary>().dueDate).toBe(day(20));
      res = await send('office', url(), { dueDate: day(35), reason: '博山区申请', unit: '博山区' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<RoundSummary>().extensions.map((e) => [e.unitName, e.dueDate])).toEqual([['博山区', day(35)]]);
      const board = (await get('boshan', `/api/rounds/${dataRound}/progress`)).json<ProgressBoard>();
      expect(board.forms.map((f) => [f.form.name, f.dueDate, f.extended])).toEqual([['博山区', day(35), true]]);
      expect(board.deadlineChanges.map((c) => c.unitName)).toEqual([null, '博山区']);
    });
  });
});
