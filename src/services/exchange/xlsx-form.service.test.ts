import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { MonitoringError } from '../monitoring/monitoring.errors.ts';
import { BOSHAN, ZHANGDIAN, actorsFor, seedMonitoring } from '../monitoring/monitoring.test-support.ts';
import { openRound } from '../monitoring/round.service.ts';
import { ExchangeError } from './exchange-error.ts';
import { dumpMonitoring, rejectionOf } from './exchange.test-support.ts';
import { ENTRY_SHEET, FIRST_DATA_ROW } from './xlsx-layout.ts';
import { buildFormTemplate, buildFormTemplateFile, readFormUpload, uploadFormWorkbook } from './xlsx-form.service.ts';

type Actors = ReturnType<typeof actorsFor>;

async function edit(buffer: Uint8Array, change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(buffer) as unknown as ArrayBuffer);
  change(workbook.getWorksheet(ENTRY_SHEET)!);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function rowOf(sheet: ExcelJS.Worksheet, code: string, cell: string): ExcelJS.Row {
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell('B').value === code && row.getCell('D').value === cell) return row;
  }
  throw new Error(`模板中没有 ${code} ${cell}`);
}

/** 孕产妇死亡率 (W1.03, 1/10万 by area) and 学前三年毛入园率 (W2.01, % by sex and area) as 张店区's clerk fills them. */
function fill(sheet: ExcelJS.Worksheet): void {
  const set = (code: string, cell: string, g: number | string | null, h: number | null = null, i: number | null = null) => {
    const row = rowOf(sheet, code, cell);
    row.getCell('G').value = g;
    row.getCell('H').value = h;
    row.getCell('I').value = i;
  };
  set('W1.03', '合计', 9.5, 1, 10_526);
  set('W1.03', '城镇', 0, 0, 6000);
  set('W1.03', '农村', 22.09, 1, 4526);
  set('W2.01', '合计', 90, 900, 1000);
  set('W2.01', '女', 90, 450, 500);
  set('W2.01', '男', 90, 450, 500);
}

