import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import type { EvaluationReport } from '../../../core/reports/evaluation-report.types.ts';
import type { AnnualReport } from '../../../core/reports/report.types.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import { ZIBO } from '../../../services/evaluation/evaluation.test-support.ts';
import type { ReportDetail, ReportVersionView } from '../../../services/reports/report-publication.service.ts';
import { docxParagraphs, readDocx, seedReportYear } from '../../../services/reports/report.test-support.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';
import type { SessionInfo } from '../../auth/auth.contract.ts';

const PASSWORD = 'Reports-pass-1';

forEachDialect('reports API: generation, review, publication, public page', (getDb) => {
  let app: FastifyInstance;
  const users: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    const db = getDb();
    await seedReportYear(db);
    const accounts = [
      { username: 'office', displayName: '妇儿工委办公室', roles: ['admin' as const], regionCode: ZIBO, password: PASSWORD },
      { username: 'stats', displayName: '市统计局', roles: ['stats' as const], regionCode: ZIBO, password: PASSWORD },
      { username: 'group', displayName: '协调组成员', roles: ['reviewer' as const], regionCode: ZIBO, password: PASSWORD },
    ];
    for (const a of accounts) await createUser(db, a);
    app = await buildApp({ db });
    for (const [i, a] of accounts.entries()) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: a.username, password: PASSWORD }, remoteAddress: `10.5.0.${i + 1}` });
      expect(res.statusCode, res.body).toBe(200);
      users[a.username] = { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string | null, url: string) => app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: users[who]!.cookie } });
  const send = (who: string, method: 'POST' | 'PUT', url: string, payload: unknown = {}) =>
    app.inject({ method, url, payload: payload as object, headers: { cookie: users[who]!.cookie, [CSRF_HEADER]: users[who]!.csrf } });

  it('serves the annual report as JSON and .docx to logged-in users only', async () => {
    expect((await get(null, '/api/reports/annual?year=2024&plan=women')).statusCode).toBe(401);
    const json = await get('group', '/api/reports/annual?year=2024&plan=women&region=370300');
    expect(json.statusCode, json.body).toBe(200);
    const report = json.json<AnnualReport>();
    expect(report.title).toBe('淄博市2024年妇女发展规划统计监测报告');
    const docx = await get('group', '/api/reports/annual.docx?year=2024&plan=women');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent(report.title));
    const text = docxParagraphs((await readDocx(docx.rawPayload)).parts.get('word/document.xml')!);
    expect(text).toContain(report.overview.paragraphs[1]);
    const xlsx = await get('stats', '/api/reports/compendium.xlsx?year=2024');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('serves the mid-term and final evaluation reports as JSON and .docx, and generates them as drafts', async () => {
    expect((await get(null, '/api/reports/evaluation?kind=midterm&year=2023')).statusCode).toBe(401);
    const json = await get('group', '/api/reports/evaluation?kind=midterm&year=2023&plan=women&region=370300');
    expect(json.statusCode, json.body).toBe(200);
    const report = json.json<EvaluationReport>();
    expect(report.title).toBe('淄博市“十四五”妇女发展规划中期评估报告');
    expect(report.sections.map((s) => s.key)).toEqual(['problems', 'recommendations', 'outlook']);
    expect((await get('group', '/api/reports/evaluation?kind=annual&year=2023')).statusCode).toBe(400);
    const docx = await get('group', '/api/reports/evaluation.docx?kind=final&year=2025&plan=children');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('淄博市“十四五”儿童发展规划终期评估报告'));
    const text = docxParagraphs((await readDocx(docx.rawPayload)).parts.get('word/document.xml')!);
    expect(text).toContain('三、存在的主要问题');
    const created = await send('office', 'POST', '/api/reports', { kind: 'midterm', year: 2023, plan: 'women' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<ReportDetail>()).toMatchObject({ kind: 'midterm', kindLabel: '中期评估报告', status: 'draft' });
  }, 120_000);

  it('takes a report from draft through review to publication, public without login and immutable', async () => {
    // A reviewer may not generate; the statistics bureau may.
    expect((await send('group', 'POST', '/api/reports', { kind: 'annual', year: 2024, plan: 'women' })).statusCode).toBe(403);
    const created = await send('stats', 'POST', '/api/reports', { kind: 'annual', year: 2024, plan: 'women' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<ReportDetail>();
    expect(draft).toMatchObject({ version: 1, status: 'draft', statusLabel: '草稿', kind: 'annual' });
    // Not public while a draft.
    expect((await get(null, `/api/public/reports/${draft.id}`)).statusCode).toBe(404);
    expect((await send('stats', 'POST', '/api/reports', { kind: 'annual', year: 2024, plan: 'women' })).statusCode).toBe(409);

    const edited = await send('office', 'PUT', `/api/reports/${draft.id}/sections`, { sections: { problems: '部分指标数据缺失。', recommendations: '加强分性别统计。' } });
    expect(edited.json<ReportDetail>().sections).toEqual({ problems: '部分指标数据缺失。', recommendations: '加强分性别统计。' });
    expect((await send('group', 'POST', `/api/reports/${draft.id}/comments`, { text: '请补充说明' })).statusCode).toBe(409);
    expect((await send('stats', 'POST', `/api/reports/${draft.id}/submit`)).json<ReportDetail>().status).toBe('under_review');
    expect((await send('office', 'PUT', `/api/reports/${draft.id}/sections`, { sections: {} })).statusCode).toBe(409);
    const commented = await send('group', 'POST', `/api/reports/${draft.id}/comments`, { text: '孕产妇死亡率的分析请补充原因。' });
    expect(commented.statusCode, commented.body).toBe(200);
    expect(commented.json<ReportDetail>().comments.map((c) => [c.authorName, c.text])).toEqual([['协调组成员', '孕产妇死亡率的分析请补充原因。']]);
    // Returned to draft with a reason, resubmitted, approved, published.
    expect((await send('office', 'POST', `/api/reports/${draft.id}/return`, { text: '按协调组意见修改' })).json<ReportDetail>().status).toBe('draft');
    expect((await send('stats', 'POST', `/api/reports/${draft.id}/regenerate`)).statusCode).toBe(200);
    await send('stats', 'POST', `/api/reports/${draft.id}/submit`);
    expect((await send('stats', 'POST', `/api/reports/${draft.id}/approve`)).statusCode).toBe(403);
    expect((await send('office', 'POST', `/api/reports/${draft.id}/publish`)).statusCode).toBe(409);
    expect((await send('office', 'POST', `/api/reports/${draft.id}/approve`)).json<ReportDetail>()).toMatchObject({ status: 'approved', approvedByName: '妇儿工委办公室' });
    const published = (await send('office', 'POST', `/api/reports/${draft.id}/publish`)).json<ReportDetail>();
    expect(published).toMatchObject({ status: 'published', statusLabel: '已发布', publishedByName: '妇儿工委办公室' });

    // The public page: no login.
    const list = await get(null, '/api/public/reports');
    expect(list.statusCode).toBe(200);
    expect(list.json<(ReportVersionView & { superseded: boolean })[]>()).toEqual([expect.objectContaining({ id: draft.id, version: 1, superseded: false, title: '淄博市2024年妇女发展规划统计监测报告' })]);
    const pub = await get(null, `/api/public/reports/${draft.id}`);
    expect(pub.statusCode).toBe(200);
    const body = pub.json<ReportDetail>();
    expect(body.comments).toEqual([]);
    const content = body.content as AnnualReport;
    const w103 = content.chapters.flatMap((c) => c.rows).find((r) => r.indicatorCode === 'W1.03')!;
    expect(w103).toMatchObject({ value: 9.1, previous: 9.3, statusLabel: '预计难以达标' });
    const file = await get(null, `/api/public/reports/${draft.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(docxParagraphs((await readDocx(file.rawPayload)).parts.get('word/document.xml')!)).toContain(w103.sentence);

    // Immutable: no edit, no regeneration, no second publication; the database refuses a direct change too.
    expect((await send('office', 'PUT', `/api/reports/${draft.id}/sections`, { sections: {} })).statusCode).toBe(409);
    expect((await send('stats', 'POST', `/api/reports/${draft.id}/regenerate`)).statusCode).toBe(409);
    await expect(getDb().updateTable('reports').set({ title: '改' }).where('id', '=', draft.id).execute()).rejects.toThrow(/已发布的报告不可修改/);
    await expect(getDb().deleteFrom('reports').where('id', '=', draft.id).execute()).rejects.toThrow(/已发布的报告不可修改/);

    // A correction is a new version with a note, published in turn; the first version stays readable.
    expect((await send('stats', 'POST', '/api/reports', { kind: 'annual', year: 2024, plan: 'women' })).statusCode).toBe(400);
    const v2 = (await send('stats', 'POST', '/api/reports', { kind: 'annual', year: 2024, plan: 'women', correctionNote: '更正W1.04上年数据' })).json<ReportDetail>();
    expect(v2).toMatchObject({ version: 2, status: 'draft', correctionNote: '更正W1.04上年数据', seriesKey: published.seriesKey });
    await send('stats', 'POST', `/api/reports/${v2.id}/submit`);
    await send('office', 'POST', `/api/reports/${v2.id}/approve`);
    await send('office', 'POST', `/api/reports/${v2.id}/publish`);
    const versions = (await get(null, '/api/public/reports')).json<(ReportVersionView & { superseded: boolean })[]>();
    expect(versions.map((v) => [v.version, v.superseded])).toEqual([[2, false], [1, true]]);
    expect((await get(null, `/api/public/reports/${draft.id}`)).json<ReportDetail>().versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await get(null, `/api/public/reports/${draft.id}`)).json<ReportDetail>().title).toBe(published.title);
  }, 120_000);
});
