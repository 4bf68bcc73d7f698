import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { listRegions } from '../../storage/repositories/region.repository.ts';
import { getTask } from '../responsibility/task.service.ts';
import { rejects, actor, actorsFor, seedGoalsOf, seedResponsibility, ZHANGDIAN, ZIBO } from '../responsibility/responsibility.test-support.ts';
import type { ResponsibilitySeed } from '../responsibility/responsibility.test-support.ts';
import type { UnitReportDetail } from './unit-report.contract.ts';
import { listSelfAssessments } from './unit-report-evaluation.ts';
import { getPublishedUnitReport, listPublishedUnitReports } from './unit-report-public.service.ts';
import { openRound, roundOverview } from './unit-report-round.service.ts';
import {
  addAttachment,
  approveUnitReport,
  attachmentFile,
  commentUnitReport,
  correctUnitReport,
  getUnitReport,
  listUnitReports,
  MAX_ATTACHMENT_BYTES,
  publishUnitReport,
  returnUnitReport,
  saveUnitReport,
  submitUnitReport,
} from './unit-report.service.ts';

const at = (date: string) => ({ now: new Date(`${date}T04:00:00Z`) });

const keys = (refs: { plan: string; domain: number; goal: number }[]) => refs.map((r) => `${r.plan}/${r.domain}/${r.goal}`).sort();

