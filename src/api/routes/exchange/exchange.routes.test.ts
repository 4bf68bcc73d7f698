import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';
import type { SessionInfo } from '../../auth/auth.contract.ts';
import type { Role } from '../../../core/access/actor.types.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, seedMonitoring } from '../../../services/monitoring/monitoring.test-support.ts';
import { exchangeRoutes, XLSX_TYPE } from './exchange.routes.ts';
import { dumpMonitoring } from '../../../services/exchange/exchange.test-support.ts';
import { ENTRY_SHEET, FIRST_DATA_ROW } from '../../../services/exchange/xlsx-layout.ts';

const PASSWORD = 'Exchange-2025-pass';
type Who = 'stats' | 'zhangdian' | 'boshan';
const USERS: Record<Who, { roles: Role[]; regionCode: string; displayName: string }> = {
  stats: { roles: ['stats'], regionCode: ZIBO, displayName: '统计局' },
  zhangdian: { roles: ['reporter'], regionCode: ZHANGDIAN, displayName: '张店区填报员' },
  boshan: { roles: ['reporter'], regionCode: BOSHAN, displayName: '博山区填报员' },
};

async function fill(template: Buffer, change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  change(workbook.getWorksheet(ENTRY_SHEET)!);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function setRow(sheet: ExcelJS.Worksheet, code: string, cell: string, values: [number, number, number]): void {
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell('B').value === code && row.getCell('D').value === cell) {
      row.getCell('G').value = values[0];
      row.getCell('H').value = values[1];
      row.getCell('I').value = values[2];
      return;
    }
  }
  throw new Error(`模板中没有 ${code} ${cell}`);
}

