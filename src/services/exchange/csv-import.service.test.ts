import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { BOSHAN, ZHANGDIAN, actorsFor, seedMonitoring } from '../monitoring/monitoring.test-support.ts';
import { formAuditTrail, valueAuditTrail } from '../monitoring/audit.service.ts';
import { openRound } from '../monitoring/round.service.ts';
import { importDataCsv } from './csv-import.service.ts';
import { exportDataValues } from './data-export.service.ts';
import { ExchangeError } from './exchange-error.ts';
import { dumpMonitoring, rejectionOf } from './exchange.test-support.ts';
import { CLI_SYSTEM_ACTOR } from './system-actor.ts';

type Actors = ReturnType<typeof actorsFor>;

const HEADER = 'indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note';

// 学前三年毛入园率 (W2.01: %, by sex and area) for 张店区 and 博山区, 2024; 妇女人均预期寿命 (W1.01, 岁) for 2023.
const GOOD = [
  HEADER,
  `W2.01,${ZHANGDIAN},2024,,,,90,900,1000,`,
  `W2.01,${ZHANGDIAN},2024,女,,,90,450,500,`,
  `W2.01,${ZHANGDIAN},2024,男,,,90,450,500,`,
  `W2.01,${BOSHAN},2024,,,,,380,400,只填分子分母`,
  `W1.01,${ZHANGDIAN},2023,,,,81.2,,,`,
].join('\n');