forEachDialect('unit reports: rounds, flow, publication, self-assessments', (getDb) => {
  let seed: ResponsibilitySeed;
  let actors: ReturnType<typeof actorsFor>;
  let water: ReturnType<typeof actor>;
  let waterReport: UnitReportDetail;
  let countyCount: number;

  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    actors = actorsFor(seed);
    water = actor('水利局填报员', ['reporter'], seed.id('市水利局'), ZIBO);
    countyCount = (await listRegions(getDb(), { parentCode: ZIBO, level: 'county', at: '2025-01-10' })).length;
  });

  describe('opening a round', () => {
    it('creates one report per charged department and county, pre-filled with its goals, with deadline tasks', async () => {
      const db = getDb();
      await rejects(openRound(db, actors.health, { year: 2024, kind: 'annual', dueDate: '2025-03-31' }, at('2025-01-10')), 403, '仅妇儿工委办公室');
      await rejects(openRound(db, actors.office, { year: 2024, kind: 'annual', dueDate: '2025-02-30' }, at('2025-01-10')), 400, '截止日期');
      const overview = await openRound(db, actors.office, { year: 2024, kind: 'annual', dueDate: '2025-03-31' }, at('2025-01-10'));
      expect(overview.round).toMatchObject({ year: 2024, kind: 'annual', dueDate: '2025-03-31', kindLabel: '年度落实情况和下一年工作安排' });
      // 44 departments the seed's goals name, plus the counties.
      expect(overview.counts.total).toBe(44 + countyCount);
      expect(overview.counts).toMatchObject({ submitted: 0, notSubmitted: 44 + countyCount, overdue: 0 });
      expect(countyCount).toBeGreaterThanOrEqual(8);

      const row = overview.units.find((u) => u.unitName === '市水利局');
      expect(row).toMatchObject({ status: 'draft', lateness: 'pending', unitKind: 'department', unitCode: String(seed.id('市水利局')) });
      waterReport = await getUnitReport(db, water, row?.id as number, at('2025-01-10'));
      const expected = seedGoalsOf('市水利局');
      expect(keys(waterReport.items.map((i) => ({ plan: i.plan, domain: i.domain, goal: i.goal })))).toEqual(keys([...expected.lead, ...expected.responsible]));
      expect(waterReport.items.every((i) => i.progress === null && i.goalText !== '')).toBe(true);
      expect(waterReport.title).toBe('市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排');

      const health = await getUnitReport(db, actors.health, (overview.units.find((u) => u.unitName === '市卫生健康委')?.id as number));
      const healthGoals = seedGoalsOf('市卫生健康委');
      expect(health.items.filter((i) => i.role === 'lead').length).toBe(healthGoals.lead.length);

      const zhangdian = overview.units.find((u) => u.regionCode === ZHANGDIAN);
      expect(zhangdian).toMatchObject({ unitKind: 'county', unitName: '张店区', unitCode: ZHANGDIAN });
      // A county reports on every goal of the city plans (it has filed no plan marking goals not applicable).
      const all = (await db.selectFrom('goals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      expect(zhangdian?.itemCount).toBe(Number(all));

      const task = await getTask(db, water, waterReport.taskId as number, at('2025-01-10'));
      expect(task).toMatchObject({ kind: 'annual_report', dueDate: '2025-03-31', status: 'open', year: 2024, owner: { departmentId: seed.id('市水利局') } });
      await rejects(openRound(db, actors.office, { year: 2024, kind: 'annual', dueDate: '2025-04-30' }), 409, '已发起');
    });
  });

  describe('access', () => {
    it('lets a unit read and write only its own report', async () => {
      const db = getDb();
      await rejects(getUnitReport(db, actors.education, waterReport.id), 403, '不属于您的部门');
      await rejects(saveUnitReport(db, actors.education, waterReport.id, { overview: 'x' }), 403, '只有市水利局');
      await rejects(saveUnitReport(db, actors.zhangdian, waterReport.id, { overview: 'x' }), 403, '只有市水利局');
      await rejects(saveUnitReport(db, actors.office, waterReport.id, { overview: 'x' }), 403, '只有市水利局');
      await rejects(saveUnitReport(db, actors.viewer, waterReport.id, { overview: 'x' }), 403, '只有市水利局');
      const own = await listUnitReports(db, water, { year: 2024 });
      expect(own.map((r) => r.unitName)).toEqual(['市水利局']);
      const county = await listUnitReports(db, actors.zhangdian, { year: 2024 });
      expect(county.map((r) => r.unitName)).toEqual(['张店区']);
      await rejects(saveUnitReport(db, actors.boshan, county[0]?.id as number, { overview: 'x' }), 403, '只有张店区');
      const saved = await saveUnitReport(db, actors.zhangdian, county[0]?.id as number, { overview: '张店区2024年规划实施情况总体良好。' });
      expect(saved.overview).toBe('张店区2024年规划实施情况总体良好。');
      expect((await listUnitReports(db, actors.viewer, { year: 2024 })).length).toBe(44 + countyCount);
      expect((await roundOverview(db, water, { year: 2024, kind: 'annual' })).units.map((u) => u.unitName)).toEqual(['市水利局']);
    });
  });

  describe('the flow', () => {
    it('goes draft → submitted → returned → resubmitted → approved → published, with tasks, comments and audit', async () => {
      const db = getDb();
      const id = waterReport.id;
      await rejects(submitUnitReport(db, water, id, at('2025-03-01')), 400, /总体情况.*进展评估/);
      const [first, second] = waterReport.items;
      let report = await saveUnitReport(
        db,
        water,
        id,
        {
          overview: '2024年，市水利局持续推进农村供水保障工程。',
          problems: '部分山区供水设施老化。',
          nextPlan: '2025年完成农村供水提升改造。',
          items: [
            { id: first?.id as number, progress: 'achieved', done: '农村自来水普及率稳定在98%以上。' },
            ...(second ? [{ id: second.id, progress: 'in_progress' as const, done: '推进饮水安全。', problems: '资金不足', nextPlan: '争取专项资金' }] : []),
          ],
        },
        at('2025-03-01'),
      );
      expect(report.items[0]).toMatchObject({ progress: 'achieved', progressLabel: '已实现', done: '农村自来水普及率稳定在98%以上。' });
      // The audit keeps who changed what, before and after.
      const save = report.history.find((h) => h.action === 'unit_report.save');
      expect(save).toMatchObject({ userName: '水利局填报员', actionLabel: '保存草稿', before: { overview: '' }, after: { overview: '2024年，市水利局持续推进农村供水保障工程。' } });
      expect(JSON.stringify(save?.after)).toContain('achieved');

      report = await submitUnitReport(db, water, id, at('2025-03-01'));
      expect(report).toMatchObject({ status: 'submitted', statusLabel: '已提交', lateness: 'on_time', can: { edit: false } });
      expect((await getTask(db, water, report.taskId as number)).status).toBe('done');
      await rejects(saveUnitReport(db, water, id, { overview: '改' }), 409, '联系妇儿工委办公室退回');

      await rejects(returnUnitReport(db, water, id, '请补充'), 403, '仅妇儿工委办公室');
      await rejects(returnUnitReport(db, actors.office, id, '  '), 400, '退回须填写意见');
      await rejects(approveUnitReport(db, actors.stats, id), 403, '仅妇儿工委办公室');
      report = await commentUnitReport(db, actors.viewer, id, '协调组：请补充资金投入数据。', at('2025-03-02'));
      report = await returnUnitReport(db, actors.office, id, '请补充农村供水工程的具体数量。', at('2025-03-03'));
      expect(report.status).toBe('returned');
      expect(report.comments.map((c) => [c.stage, c.text])).toEqual([
        ['comment', '协调组：请补充资金投入数据。'],
        ['returned', '请补充农村供水工程的具体数量。'],
      ]);
      // The unit sees the comment and owes the report again.
      const seen = await getUnitReport(db, water, id);
      expect(seen.comments.at(-1)?.text).toBe('请补充农村供水工程的具体数量。');
      expect(seen.can).toMatchObject({ edit: true, submit: true, approve: false });
      expect((await getTask(db, water, report.taskId as number)).status).toBe('open');

      await saveUnitReport(db, water, id, { overview: '2024年，市水利局完成农村供水工程12处。' }, at('2025-04-05'));
      report = await submitUnitReport(db, water, id, at('2025-04-05'));
      // Resubmitted after the deadline: lateness is measured on the first submission.
      expect(report).toMatchObject({ status: 'resubmitted', statusLabel: '已重新提交', lateness: 'on_time' });
      expect(report.submittedAt?.slice(0, 10)).toBe('2025-03-01');
      expect(report.lastSubmittedAt?.slice(0, 10)).toBe('2025-04-05');
      await rejects(publishUnitReport(db, actors.office, id), 409, '不能发布');
      report = await approveUnitReport(db, actors.office, id, at('2025-04-06'));
      expect(report.status).toBe('approved');
      report = await publishUnitReport(db, actors.office, id, at('2025-04-07'));
      expect(report).toMatchObject({ status: 'published', can: { correct: true, edit: false } });
      expect(report.history.map((h) => h.action)).toEqual([
        'unit_report.create',
        'unit_report.save',
        'unit_report.submit',
        'unit_report.comment',
        'unit_report.return',
        'unit_report.save',
        'unit_report.resubmit',
        'unit_report.approve',
        'unit_report.publish',
      ]);
    });

    it('keeps a published report immutable, in the service and in the database', async () => {
      const db = getDb();
      const id = waterReport.id;
      await rejects(saveUnitReport(db, water, id, { overview: '改' }), 409, '更正请创建新版本');
      await expect(db.updateTable('unit_reports').set({ overview: '改' }).where('id', '=', id).execute()).rejects.toThrow(/已发布的报告不可修改/);
      await expect(db.updateTable('unit_report_items').set({ done: '改' }).where('report_id', '=', id).execute()).rejects.toThrow(/已发布的报告不可修改/);
      await expect(db.deleteFrom('unit_reports').where('id', '=', id).execute()).rejects.toThrow(/已发布的报告不可修改/);
      await expect(sql`update audit_log set user_name = 'x' where entity = 'unit_report'`.execute(db)).rejects.toThrow();
    });

    it('publishes for the public and corrects by a new version with a note', async () => {
      const db = getDb();
      const id = waterReport.id;
      const published = await listPublishedUnitReports(db);
      expect(published.map((p) => [p.id, p.unitName, p.superseded])).toEqual([[id, '市水利局', false]]);
      const pub = await getPublishedUnitReport(db, id);
      expect(pub.overview).toBe('2024年，市水利局完成农村供水工程12处。');
      expect(pub.comments).toEqual([]);
      expect(pub.history).toEqual([]);
      // An unpublished report does not exist for the public.
      const draft = (await listUnitReports(db, actors.office, { year: 2024 })).find((r) => r.status === 'draft');
      await rejects(getPublishedUnitReport(db, draft?.id as number), 404, '不存在');

      await rejects(correctUnitReport(db, actors.education, id, '数据有误'), 403, '无权更正');
      await rejects(correctUnitReport(db, water, id, ''), 400, '更正须说明原因');
      const v2 = await correctUnitReport(db, water, id, '更正农村供水工程数量', at('2025-05-01'));
      expect(v2).toMatchObject({ version: 2, status: 'draft', correctionNote: '更正农村供水工程数量', overview: '2024年，市水利局完成农村供水工程12处。' });
      expect(v2.items.map((i) => i.progress)).toEqual(waterReport.items.map((_, i) => (i === 0 ? 'achieved' : 'in_progress')));
      expect(v2.versions.map((v) => [v.version, v.status])).toEqual([
        [2, 'draft'],
        [1, 'published'],
      ]);
      await rejects(correctUnitReport(db, water, id, '再次更正'), 409, '第2版');
      await saveUnitReport(db, water, v2.id, { overview: '2024年，市水利局完成农村供水工程15处。' });
      await submitUnitReport(db, water, v2.id);
      await approveUnitReport(db, actors.office, v2.id);
      await publishUnitReport(db, actors.office, v2.id);
      const list = await listPublishedUnitReports(db);
      expect(list.map((p) => [p.version, p.superseded])).toEqual([
        [2, false],
        [1, true],
      ]);
      expect((await getPublishedUnitReport(db, v2.id)).versions.map((v) => v.version)).toEqual([2, 1]);
    });
  });

  describe('attachments', () => {
    it('stores files with a size limit and serves them to the public once published', async () => {
      const db = getDb();
      const county = (await listUnitReports(db, actors.zhangdian, { year: 2024 }))[0]!;
      await rejects(addAttachment(db, actors.zhangdian, county.id, { fileName: 'big.pdf', data: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64') }), 400, '过大');
      await rejects(addAttachment(db, actors.zhangdian, county.id, { fileName: 'x.pdf', data: '***' }), 400, 'base64');
      await rejects(addAttachment(db, actors.boshan, county.id, { fileName: 'x.pdf', data: 'aGVsbG8=' }), 403, '只有张店区');
      const file = await addAttachment(db, actors.zhangdian, county.id, { fileName: '张店区工作总结.txt', mime: 'text/plain', data: Buffer.from('张店区总结').toString('base64') });
      expect(file).toMatchObject({ fileName: '张店区工作总结.txt', size: Buffer.byteLength('张店区总结') });
      expect((await attachmentFile(db, actors.office, county.id, file.id)).bytes.toString()).toBe('张店区总结');
      await rejects(attachmentFile(db, actors.boshan, county.id, file.id), 403, '无权');
      await rejects(attachmentFile(db, null, county.id, file.id), 404, '不存在');
    });
  });

  describe('deadlines and lateness', () => {
    it('shows the office who is overdue, late or on time', async () => {
      const db = getDb();
      const zhangdian = (await listUnitReports(db, actors.zhangdian, { year: 2024 }))[0]!;
      const detail = await getUnitReport(db, actors.zhangdian, zhangdian.id);
      await saveUnitReport(db, actors.zhangdian, zhangdian.id, { items: detail.items.map((i) => ({ id: i.id, progress: 'in_progress' as const })) });
      await submitUnitReport(db, actors.zhangdian, zhangdian.id, at('2025-04-02'));
      const overview = await roundOverview(db, actors.office, { year: 2024, kind: 'annual' }, at('2025-04-10'));
      const by = (name: string) => overview.units.find((u) => u.unitName === name);
      expect(by('张店区')).toMatchObject({ lateness: 'late', latenessLabel: '逾期报送', status: 'submitted' });
      expect(by('市水利局')).toMatchObject({ lateness: 'on_time', status: 'published', version: 2 });
      expect(by('博山区')).toMatchObject({ lateness: 'overdue', latenessLabel: '已逾期未报送', submittedAt: null });
      expect(overview.counts).toMatchObject({ submitted: 2, late: 1, overdue: 44 + countyCount - 2, published: 1 });
      const before = await roundOverview(db, actors.office, { year: 2024, kind: 'annual' }, at('2025-03-20'));
      expect(before.units.find((u) => u.unitName === '博山区')?.lateness).toBe('pending');
    });
  });

  describe('self-assessments for the evaluation report', () => {
    it('lists every unit’s latest report and goal items, or the approved ones only', async () => {
      const db = getDb();
      const all = await listSelfAssessments(db, { year: 2024, kind: 'annual' });
      expect(all.reports.length).toBe(44 + countyCount);
      const water = all.assessments.filter((a) => a.unitName === '市水利局');
      expect(water[0]).toMatchObject({ unitKind: 'department', unitCode: String(seed.id('市水利局')), status: 'published', progress: 'achieved', done: '农村自来水普及率稳定在98%以上。' });
      expect(water.every((a) => a.goalId > 0 && (a.role === 'lead' || a.role === 'responsible'))).toBe(true);
      const approved = await listSelfAssessments(db, { year: 2024, kind: 'annual', approvedOnly: true });
      expect(approved.reports.map((r) => [r.unitName, r.overview])).toEqual([['市水利局', '2024年，市水利局完成农村供水工程15处。']]);
      expect(await listSelfAssessments(db, { year: 2023, kind: 'midterm' })).toEqual({ reports: [], assessments: [] });
    });

    it('opens a mid-term self-evaluation round with its own tasks', async () => {
      const db = getDb();
      const overview = await openRound(db, actors.office, { year: 2023, kind: 'midterm', dueDate: '2023-12-31', includeCounties: false }, at('2023-10-01'));
      expect(overview.counts.total).toBe(44);
      const report = await getUnitReport(db, actors.health, overview.units.find((u) => u.unitName === '市卫生健康委')?.id as number);
      expect(report.title).toBe('市卫生健康委妇女儿童发展规划中期自评报告（2023年）');
      expect((await getTask(db, actors.health, report.taskId as number)).kind).toBe('other');
    });
  });
});