forEachDialect('exchange API', (getDb) => {
  let app: FastifyInstance;
  const sessions = {} as Record<Who, { cookie: string; csrf: string }>;
  const forms = {} as Record<'zhangdian' | 'boshan', number>;

  async function call(
    who: Who | null,
    method: 'GET' | 'POST',
    url: string,
    body?: { payload: Buffer | string; type?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(body?.headers ?? {}) };
    if (body?.type !== undefined) headers['content-type'] = body.type;
    if (who !== null) {
      headers.cookie = sessions[who].cookie;
      headers[CSRF_HEADER] = sessions[who].csrf;
    }
    return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body.payload }) });
  }

  beforeAll(async () => {
    const db = getDb();
    await seedMonitoring(db);
    for (const [username, u] of Object.entries(USERS)) {
      await createUser(db, { username, password: PASSWORD, mustChangePassword: false, roles: u.roles, displayName: u.displayName, department: null, regionCode: u.regionCode });
    }
    app = await buildApp({ db });
    // The lead registers the plugin in buildApp; until then the test registers it itself.
    if (!app.hasRoute({ method: 'GET', url: '/api/data/export' })) await app.register(exchangeRoutes, { prefix: '/api' });
    for (const username of Object.keys(USERS) as Who[]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      sessions[username] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<SessionInfo>().csrfToken };
    }
    const opened = await call('stats', 'POST', '/api/rounds', { payload: JSON.stringify({ year: 2024, dueDate: '2025-03-31' }), type: 'application/json' });
    expect(opened.statusCode, opened.body).toBe(201);
    const formOf = async (code: string) => (await db.selectFrom('forms').select('id').where('region_code', '=', code).executeTakeFirstOrThrow()).id;
    forms.zhangdian = await formOf(ZHANGDIAN);
    forms.boshan = await formOf(BOSHAN);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('downloads a form’s template to who may read it, as an .xlsx named after the county', async () => {
    const res = await call('zhangdian', 'GET', `/api/forms/${forms.zhangdian}/template.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2024年度监测数据填报-张店区.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet(ENTRY_SHEET)?.getCell('A3').value).toBe('填报单位：张店区');

    expect((await call('boshan', 'GET', `/api/forms/${forms.zhangdian}/template.xlsx`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/api/forms/${forms.zhangdian}/template.xlsx`)).statusCode).toBe(401);
    expect((await call('zhangdian', 'GET', '/api/forms/999999/template.xlsx')).statusCode).toBe(404);
  });

  it('uploads a filled template as the form’s draft; a rejected or oversized file changes nothing', async () => {
    const db = getDb();
    const template = (await call('zhangdian', 'GET', `/api/forms/${forms.zhangdian}/template.xlsx`)).rawPayload;
    const before = await dumpMonitoring(db);

    const tooHigh = await fill(template, (sheet) => setRow(sheet, 'W2.01', '合计', [120, 1200, 1000]));
    const bad = await call('zhangdian', 'POST', `/api/forms/${forms.zhangdian}/upload`, {
      payload: tooHigh, type: XLSX_TYPE, headers: { 'x-file-name': encodeURIComponent('张店区.xlsx') },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    const body = bad.json<{ error: string; message: string; details: { total: number; issues: { text: string }[] } }>();
    expect(body.error).toBe('file_rejected');
    expect(body.message).toMatch(/^文件“张店区\.xlsx”未导入：发现1处错误/);
    expect(body.details.issues.map((i) => i.text)).toEqual([expect.stringMatching(/^工作表“填报”第\d+行，第G列（本年数值）：占比为120%，超出允许范围0—100%$/)]);

    const big = await call('zhangdian', 'POST', `/api/forms/${forms.zhangdian}/upload`, { payload: Buffer.alloc(50 * 1024 * 1024), type: XLSX_TYPE });
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json<{ message: string }>().message).toBe('文件未导入：文件大小为50 MB，超过上限10 MB；请上传从系统下载的模板（通常不到1 MB）');

    const wrongType = await call('zhangdian', 'POST', `/api/forms/${forms.zhangdian}/upload`, { payload: 'a,b', type: 'text/csv' });
    expect(wrongType.statusCode, wrongType.body).toBe(415);
    expect(await dumpMonitoring(db)).toEqual(before);

    const good = await fill(template, (sheet) => setRow(sheet, 'W2.01', '合计', [90, 900, 1000]));
    expect((await call('boshan', 'POST', `/api/forms/${forms.zhangdian}/upload`, { payload: good, type: XLSX_TYPE })).statusCode).toBe(403);
    const ok = await call('zhangdian', 'POST', `/api/forms/${forms.zhangdian}/upload`, { payload: good, type: XLSX_TYPE });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ values: 1, inserted: 1 });
    const form = await call('zhangdian', 'GET', `/api/forms/${forms.zhangdian}`);
    expect(form.body).toContain('"value":90');
  });

  it('exports the year’s values as CSV or SDMX-CSV, each user only what they may read', async () => {
    const db = getDb();
    await db.updateTable('data_values').set({ status: 'approved' }).execute();
    const sdmx = await call('stats', 'GET', '/api/data/export?year=2024&format=sdmx');
    expect(sdmx.statusCode, sdmx.body).toBe(200);
    expect(sdmx.headers['content-type']).toContain('application/vnd.sdmx.data+csv');
    expect(sdmx.headers['x-value-count']).toBe('1');
    expect(sdmx.body.split('\n')[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,FREQ,SERIES,REF_AREA,SEX,AGE,URBANISATION,EDUCATION_LEV,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,SOURCE_DETAIL,COMMENT_OBS');
    expect(sdmx.body).toContain(`W2_01,${ZHANGDIAN},_T,_T,_T,_T,2024,90,PT,A`);
    const own = await call('boshan', 'GET', '/api/data/export?year=2024');
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-value-count']).toBe('0');
    expect((await call('stats', 'GET', '/api/data/export?year=2024&status=final')).statusCode).toBe(400);
    expect((await call(null, 'GET', '/api/data/export?year=2024')).statusCode).toBe(401);
  });
});
