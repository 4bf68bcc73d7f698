import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import type { Role } from '../../../core/access/actor.types.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import { seedResponsibility, ZHANGDIAN, BOSHAN, ZIBO } from '../../../services/responsibility/responsibility.test-support.ts';
import { docxParagraphs, readDocx } from '../../../services/reports/report.test-support.ts';
import type { PublishedUnitReport, RoundOverview, UnitReportDetail, UnitReportView } from '../../../services/unit-reports/unit-report.contract.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';
import type { SessionInfo } from '../../auth/auth.contract.ts';

const PASSWORD = 'Unit-reports-pass-1';

forEachDialect('unit reports API: rounds, access matrix, review, public pages', (getDb) => {
  let app: FastifyInstance;
  const users: Record<string, { cookie: string; csrf: string }> = {};
  let water: UnitReportDetail;
  let zhangdianId: number;
  let correctionId: number;

  beforeAll(async () => {
    const db = getDb();
    await seedResponsibility(db);
    const accounts: [string, Role[], string | null, string | null][] = [
      ['office', ['admin'], null, ZIBO],
      ['stats', ['stats'], null, ZIBO],
      ['viewer', ['viewer'], null, ZIBO],
      ['water', ['reporter'], '市水利局', null],
      ['health', ['reporter'], '市卫生健康委', null],
      ['zhangdian', ['reporter'], null, ZHANGDIAN],
      ['boshan', ['reporter'], null, BOSHAN],
    ];
    for (const [username, roles, department, regionCode] of accounts) {
      await createUser(db, { username, displayName: username, roles, department, regionCode, password: PASSWORD, mustChangePassword: false });
    }
    app = await buildApp({ db });
    for (const [i, [username]] of accounts.entries()) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD }, remoteAddress: `10.7.0.${i + 1}` });
      expect(res.statusCode, res.body).toBe(200);
      users[username] = { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string | null, url: string) => app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: users[who]!.cookie } });
  const send = (who: string | null, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: who === null ? {} : { cookie: users[who]!.cookie, [CSRF_HEADER]: users[who]!.csrf } });

  describe('rounds', () => {
    it('lets only the office open a round, and validates it in Chinese', async () => {
      const body = { year: 2024, kind: 'annual', dueDate: '2025-03-31' };
      expect((await send(null, 'POST', '/api/unit-reports/rounds', body)).statusCode).toBe(401);
      for (const who of ['stats', 'viewer', 'water', 'zhangdian']) {
        const res = await send(who, 'POST', '/api/unit-reports/rounds', body);
        expect(res.statusCode, who).toBe(403);
        expect(res.json().message).toContain('仅妇儿工委办公室');
      }
      const bad = await send('office', 'POST', '/api/unit-reports/rounds', { ...body, dueDate: '31.03.2025' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('截止日期应为 YYYY-MM-DD');
      const res = await send('office', 'POST', '/api/unit-reports/rounds', body);
      expect(res.statusCode, res.body).toBe(201);
      const overview = res.json<RoundOverview>();
      expect(overview.round.title).toBe('2024年度规划落实情况和2025年工作安排');
      expect(overview.units.filter((u) => u.unitKind === 'department').length).toBe(44);
      expect((await send('office', 'POST', '/api/unit-reports/rounds', body)).statusCode).toBe(409);
      const rounds = await get('viewer', '/api/unit-reports/rounds');
      expect(rounds.json<{ year: number }[]>().map((r) => r.year)).toEqual([2024]);
    });
  });

  describe('access matrix', () => {
    it('shows each unit its own report only, and every report to the office, the bureau and viewers', async () => {
      const list = (who: string) => get(who, '/api/unit-reports?year=2024').then((r) => r.json<UnitReportView[]>());
      expect((await list('water')).map((r) => r.unitName)).toEqual(['市水利局']);
      expect((await list('zhangdian')).map((r) => r.unitName)).toEqual(['张店区']);
      const all = await list('office');
      expect((await list('stats')).length).toBe(all.length);
      expect((await list('viewer')).length).toBe(all.length);
      const waterRow = all.find((r) => r.unitName === '市水利局') as UnitReportView;
      zhangdianId = (all.find((r) => r.unitName === '张店区') as UnitReportView).id;
      const overview = await get('office', '/api/unit-reports/overview?year=2024&kind=annual');
      expect(overview.json<RoundOverview>().counts.total).toBe(all.length);

      const readers: [string, number][] = [['office', 200], ['stats', 200], ['viewer', 200], ['water', 200], ['health', 403], ['zhangdian', 403]];
      for (const [who, code] of readers) expect((await get(who, `/api/unit-reports/${waterRow.id}`)).statusCode, who).toBe(code);
      expect((await get(null, `/api/unit-reports/${waterRow.id}`)).statusCode).toBe(401);
      expect((await get('boshan', `/api/unit-reports/${zhangdianId}`)).statusCode).toBe(403);
      expect((await get('zhangdian', `/api/unit-reports/${zhangdianId}`)).statusCode).toBe(200);

      const writers: [string, number][] = [['office', 403], ['stats', 403], ['viewer', 403], ['health', 403], ['zhangdian', 403], ['water', 200]];
      for (const [who, code] of writers) {
        const res = await send(who, 'PUT', `/api/unit-reports/${waterRow.id}`, { overview: `${who}写的总体情况` });
        expect(res.statusCode, who).toBe(code);
        if (code === 403) expect(res.json().message).toContain('只有市水利局');
      }
      expect((await send('boshan', 'PUT', `/api/unit-reports/${zhangdianId}`, { overview: '博山' })).statusCode).toBe(403);
      expect((await send('zhangdian', 'PUT', `/api/unit-reports/${zhangdianId}`, { overview: '张店区总体情况' })).statusCode).toBe(200);
      water = (await get('water', `/api/unit-reports/${waterRow.id}`)).json<UnitReportDetail>();
      expect(water.overview).toBe('water写的总体情况');
      expect(water.can).toMatchObject({ edit: true, submit: true, approve: false });
      expect((await get('office', `/api/unit-reports/${waterRow.id}`)).json<UnitReportDetail>().can).toMatchObject({ edit: false, approve: false });
    });
  });

  describe('review and publication', () => {
    it('takes a department report through return, resubmission, approval and publication; public without login', async () => {
      const id = water.id;
      const invalid = await send('water', 'PUT', `/api/unit-reports/${id}`, { items: [{ id: water.items[0]!.id, progress: 'excellent' }] });
      expect(invalid.statusCode).toBe(400);
      const incomplete = await send('water', 'POST', `/api/unit-reports/${id}/submit`);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json().message).toContain('报告尚不完整');
      const saved = await send('water', 'PUT', `/api/unit-reports/${id}`, {
        overview: '2024年市水利局推进农村供水保障。',
        nextPlan: '2025年继续提升农村供水。',
        items: water.items.map((i) => ({ id: i.id, progress: 'mostly_achieved', done: `目标${i.goal}：已落实。` })),
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json<UnitReportDetail>().items.every((i) => i.progressLabel === '基本实现')).toBe(true);
      const attached = await send('water', 'POST', `/api/unit-reports/${id}/attachments`, { fileName: '农村供水统计表.csv', mime: 'text/csv', data: Buffer.from('县,工程数\n张店区,3\n').toString('base64') });
      expect(attached.statusCode, attached.body).toBe(201);
      const attachmentId = attached.json<{ id: number }>().id;

      expect((await send('water', 'POST', `/api/unit-reports/${id}/submit`)).json<UnitReportDetail>().status).toBe('submitted');
      expect((await send('water', 'POST', `/api/unit-reports/${id}/approve`)).statusCode).toBe(403);
      expect((await send('office', 'POST', `/api/unit-reports/${id}/return`, { text: '' })).statusCode).toBe(400);
      const comment = await send('viewer', 'POST', `/api/unit-reports/${id}/comments`, { text: '协调组意见：补充工程数量。' });
      expect(comment.statusCode, comment.body).toBe(200);
      const returned = await send('office', 'POST', `/api/unit-reports/${id}/return`, { text: '请补充具体工程数量。' });
      expect(returned.json<UnitReportDetail>()).toMatchObject({ status: 'returned', statusLabel: '已退回' });
      const seen = (await get('water', `/api/unit-reports/${id}`)).json<UnitReportDetail>();
      expect(seen.comments.map((c) => c.text)).toEqual(['协调组意见：补充工程数量。', '请补充具体工程数量。']);
      await send('water', 'PUT', `/api/unit-reports/${id}`, { overview: '2024年市水利局完成农村供水工程12处。' });
      expect((await send('water', 'POST', `/api/unit-reports/${id}/submit`)).json<UnitReportDetail>().status).toBe('resubmitted');
      expect((await send('office', 'POST', `/api/unit-reports/${id}/approve`)).json<UnitReportDetail>().status).toBe('approved');

      // Not public before publication.
      expect((await get(null, `/api/public/unit-reports/${id}`)).statusCode).toBe(404);
      expect((await get(null, `/api/public/unit-reports/${id}/attachments/${attachmentId}`)).statusCode).toBe(404);
      expect((await send('stats', 'POST', `/api/unit-reports/${id}/publish`)).statusCode).toBe(403);
      const published = await send('office', 'POST', `/api/unit-reports/${id}/publish`);
      expect(published.json<UnitReportDetail>().status).toBe('published');
      expect((await send('water', 'PUT', `/api/unit-reports/${id}`, { overview: '改' })).statusCode).toBe(409);

      const publicList = await get(null, '/api/public/unit-reports');
      expect(publicList.statusCode).toBe(200);
      expect(publicList.json<PublishedUnitReport[]>().map((r) => [r.id, r.unitName])).toEqual([[id, '市水利局']]);
      const pub = await get(null, `/api/public/unit-reports/${id}`);
      expect(pub.statusCode).toBe(200);
      const detail = pub.json<UnitReportDetail>();
      expect(detail.overview).toBe('2024年市水利局完成农村供水工程12处。');
      expect(detail.comments).toEqual([]);
      expect(detail.history).toEqual([]);
      expect(detail.items[0]?.done).toMatch(/已落实/);
      const file = await get(null, `/api/public/unit-reports/${id}/attachments/${attachmentId}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain(encodeURIComponent('农村供水统计表.csv'));
      expect(file.body).toContain('张店区,3');
      expect((await get(null, `/api/public/unit-reports/${zhangdianId}`)).statusCode).toBe(404);

      const correction = await send('water', 'POST', `/api/unit-reports/${id}/corrections`, { note: '更正工程数量' });
      expect(correction.statusCode, correction.body).toBe(201);
      expect(correction.json<UnitReportDetail>()).toMatchObject({ version: 2, status: 'draft', correctionNote: '更正工程数量' });
      expect(correction.json<UnitReportDetail>().attachments.map((a) => a.fileName)).toEqual(['农村供水统计表.csv']);
      correctionId = correction.json<UnitReportDetail>().id;
    });

    it('exports a report as Word: to its readers, and the published version to anyone without login', async () => {
      const paragraphs = async (res: { rawPayload: Buffer }) => docxParagraphs((await readDocx(res.rawPayload)).parts.get('word/document.xml') ?? '');
      const own = await get('water', `/api/unit-reports/${water.id}.docx`);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.headers['content-type']).toContain('wordprocessingml');
      expect(own.headers['content-disposition']).toContain(encodeURIComponent('市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排'));
      const text = await paragraphs(own);
      expect(text[0]).toBe('市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排');
      for (const heading of ['一、总体情况', '二、目标任务落实情况', '三、存在的问题', '四、2025年工作安排']) expect(text, heading).toContain(heading);
      expect(text.indexOf('一、总体情况')).toBeLessThan(text.indexOf('二、目标任务落实情况'));
      expect(text[text.indexOf('一、总体情况') + 1]).toBe('2024年市水利局完成农村供水工程12处。');
      expect(text.some((p) => p.startsWith('状态：已发布'))).toBe(true);
      const goal = water.items[0]!;
      expect(text).toContain(`主要目标：${goal.goalText}`);
      expect(text).toContain('进展：基本实现');
      expect(text).toContain(`工作落实情况：目标${goal.goal}：已落实。`);
      expect(text).toContain(`${goal.goal}. ${goal.goalText}`); // the overview table
      expect(text).toContain('1. 农村供水统计表.csv');

      // Same access as reading it.
      expect((await get('health', `/api/unit-reports/${water.id}.docx`)).statusCode).toBe(403);
      expect((await get('boshan', `/api/unit-reports/${zhangdianId}.docx`)).statusCode).toBe(403);
      expect((await get(null, `/api/unit-reports/${water.id}.docx`)).statusCode).toBe(401);
      expect((await get('viewer', `/api/unit-reports/${water.id}.docx`)).statusCode).toBe(200);

      // The correction (a draft) carries its note; it is not public until published.
      const draft = await paragraphs(await get('water', `/api/unit-reports/${correctionId}.docx`));
      expect(draft).toContain('更正说明：本报告为第2版，更正工程数量');
      expect(draft.some((p) => p.startsWith('状态：草稿　　第2版'))).toBe(true);

      const pub = await get(null, `/api/public/unit-reports/${water.id}.docx`);
      expect(pub.statusCode, pub.body).toBe(200);
      expect(await paragraphs(pub)).toContain('进展：基本实现');
      expect((await get(null, `/api/public/unit-reports/${correctionId}.docx`)).statusCode).toBe(404);
      const unpublished = await get(null, `/api/public/unit-reports/${zhangdianId}.docx`);
      expect(unpublished.statusCode).toBe(404);
      expect(unpublished.json().message).toContain('不存在');
    });

    it('rejects an oversized attachment with a Chinese message', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 10).toString('base64');
      const res = await send('zhangdian', 'POST', `/api/unit-reports/${zhangdianId}/attachments`, { fileName: '大文件.pdf', mime: 'application/pdf', data: big });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('过大');
    });
  });
});