forEachDialect('importDataCsv and exportDataValues', (getDb) => {
  let a: Actors;
  beforeAll(async () => {
    a = actorsFor(await seedMonitoring(getDb()));
    await openRound(getDb(), a.stats, { year: 2024, dueDate: '2025-03-31' });
  });

  describe('import', () => {
    it('enters an operator’s file as approved values, audited with origin cli under the system actor', async () => {
      const db = getDb();
      const result = await importDataCsv(db, CLI_SYSTEM_ACTOR, GOOD, { file: 'good.csv', origin: 'cli' });
      expect(result).toMatchObject({ values: 5, inserted: 5, updated: 0, unchanged: 0 });
      const stored = await findDataValues(db, { indicatorCodes: ['W2.01', 'W1.01'] });
      // Written region by region (ids follow the file within a region).
      expect(stored.map((v) => [v.indicatorCode, v.regionCode, v.year, v.disaggregation.sex, v.value, v.status])).toEqual([
        ['W2.01', ZHANGDIAN, 2024, null, 90, 'approved'],
        ['W2.01', ZHANGDIAN, 2024, '女', 90, 'approved'],
        ['W2.01', ZHANGDIAN, 2024, '男', 90, 'approved'],
        ['W1.01', ZHANGDIAN, 2023, null, 81.2, 'approved'],
        ['W2.01', BOSHAN, 2024, null, 95, 'approved'],
      ]);
      const audit = await findAudit(db, { entity: 'data_value', entityKey: `W2.01|${BOSHAN}|2024|_T` });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'value.insert', user_id: 0, user_name: '系统（命令行）', origin: 'cli' });
      expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ value: 95, numerator: 380, denominator: 400, note: '只填分子分母', status: 'approved' });

      const again = await importDataCsv(db, CLI_SYSTEM_ACTOR, GOOD, { file: 'good.csv', origin: 'cli' });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    });

    it('leaves values for review with status submitted', async () => {
      const db = getDb();
      await importDataCsv(db, a.stats, `${HEADER}\nC3.10,${BOSHAN},2024,,,,3,,,`, { status: 'submitted' });
      const [stored] = await findDataValues(db, { indicatorCodes: ['C3.10'], regionCodes: [BOSHAN] });
      expect(stored).toMatchObject({ value: 3, status: 'submitted' });
    });

    it('rejects a file with parse and rule errors whole, listing each at its row and column, and changes nothing', async () => {
      const db = getDb();
      const before = await dumpMonitoring(db);
      const text = [
        HEADER,
        `W2.01,${ZHANGDIAN},2022,,,,70,,,`, // fine on its own
        `W2.01,${ZHANGDIAN},2022,女,,,120,,,`,
        `W2.01,999999,2022,,,,70,,,`,
        `W2.01,${ZHANGDIAN},2022,其他,,,70,,,`,
      ].join('\n');
      const error = await rejectionOf(importDataCsv(db, a.stats, text, { file: 'bad.csv' }), ExchangeError);
      expect(error.lines()).toEqual([
        '第3行，第7列（value）：占比为120%，超出允许范围0—100%',
        '第4行，第2列（region_code）：地区代码“999999”不存在',
        '第5行，第4列（sex）：性别“其他”无效，应为女、男或留空（合计）',
      ]);
      expect(await dumpMonitoring(db)).toEqual(before);
    });

    it('rejects what writeDataValues refuses (access, locks) at the row of each value, and changes nothing', async () => {
      const db = getDb();
      const before = await dumpMonitoring(db);
      // A county reporter may write only its own county's values, and may not enter approved ones.
      const other = await rejectionOf(
        importDataCsv(db, a.zhangdianReporter, `${HEADER}\nC3.10,${ZHANGDIAN},2024,,,,4,,,\nC3.10,${BOSHAN},2024,,,,4,,,`, { status: 'submitted', file: 'z.csv' }),
        ExchangeError,
      );
      expect(other.lines()).toEqual([expect.stringMatching(/^第3行，第7列（value）：无权填报博山区“新建、改扩建幼儿园数”的数据：您只能处理本地区的数据$/)]);
      expect(other.message).toMatch(/^文件“z\.csv”未导入：发现1处错误/);
      // Changing an approved value needs a reason.
      const locked = await rejectionOf(importDataCsv(db, a.stats, `${HEADER}\nW1.01,${ZHANGDIAN},2023,,,,81.9,,,`), ExchangeError);
      expect(locked.lines()).toEqual(['第2行，第7列（value）：该数据已审核通过并锁定：修改须填写解锁原因']);
      expect(await dumpMonitoring(db)).toEqual(before);

      const withReason = await importDataCsv(db, a.stats, `${HEADER}\nW1.01,${ZHANGDIAN},2023,,,,81.9,,,`, { reason: '统计局复核更正' });
      expect(withReason).toMatchObject({ updated: 1 });
      const audit = await findAudit(db, { entity: 'data_value', entityKey: `W1.01|${ZHANGDIAN}|2023|_T` });
      expect(audit.map((r) => [r.action, r.reason])).toEqual([
        ['value.insert', null],
        ['value.update', '统计局复核更正'],
      ]);
    });
  });

  it('logs an import as one audit row per region, year and form, from which each value’s own history is read', async () => {
    const db = getDb();
    const auditRows = async () => db.selectFrom('audit_log').selectAll().where('entity', 'in', ['data_value', 'data_value_batch']).orderBy('id').execute();
    const before = (await auditRows()).length;
    // A note that array and multi-row encodings must carry through unchanged.
    const note = '含,逗号 {花括号} "引号" \\反斜杠 NULL';
    const text = [
      HEADER,
      `W1.01,${ZHANGDIAN},2021,,,,80.2,,,"${note.replaceAll('"', '""')}"`,
      `W1.01,${ZHANGDIAN},2022,,,,80.5,,,`,
      `W1.01,${BOSHAN},2022,,,,80.1,,,`,
    ].join('\n');
    expect(await importDataCsv(db, a.stats, text, { status: 'submitted', file: 'batch.csv' })).toMatchObject({ inserted: 3 });
    const stored = await findDataValues(db, { indicatorCodes: ['W1.01'], years: [2021, 2022] });
    expect(stored.map((v) => [v.regionCode, v.year, v.value, v.note, v.status, v.version, v.updatedByName])).toEqual([
      [ZHANGDIAN, 2021, 80.2, note, 'submitted', 1, '统计局乙'],
      [ZHANGDIAN, 2022, 80.5, null, 'submitted', 1, '统计局乙'],
      [BOSHAN, 2022, 80.1, null, 'submitted', 1, '统计局乙'],
    ]);
    await importDataCsv(db, a.stats, `${HEADER}\nW1.01,${ZHANGDIAN},2022,,,,80.7,,,`, { status: 'submitted', reason: '更正录入错误' });

    const added = (await auditRows()).slice(before);
    expect(added.map((r) => [r.entity, r.action, r.entity_key, r.origin])).toEqual([
      ['data_value_batch', 'value.import', `${ZHANGDIAN}|2021`, 'csv'],
      ['data_value_batch', 'value.import', `${ZHANGDIAN}|2022`, 'csv'],
      ['data_value_batch', 'value.import', `${BOSHAN}|2022`, 'csv'],
      ['data_value_batch', 'value.import', `${ZHANGDIAN}|2022`, 'csv'],
    ]);
    // 2021 and 2022 have no round: submitted values go to the open round's form of the county, back-filled.
    expect(added[1]?.form_id).toBe(added[0]?.form_id);
    expect(added[0]?.form_id).not.toBeNull();

    const trail = await valueAuditTrail(db, a.stats, { indicatorCode: 'W1.01', regionCode: ZHANGDIAN, year: 2022, cellKey: '_T' });
    expect(trail.map((e) => [e.action, e.user.name, e.origin, e.reason, e.entityKey])).toEqual([
      ['value.insert', '统计局乙', 'csv', null, `W1.01|${ZHANGDIAN}|2022|_T`],
      ['value.update', '统计局乙', 'csv', '更正录入错误', `W1.01|${ZHANGDIAN}|2022|_T`],
    ]);
    expect(trail[0]).toMatchObject({ before: null, after: { value: 80.5, status: 'submitted', version: 1, backfilled: true } });
    expect(trail[1]).toMatchObject({ before: { value: 80.5, version: 1 }, after: { value: 80.7, version: 2 } });
    expect(trail[1]?.summary).toBe('修改（CSV导入）：数值80.5→80.7，原因：更正录入错误');
    // Another value of the same batch rows has its own history only.
    const boshan = await findAudit(db, { entity: 'data_value', entityKey: `W1.01|${BOSHAN}|2022|_T` });
    expect(boshan.map((r) => [r.action, JSON.parse(r.after_json ?? '{}').value])).toEqual([['value.insert', 80.1]]);

    // The form's log shows each import once, with its counts.
    const formId = added[0]?.form_id as number;
    const firstId = added[0]?.id as number;
    const imports = (await formAuditTrail(db, a.stats, formId)).filter((e) => e.action === 'value.import' && e.id >= firstId);
    expect(imports.map((e) => e.summary)).toEqual([
      '批量导入（CSV导入）：新增1项，修改0项',
      '批量导入（CSV导入）：新增1项，修改0项',
      '批量导入（CSV导入）：新增0项，修改1项，原因：更正录入错误',
    ]);
    expect(imports[0]?.after).toEqual({ inserted: 1, updated: 0 });
  });

  it('keeps each imported value’s full snapshot in the compact batch row: the batch’s shared fields plus its own', async () => {
    const db = getDb();
    const text = [
      `${HEADER},source`,
      `W2.03,${BOSHAN},2019,,,,90.91,100,110,"备注,含逗号",市卫健委年报`,
      `W2.03,${BOSHAN},2019,女,,,90.91,50,55,,`,
    ].join('\n');
    expect(await importDataCsv(db, CLI_SYSTEM_ACTOR, text, { origin: 'cli', backfilled: true })).toMatchObject({ inserted: 2 });
    const [total] = await findAudit(db, { entity: 'data_value', entityKey: `W2.03|${BOSHAN}|2019|_T` });
    expect(total).toMatchObject({ action: 'value.insert', entity: 'data_value', before_json: null, origin: 'cli', user_name: '系统（命令行）' });
    expect(JSON.parse(total?.after_json ?? 'null')).toEqual({
      value: 90.91, numerator: 100, denominator: 110, source: '市卫健委年报', note: '备注,含逗号', status: 'approved', version: 1, backfilled: true, formId: null,
    });
    const [women] = await findAudit(db, { entity: 'data_value', entityKey: `W2.03|${BOSHAN}|2019|sex=女` });
    expect(JSON.parse(women?.after_json ?? 'null')).toEqual({
      value: 90.91, numerator: 50, denominator: 55, source: null, note: null, status: 'approved', version: 1, backfilled: true, formId: null,
    });
    // The stored text is the compact shape: the shared fields once, each value's own fields under its key.
    const batch = await db.selectFrom('audit_log').select('after_json').where('entity', '=', 'data_value_batch').where('entity_key', '=', `${BOSHAN}|2019`).executeTakeFirstOrThrow();
    expect(JSON.parse(batch.after_json ?? '{}')).toMatchObject({ inserted: 2, updated: 0, common: { status: 'approved', backfilled: true, value: null } });
  });

  it('names the value of a problem that has no row in the file (parts against a stored total)', async () => {
    const db = getDb();
    await importDataCsv(db, a.stats, `${HEADER}\nW2.03,${BOSHAN},2023,,,,90.91,100,110,`);
    const parts = `${HEADER}\nW2.03,${BOSHAN},2023,女,,,90.91,50,55,\nW2.03,${BOSHAN},2023,男,,,72.73,40,55,`;
    const error = await rejectionOf(importDataCsv(db, a.stats, parts), ExchangeError);
    expect(error.lines()).toEqual([`指标W2.03，地区${BOSHAN}，2023年，合计：分子：女+男（90）≠合计（100）`]);
  });

  describe('export', () => {
    it('writes the year’s approved values as the project CSV, which imports back unchanged', async () => {
      const db = getDb();
      const out = await exportDataValues(db, a.viewer, { year: 2024, format: 'csv' });
      expect(out.fileName).toBe('fuer-2024-approved.csv');
      const rows = parse(out.text.slice(1), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r['indicator_code'], r['region_code'], r['sex'], r['value'], r['status'], r['region_name']])).toEqual([
        ['W2.01', ZHANGDIAN, '', '90', 'approved', '张店区'],
        ['W2.01', ZHANGDIAN, '女', '90', 'approved', '张店区'],
        ['W2.01', ZHANGDIAN, '男', '90', 'approved', '张店区'],
        ['W2.01', BOSHAN, '', '95', 'approved', '博山区'],
      ]);
      expect(out.count).toBe(4);
      const back = await importDataCsv(db, a.stats, out.text, { file: out.fileName });
      expect(back).toMatchObject({ values: 4, unchanged: 4 });
    });

    it('includes submitted values on request, and writes SDMX-CSV', async () => {
      const db = getDb();
      const all = await exportDataValues(db, a.stats, { year: 2024, format: 'csv', statuses: ['approved', 'submitted'] });
      expect(all.count).toBe(5);
      const sdmx = await exportDataValues(db, a.stats, { year: 2024, format: 'sdmx', statuses: ['approved', 'submitted'] });
      const [header, ...rows] = parse(sdmx.text) as string[][];
      expect(header?.slice(0, 7)).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'FREQ', 'SERIES', 'REF_AREA', 'SEX']);
      expect(rows.map((r) => `${r[4]} ${r[5]} ${r[6]} ${r[11]} ${r[13]}`)).toEqual([
        `W2_01 ${ZHANGDIAN} _T 90 A`,
        `W2_01 ${ZHANGDIAN} F 90 A`,
        `W2_01 ${ZHANGDIAN} M 90 A`,
        `W2_01 ${BOSHAN} _T 95 A`,
        `C3_10 ${BOSHAN} _T 3 P`,
      ]);
      expect(sdmx.contentType).toContain('application/vnd.sdmx.data+csv');
    });

    it('gives a county reporter only its own county', async () => {
      const out = await exportDataValues(getDb(), a.boshanReporter, { year: 2024, format: 'csv', statuses: ['approved', 'submitted'] });
      expect(out.count).toBe(2);
      expect(out.text).not.toContain(ZHANGDIAN);
    });
  });
});