forEachDialect('Excel templates of forms', (getDb) => {
  let a: Actors;
  let zhangdianForm: number;
  let boshanForm: number;
  beforeAll(async () => {
    const db = getDb();
    a = actorsFor(await seedMonitoring(db));
    await openRound(db, a.stats, { year: 2024, dueDate: '2025-03-31' });
    const form = (code: string) => db.selectFrom('forms').select('id').where('region_code', '=', code).executeTakeFirstOrThrow();
    zhangdianForm = (await form(ZHANGDIAN)).id;
    boshanForm = (await form(BOSHAN)).id;
  });

  it('builds a county’s template with every indicator and names the file after the county', async () => {
    const { buffer, fileName } = await buildFormTemplateFile(getDb(), zhangdianForm, { actor: a.zhangdianReporter });
    expect(fileName).toBe('2024年度监测数据填报-张店区.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(ENTRY_SHEET)!;
    expect(sheet.getCell('A3').value).toBe('填报单位：张店区');
    // The catalogue's 104 indicators with their grid cells: 278 rows.
    expect(sheet.rowCount).toBe(FIRST_DATA_ROW - 1 + 278);
  });

  it('refuses the template of another county’s form to a county reporter', async () => {
    const error = await rejectionOf(buildFormTemplate(getDb(), boshanForm, { actor: a.zhangdianReporter }), MonitoringError);
    expect(error.status).toBe(403);
  });

  it('malformed uploads are rejected whole with precise errors, and no value changes', async () => {
    const db = getDb();
    const template = await buildFormTemplate(db, zhangdianForm);
    const templateBook = new ExcelJS.Workbook();
    await templateBook.xlsx.load(template as unknown as ArrayBuffer);
    const row = (code: string, cell: string) => rowOf(templateBook.getWorksheet(ENTRY_SHEET)!, code, cell).number;
    const before = await dumpMonitoring(db);
    const upload = (buffer: Uint8Array) => rejectionOf(uploadFormWorkbook(db, a.zhangdianReporter, zhangdianForm, buffer, { file: 'zd.xlsx' }), ExchangeError);

    const renamed = await edit(template, (sheet) => {
      fill(sheet);
      sheet.name = '数据';
    });
    expect((await upload(renamed)).lines()).toEqual([expect.stringMatching(/^未找到工作表“填报”（文件中的工作表：“数据”）/)]);

    const text = await edit(template, (sheet) => {
      fill(sheet);
      rowOf(sheet, 'W2.01', '女').getCell('G').value = '约九十';
    });
    expect((await upload(text)).lines()).toEqual([
      `工作表“填报”第${row('W2.01', '女')}行，第G列（本年数值）：“约九十”不是有效的数字，请填写数字（如1,234.5）；无数据请留空`,
    ]);

    const tooHigh = await edit(template, (sheet) => {
      fill(sheet);
      rowOf(sheet, 'W2.01', '合计').getCell('G').value = 120;
      rowOf(sheet, 'W2.01', '合计').getCell('H').value = null;
      rowOf(sheet, 'W2.01', '合计').getCell('I').value = null;
    });
    expect((await upload(tooHigh)).lines()).toEqual([`工作表“填报”第${row('W2.01', '合计')}行，第G列（本年数值）：占比为120%，超出允许范围0—100%`]);

    const noDenominator = await edit(template, (sheet) => {
      fill(sheet);
      sheet.spliceColumns(9, 1);
    });
    expect((await upload(noDenominator)).lines()).toEqual(['工作表“填报”第6行：缺少列“分母”：请勿删除或改名模板中的列']);

    const filled = await edit(template, fill);
    expect((await upload(filled.subarray(0, filled.length - 1000))).lines()).toEqual([expect.stringMatching(/^文件已损坏或不是 \.xlsx 文件/)]);
    expect((await upload(Buffer.alloc(50 * 1024 * 1024))).lines()).toEqual([expect.stringMatching(/^文件大小为50 MB，超过上限10 MB/)]);

    const boshanTemplate = await edit(await buildFormTemplate(db, boshanForm), fill);
    expect((await upload(boshanTemplate)).lines()).toEqual([
      '该文件是另一张报表（2024年 博山区）的模板，不是本报表（2024年 张店区）的：请下载本报表的模板后填写',
    ]);

    expect(await dumpMonitoring(db)).toEqual(before);
  });

  it('round trip: a filled template is saved as the form’s draft, audited as an Excel upload, and downloads again filled', async () => {
    const db = getDb();
    const filled = await edit(await buildFormTemplate(db, zhangdianForm, { actor: a.zhangdianReporter }), fill);
    const inputs = await readFormUpload(db, zhangdianForm, filled, { actor: a.zhangdianReporter });
    expect(inputs).toHaveLength(6);
    const result = await uploadFormWorkbook(db, a.zhangdianReporter, zhangdianForm, filled, { file: 'zd.xlsx' });
    expect(result).toMatchObject({ values: 6, inserted: 6, updated: 0 });
    const stored = await findDataValues(db, { regionCodes: [ZHANGDIAN], years: [2024], indicatorCodes: ['W1.03', 'W2.01'] });
    expect(stored.map((v) => [v.indicatorCode, v.disaggregation.sex ?? v.disaggregation.area ?? '合计', v.value, v.numerator, v.denominator, v.status])).toEqual([
      ['W1.03', '合计', 9.5, 1, 10_526, 'draft'],
      ['W1.03', '城镇', 0, 0, 6000, 'draft'],
      ['W1.03', '农村', 22.09, 1, 4526, 'draft'],
      ['W2.01', '合计', 90, 900, 1000, 'draft'],
      ['W2.01', '女', 90, 450, 500, 'draft'],
      ['W2.01', '男', 90, 450, 500, 'draft'],
    ]);
    const audit = await findAudit(db, { entity: 'data_value', entityKey: `W1.03|${ZHANGDIAN}|2024|_T` });
    expect(audit[0]).toMatchObject({ action: 'value.insert', user_name: '张店区填报员', origin: 'excel' });

    // The template downloaded now holds the values; uploaded unchanged it changes nothing.
    const again = await buildFormTemplate(db, zhangdianForm);
    const strip = (list: typeof inputs) => list.map(({ location: _location, ...rest }) => rest);
    expect(strip(await readFormUpload(db, zhangdianForm, again))).toEqual(strip(inputs));
    expect(await uploadFormWorkbook(db, a.zhangdianReporter, zhangdianForm, again)).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
  });

  it('refuses another county’s reporter, and uploads to a submitted form', async () => {
    const db = getDb();
    const filled = await edit(await buildFormTemplate(db, zhangdianForm), fill);
    expect((await rejectionOf(uploadFormWorkbook(db, a.boshanReporter, zhangdianForm, filled), MonitoringError)).status).toBe(403);
    await db.updateTable('forms').set({ status: 'submitted' }).where('id', '=', zhangdianForm).execute();
    try {
      const error = await rejectionOf(uploadFormWorkbook(db, a.zhangdianReporter, zhangdianForm, filled), ExchangeError);
      expect(error.lines()).toEqual(['报表已提交，正在审核，暂不能上传修改；如需修改，请联系审核员退回']);
    } finally {
      await db.updateTable('forms').set({ status: 'draft' }).where('id', '=', zhangdianForm).execute();
    }
  });
});
