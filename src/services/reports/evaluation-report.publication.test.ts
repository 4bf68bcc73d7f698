import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import type { EvaluationReport } from '../../core/reports/evaluation-report.types.ts';
import type { Database } from '../../storage/schema.ts';
import type { Kysely } from 'kysely';
import { ZIBO } from '../evaluation/evaluation.test-support.ts';
import {
  approveReport,
  createReport,
  getPublishedReport,
  publishReport,
  publishedReportFile,
  regenerateReport,
  reportFile,
  submitReport,
  updateReportSections,
} from './report-publication.service.ts';
import { docxParagraphs, readDocx, seedReportYear } from './report.test-support.ts';

const office: Actor = { userId: 0, username: 'office', displayName: '妇儿工委办公室', roles: ['admin'], regionCode: ZIBO, departmentId: null };

/** A mid-term self-evaluation round with 市卫生健康委's approved report and 市医保局's draft, as the unit-reports module stores them. */
async function seedSelfEvaluations(db: Kysely<Database>): Promise<void> {
  const now = '2023-11-20T02:00:00.000Z';
  const round = await db
    .insertInto('unit_report_rounds')
    .values({ year: 2023, kind: 'midterm', title: '2023年中期自评', due_date: '2023-11-30', note: '', created_by: null, created_by_name: '妇儿工委办公室', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const departments = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, d.id] as const));
  const report = async (name: string, status: 'approved' | 'draft', progress: 'mostly_achieved' | 'lagging') => {
    const id = departments.get(name)!;
    const row = await db
      .insertInto('unit_reports')
      .values({
        round_id: round.id,
        unit_key: `department:${id}`,
        version: 1,
        unit_kind: 'department',
        department_id: id,
        region_code: null,
        unit_name: name,
        title: `${name}中期自评报告`,
        status,
        overview: '概述',
        problems: '',
        next_plan: '',
        correction_note: null,
        task_id: null,
        created_at: now,
        updated_at: now,
        submitted_at: status === 'approved' ? now : null,
        last_submitted_at: null,
        submitted_by_name: null,
        approved_at: status === 'approved' ? now : null,
        approved_by_name: status === 'approved' ? '妇儿工委办公室' : null,
        published_at: null,
        published_by_name: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('unit_report_items')
      .values({ report_id: row.id, ord: 1, plan_kind: 'women', domain_ord: 1, goal_ord: 1, goal_text: '妇女全生命周期享有良好的卫生健康服务', role: 'lead', progress, done: `${name}的工作`, problems: '', next_plan: '' })
      .execute();
  };
  await report('市卫生健康委', 'approved', 'mostly_achieved');
  await report('市医保局', 'draft', 'lagging');
}

forEachDialect('evaluation reports through review and publication', (getDb) => {
  beforeAll(async () => {
    await seedReportYear(getDb());
    await seedSelfEvaluations(getDb());
  });

  it('generates the mid-term report as a draft with the approved self-evaluations, writes the office’s sections into the .docx, and publishes it', async () => {
    const db = getDb();
    const draft = await createReport(db, office, { kind: 'midterm', year: 2023, plan: 'women' });
    expect(draft).toMatchObject({ kind: 'midterm', kindLabel: '中期评估报告', status: 'draft', version: 1, title: '淄博市“十四五”妇女发展规划中期评估报告', seriesKey: 'midterm:2023:women:370300' });
    const content = draft.content as EvaluationReport;
    expect(content.kind).toBe('midterm');
    expect(content.appendix.map((a) => a.unitName)).toEqual(['市卫生健康委']);
    expect(content.chapters[0]!.directionGoals[0]!.assessmentText).toBe('市卫生健康委：基本实现');
    const before = docxParagraphs((await readDocx((await reportFile(db, office, draft.id)).bytes)).parts.get('word/document.xml')!);
    expect(before[before.indexOf('三、存在的主要问题') + 1]).toBe('（待撰写）');

    await updateReportSections(db, office, draft.id, { problems: '孕产妇死亡率下降偏慢。', recommendations: '加强高危孕产妇管理。\n推进分性别统计。' });
    const after = docxParagraphs((await readDocx((await reportFile(db, office, draft.id)).bytes)).parts.get('word/document.xml')!);
    expect(after[after.indexOf('三、存在的主要问题') + 1]).toBe('孕产妇死亡率下降偏慢。');
    const r = after.indexOf('四、对策建议');
    expect(after.slice(r + 1, r + 4)).toEqual(['加强高危孕产妇管理。', '推进分性别统计。', '五、下一阶段工作重点']);

    // A regeneration keeps the office's sections.
    await regenerateReport(db, office, draft.id);
    const regenerated = docxParagraphs((await readDocx((await reportFile(db, office, draft.id)).bytes)).parts.get('word/document.xml')!);
    expect(regenerated[regenerated.indexOf('三、存在的主要问题') + 1]).toBe('孕产妇死亡率下降偏慢。');

    await submitReport(db, office, draft.id);
    await approveReport(db, office, draft.id);
    const published = await publishReport(db, office, draft.id);
    expect(published.status).toBe('published');
    await expect(updateReportSections(db, office, draft.id, { problems: '改' })).rejects.toThrow('已发布');
    const open = await getPublishedReport(db, draft.id);
    expect(open.sections).toEqual({ problems: '孕产妇死亡率下降偏慢。', recommendations: '加强高危孕产妇管理。\n推进分性别统计。' });
    expect((await publishedReportFile(db, draft.id)).fileName).toBe('淄博市“十四五”妇女发展规划中期评估报告.docx');

    // A correction is a new version with a note.
    await expect(createReport(db, office, { kind: 'midterm', year: 2023, plan: 'women' })).rejects.toThrow('说明更正原因');
    const v2 = await createReport(db, office, { kind: 'midterm', year: 2023, plan: 'women', correctionNote: '补充市医保局自评' });
    expect([v2.version, v2.correctionNote, v2.status]).toEqual([2, '补充市医保局自评', 'draft']);
  }, 120_000);

  it('generates the final report of 2025 for both plans', async () => {
    const final = await createReport(getDb(), office, { kind: 'final', year: 2025 });
    expect(final).toMatchObject({ kind: 'final', kindLabel: '终期评估报告', plan: 'all', title: '淄博市“十四五”妇女儿童发展规划终期评估报告' });
    const text = docxParagraphs((await readDocx((await reportFile(getDb(), office, final.id)).bytes)).parts.get('word/document.xml')!);
    expect(text).toContain('六、“十五五”时期展望');
    expect(text).toContain('三、《淄博市“十四五”儿童发展规划》各领域目标实现情况');
    // No final self-evaluation round: the appendix says so.
    expect(text).toContain('暂无审核通过的成员单位终期评估自评报告。');
  }, 120_000);
});
