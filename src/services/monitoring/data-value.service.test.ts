import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import { DataValueConflictError, DataValueRejectedError } from './data-value.contract.ts';
import type { DataValueInput } from './data-value.contract.ts';
import { writeDataValues } from './data-value.service.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, actorsFor, seedMonitoring } from './monitoring.test-support.ts';
import type { MonitoringSeed } from './monitoring.test-support.ts';
import { openRound } from './round.service.ts';

type Actors = ReturnType<typeof actorsFor>;

// 孕产妇死亡率 (1/10万, ratio, by area), 市卫生健康委; 学前教育毛入园率 (%, by sex and area), 市教育局;
// 新建、改扩建幼儿园数 (所, sum).
const MMR = 'W1.03';
const PRESCHOOL = 'C3.01';
const KINDERGARTENS = 'C3.10';

const mmr = (regionCode: string, year: number, value: number | null, extra: Partial<DataValueInput> = {}): DataValueInput => ({
  indicatorCode: MMR, regionCode, year, sex: null, ageGroup: null, area: null, value, numerator: null, denominator: null, ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<DataValueRejectedError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataValueRejectedError);
  return err as DataValueRejectedError;
}

forEachDialect('writeDataValues', (getDb) => {
  let seed: MonitoringSeed;
  let a: Actors;
  beforeAll(async () => {
    seed = await seedMonitoring(getDb());
    a = actorsFor(seed);
    await openRound(getDb(), a.stats, { year: 2024, dueDate: '2025-03-31' });
  });

  describe('saving drafts', () => {
    it('inserts a county’s values into its form, audits each, and counts a repeated save as unchanged', async () => {
      const db = getDb();
      const inputs = [
        mmr(ZHANGDIAN, 2024, 9.5, { numerator: 1, denominator: 10_526, source: '妇幼卫生年报' }),
        mmr(ZHANGDIAN, 2024, 0, { area: '城镇', numerator: 0, denominator: 6000 }),
      ];
      const first = await writeDataValues(db, a.zhangdianReporter, inputs, { origin: 'form', status: 'draft' });
      expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
      const stored = await findDataValues(db, { regionCodes: [ZHANGDIAN], indicatorCodes: [MMR], years: [2024] });
      expect(stored.map((v) => [v.disaggregation.area, v.value, v.status, v.version, v.backfilled])).toEqual([
        [null, 9.5, 'draft', 1, false],
        ['城镇', 0, 'draft', 1, false],
      ]);
      const form = await db.selectFrom('forms').select(['id']).where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow();
      expect(stored.every((v) => v.formId === form.id)).toBe(true);
      const audit = await findAudit(db, { entity: 'data_value', entityKey: `${MMR}|${ZHANGDIAN}|2024|_T` });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'value.insert', user_name: '张店区填报员', origin: 'form', form_id: form.id, before_json: null });
      expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ value: 9.5, numerator: 1, denominator: 10_526, source: '妇幼卫生年报', status: 'draft', version: 1 });

      const again = await writeDataValues(db, a.zhangdianReporter, inputs, { origin: 'form', status: 'draft' });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      expect(await findAudit(db, { entity: 'data_value', entityKey: `${MMR}|${ZHANGDIAN}|2024|_T` })).toHaveLength(1);
    });

    it('updates with the version the writer saw and logs before and after', async () => {
      const db = getDb();
      const result = await writeDataValues(
        db, a.zhangdianReporter,
        [mmr(ZHANGDIAN, 2024, 9.4, { numerator: 1, denominator: 10_638, expectedVersion: 1, note: '按年报口径修正' })],
        { origin: 'form', status: 'draft' },
      );
      expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
      const audit = await findAudit(db, { entity: 'data_value', entityKey: `${MMR}|${ZHANGDIAN}|2024|_T` });
      expect(audit.map((r) => r.action)).toEqual(['value.insert', 'value.update']);
      expect(JSON.parse(audit[1]?.before_json ?? '{}')).toMatchObject({ value: 9.5, version: 1 });
      expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({ value: 9.4, version: 2, note: '按年报口径修正', source: '妇幼卫生年报' });
    });

    it('keeps a draft with a value out of range (flagged as a warning) but refuses the same value from a file', async () => {
      const db = getDb();
      const tooHigh = { indicatorCode: PRESCHOOL, regionCode: ZHANGDIAN, year: 2024, sex: null, ageGroup: null, area: null, value: 120, numerator: 1200, denominator: 1000 } as const;
      const saved = await writeDataValues(db, a.zhangdianReporter, [tooHigh], { origin: 'form', status: 'draft' });
      expect(saved.inserted).toBe(1);
      expect(saved.warnings.map((w) => [w.code, w.message])).toContainEqual(['out_of_range', '占比为120%，超出允许范围0—100%']);

      const before = await findDataValues(db, { regionCodes: [ZHANGDIAN], indicatorCodes: [PRESCHOOL] });
      const err = await rejection(
        writeDataValues(db, a.zhangdianReporter, [{ ...tooHigh, value: 130, numerator: 1300, location: { sheet: '数据', row: 7, column: 'F' } }], { origin: 'excel', status: 'draft' }),
      );
      expect(err.issues.map((i) => [i.code, i.location?.row, i.year])).toEqual([['out_of_range', 7, 2024]]);
      expect(err.message).toContain('工作表“数据”第7行F列');
      expect(await findDataValues(db, { regionCodes: [ZHANGDIAN], indicatorCodes: [PRESCHOOL] })).toEqual(before);
    });

    it('refuses type errors even in a draft: a fraction of a count, a cell the indicator does not have', async () => {
      const db = getDb();
      const err = await rejection(
        writeDataValues(db, a.zhangdianReporter, [
          { indicatorCode: KINDERGARTENS, regionCode: ZHANGDIAN, year: 2024, sex: null, ageGroup: null, area: null, value: 3.5, numerator: null, denominator: null },
          mmr(ZHANGDIAN, 2024, 5, { sex: '女' }),
          mmr(ZHANGDIAN, 2024, 5, { area: '农村', value: Number.NaN }),
        ], { origin: 'form', status: 'draft' }),
      );
      expect(err.issues.map((i) => i.code).sort()).toEqual(['invalid_cell', 'not_a_number', 'not_integer']);
      expect(err.issues.find((i) => i.code === 'invalid_cell')?.message).toBe('分组“女”无效：该指标不分性别统计');
      expect(await findDataValues(db, { regionCodes: [ZHANGDIAN], indicatorCodes: [KINDERGARTENS] })).toEqual([]);
    });

    it('refuses unknown indicators and regions, impossible years and a cell given twice, all in one list', async () => {
      const err = await rejection(
        writeDataValues(getDb(), a.stats, [
          mmr(ZHANGDIAN, 2024, 1, { indicatorCode: 'X9.99' }),
          mmr('370399', 2024, 1),
          mmr(ZHANGDIAN, 1850, 1),
          mmr(BOSHAN, 2024, 1, { location: { line: 2 } }),
          mmr(BOSHAN, 2024, 2, { location: { line: 3 } }),
        ], { origin: 'csv', status: 'draft' }),
      );
      expect(err.issues.map((i) => i.code)).toEqual(['unknown_indicator', 'unknown_region', 'invalid_year', 'duplicate_cell']);
      expect(err.issues[3]?.message).toContain('与第2行重复');
    });
  });

  describe('access per value', () => {
    it('lets a county write only its own region, a department only the city’s values of its indicators', async () => {
      const db = getDb();
      const cases: [keyof Actors, DataValueInput][] = [
        ['zhangdianReporter', mmr(BOSHAN, 2024, 1)],
        ['zhangdianReporter', mmr(ZIBO, 2024, 1)],
        ['healthReporter', mmr(ZHANGDIAN, 2024, 1)],
        ['educationReporter', mmr(ZIBO, 2024, 1)],
        ['viewer', mmr(ZHANGDIAN, 2024, 1)],
        ['zhangdianReviewer', mmr(ZHANGDIAN, 2024, 1)],
        ['cityReviewer', mmr(ZIBO, 2024, 1)],
      ];
      for (const [who, input] of cases) {
        const err = await rejection(writeDataValues(db, a[who], [input], { origin: 'form', status: 'draft' }));
        expect(err.issues.map((i) => i.code), who).toEqual(['access_denied']);
      }
      const err = await rejection(writeDataValues(db, a.zhangdianReporter, [mmr(BOSHAN, 2024, 1)], { origin: 'form', status: 'draft' }));
      expect(err.issues[0]?.message).toBe('无权填报博山区“孕产妇死亡率”的数据：您只能处理本地区的数据');

      const ok = await writeDataValues(db, a.healthReporter, [mmr(ZIBO, 2024, 8.1, { numerator: 3, denominator: 37_037 })], { origin: 'form', status: 'draft' });
      expect(ok.inserted).toBe(1);
      const health = await db.selectFrom('forms').select('id').where('department_id', '=', seed.health).executeTakeFirstOrThrow();
      const [stored] = await findDataValues(db, { regionCodes: [ZIBO], indicatorCodes: [MMR] });
      expect(stored?.formId).toBe(health.id);
    });

    it('lets only operators enter values as approved, and a reporter not as submitted for another region', async () => {
      const db = getDb();
      const err = await rejection(writeDataValues(db, a.zhangdianReporter, [mmr(ZHANGDIAN, 2023, 9)], { origin: 'csv', status: 'approved' }));
      expect(err.issues.map((i) => i.code)).toEqual(['status_denied']);
      const imported = await writeDataValues(db, a.stats, [mmr(BOSHAN, 2023, 7, { numerator: 1, denominator: 14_285.7 })], { origin: 'cli', status: 'approved' });
      expect(imported.inserted).toBe(1);
      const [v] = await findDataValues(db, { regionCodes: [BOSHAN], years: [2023], indicatorCodes: [MMR] });
      expect(v?.status).toBe('approved');
    });
  });

  describe('optimistic locking', () => {
    it('gives the second writer of a cell a conflict naming the cell and who changed it, and keeps the first’s value', async () => {
      const db = getDb();
      const cell = { indicatorCode: MMR, regionCode: ZHANGDIAN, year: 2024, sex: null, ageGroup: null, area: '农村' as const };
      await writeDataValues(db, a.zhangdianReporter, [{ ...cell, value: 20, numerator: 1, denominator: 5000, expectedVersion: 0 }], { origin: 'form', status: 'draft' });
      // Both opened the grid at version 1; the first saves 21, then the second saves 22 from version 1.
      await writeDataValues(db, a.zhangdianReporter, [{ ...cell, value: 21, numerator: 1, denominator: 4762, expectedVersion: 1 }], { origin: 'form', status: 'draft' });
      const err = await writeDataValues(db, a.zhangdianReporter2, [{ ...cell, value: 22, numerator: 1, denominator: 4545, expectedVersion: 1 }], { origin: 'form', status: 'draft' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataValueConflictError);
      const conflict = err as DataValueConflictError;
      expect(conflict.conflicts).toEqual([{ indicatorCode: MMR, regionCode: ZHANGDIAN, year: 2024, cellKey: 'area=农村', expectedVersion: 1, actualVersion: 2 }]);
      expect(conflict.message).toMatch(/^保存冲突：“孕产妇死亡率”（张店区，2024年，农村）已被张店区填报员于\d{4}-\d{2}-\d{2} \d{2}:\d{2}修改为21\/10万（第2版，您修改的是第1版），您填写的是22\/10万/);
      expect(conflict.message).toContain('您的填写未被保存，也没有丢失');
      const [stored] = await findDataValues(db, { regionCodes: [ZHANGDIAN], indicatorCodes: [MMR], years: [2024] }).then((vs) => vs.filter((v) => v.disaggregation.area === '农村'));
      expect(stored).toMatchObject({ value: 21, version: 2 });

      // Typing the very value already stored is no conflict: nothing would be lost.
      const same = await writeDataValues(db, a.zhangdianReporter2, [{ ...cell, value: 21, numerator: 1, denominator: 4762, expectedVersion: 1 }], { origin: 'form', status: 'draft' });
      expect(same.unchanged).toBe(1);
    });

    it('rolls the whole batch back when one value conflicts', async () => {
      const db = getDb();
      const before = await findDataValues(db, { regionCodes: [ZHANGDIAN], years: [2024] });
      await expect(
        writeDataValues(db, a.zhangdianReporter, [
          mmr(ZHANGDIAN, 2024, 1, { area: '城镇', numerator: 1, denominator: 100_000, expectedVersion: 1 }),
          mmr(ZHANGDIAN, 2024, 9.9, { expectedVersion: 1 }),
        ], { origin: 'form', status: 'draft' }),
      ).rejects.toBeInstanceOf(DataValueConflictError);
      expect(await findDataValues(db, { regionCodes: [ZHANGDIAN], years: [2024] })).toEqual(before);
    });
  });

  describe('locked values and back-filling', () => {
    it('locks approved values: a reporter cannot change one, an operator only with a reason, which is logged', async () => {
      const db = getDb();
      const approved = mmr(BOSHAN, 2023, 7.5, { numerator: 1, denominator: 13_333.3 });
      expect((await rejection(writeDataValues(db, a.boshanReporter, [approved], { origin: 'form', status: 'draft' }))).issues[0]).toMatchObject({
        code: 'locked', message: '该数据已审核通过并锁定：如需修改，请联系统计局或管理员解锁并说明原因',
      });
      expect((await rejection(writeDataValues(db, a.stats, [approved], { origin: 'cli', status: 'approved' }))).issues[0]?.message).toBe(
        '该数据已审核通过并锁定：修改须填写解锁原因',
      );
      const fixed = await writeDataValues(db, a.stats, [approved], { origin: 'cli', status: 'approved', reason: '卫健委更正死亡例数' });
      expect(fixed.updated).toBe(1);
      const audit = await findAudit(db, { entity: 'data_value', entityKey: `${MMR}|${BOSHAN}|2023|_T` });
      expect(audit.at(-1)).toMatchObject({ action: 'value.update', reason: '卫健委更正死亡例数', origin: 'cli' });
      // Re-importing the same approved value changes nothing and needs no reason.
      expect((await writeDataValues(db, a.stats, [approved], { origin: 'csv', status: 'submitted' })).unchanged).toBe(1);
    });

    it('attaches values of a year without a round to the open round’s form, flagged back-filled', async () => {
      const db = getDb();
      await writeDataValues(db, a.zhangdianReporter, [mmr(ZHANGDIAN, 2019, 12.1, { numerator: 1, denominator: 8264 })], { origin: 'form', status: 'draft' });
      const [v] = await findDataValues(db, { regionCodes: [ZHANGDIAN], years: [2019] });
      const form = await db.selectFrom('forms').select('id').where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow();
      expect(v).toMatchObject({ backfilled: true, formId: form.id, status: 'draft' });
    });

    it('warns about a change from last year beyond the usual range without blocking the draft', async () => {
      const db = getDb();
      // 2019: 12.1/10万 → 2020: 30/10万 is +148%, beyond the default 20%.
      const result = await writeDataValues(db, a.zhangdianReporter, [mmr(ZHANGDIAN, 2020, 30, { numerator: 3, denominator: 10_000 })], { origin: 'form', status: 'draft' });
      expect(result.inserted).toBe(1);
      expect(result.warnings.find((w) => w.code === 'yoy_unexplained')?.message).toBe('比上年（12.1/10万）上升147.9%，超过通常变动幅度20%，请在备注中说明原因');
    });
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const db = getDb();
    await expect(sql`update audit_log set reason = 'x'`.execute(db)).rejects.toThrow(/审计日志只能追加/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/审计日志只能追加/);
    expect((await findAudit(db, {})).length).toBeGreaterThan(5);
  });
});
