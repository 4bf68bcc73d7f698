import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { readCatalogueFile } from '../catalogue-import.service.ts';
import { insertValues, fixtureValues, seedEvaluation } from '../evaluation/evaluation.test-support.ts';
import { generateWarnings } from '../evaluation/warning-generate.service.ts';
import { addCountermeasure, addSteps, closeWarning, completeStep } from '../evaluation/warning.service.ts';
import { writeDataValues } from '../monitoring/data-value.service.ts';
import { completeValues } from '../monitoring/monitoring.test-support.ts';
import { approveForm, returnForm, submitForm, unlockForm } from '../monitoring/review.service.ts';
import { openRound } from '../monitoring/round.service.ts';
import { actor, actorsFor, BOSHAN, seedResponsibility, ZHANGDIAN } from './responsibility.test-support.ts';
import type { ResponsibilitySeed } from './responsibility.test-support.ts';
import { listTasks } from './task.service.ts';

/**
 * Tasks follow the other modules without a manual sync: opening a round gives each form its reporting task,
 * submitting closes it and returning reopens it; generating warnings gives each open warning its rectification
 * task, which follows the rectification steps and is done when the warning is closed (销号).
 */
forEachDialect('tasks kept in step automatically', (getDb) => {
  let seed: ResponsibilitySeed;
  let actors: ReturnType<typeof actorsFor>;
  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    actors = actorsFor(seed);
  });

  it('opening a round creates one open data-reporting task per form; submit closes it, return reopens it', async () => {
    const db = getDb();
    const round = await openRound(db, actors.stats, { year: 2024, dueDate: '2025-03-31' });
    const tasks = await listTasks(db, actors.office, { kind: ['data_round'], source: { type: 'round', id: round.id } });
    expect(round.forms.total).toBeGreaterThan(10);
    expect(tasks).toHaveLength(round.forms.total);
    expect(tasks.every((t) => t.status === 'open' && t.dueDate === '2025-03-31' && t.year === 2024)).toBe(true);
    const forms = await db.selectFrom('forms').select(['department_id', 'region_code', 'kind']).where('round_id', '=', round.id).execute();
    const owners = (rows: { departmentId: number | null; regionCode: string | null }[]) => rows.map((o) => `${o.departmentId ?? ''}|${o.departmentId === null ? o.regionCode : ''}`).sort();
    expect(owners(tasks.map((t) => t.owner))).toEqual(owners(forms.map((f) => ({ departmentId: f.department_id, regionCode: f.region_code }))));

    const reporter = actor('张店区填报员', ['reporter'], null, ZHANGDIAN);
    const form = await db.selectFrom('forms').selectAll().where('round_id', '=', round.id).where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow();
    await writeDataValues(db, reporter, completeValues(readCatalogueFile(), ZHANGDIAN, 2024), { origin: 'form', status: 'draft' });
    const zhangdianTask = async () => (await listTasks(db, reporter, { kind: ['data_round'] })).find((t) => t.source?.id === round.id);
    expect((await zhangdianTask())?.status).toBe('open');
    await submitForm(db, reporter, form.id);
    expect(await zhangdianTask()).toMatchObject({ status: 'done', outcomeNote: '报表已提交' });
    await returnForm(db, actors.office, form.id, { comment: '请核实' });
    expect((await zhangdianTask())?.status).toBe('open');
    // The other forms' tasks are untouched.
    const others = await listTasks(db, actors.office, { kind: ['data_round'], status: ['done'] });
    expect(others).toEqual([]);
  });

  it('approval keeps the task done; unlocking the approved values reopens it', async () => {
    const db = getDb();
    const round = await openRound(db, actors.stats, { year: 2023, dueDate: '2024-03-31' });
    const reporter = actor('博山区填报员', ['reporter'], null, BOSHAN);
    const form = await db.selectFrom('forms').selectAll().where('round_id', '=', round.id).where('region_code', '=', BOSHAN).executeTakeFirstOrThrow();
    await writeDataValues(db, reporter, completeValues(readCatalogueFile(), BOSHAN, 2023), { origin: 'form', status: 'draft' });
    const boshanTask = async () => (await listTasks(db, reporter, { kind: ['data_round'] })).find((t) => t.source?.id === round.id);
    await submitForm(db, reporter, form.id);
    await approveForm(db, actors.stats, form.id);
    expect(await boshanTask()).toMatchObject({ status: 'done', outcomeNote: '报表已提交' });
    const unlocked = await unlockForm(db, actors.stats, form.id, { reason: '发现口径错误，需更正' });
    expect(unlocked.forms.map((f) => f.id)).toEqual([form.id]);
    expect((await boshanTask())?.status).toBe('open');
    expect((await listTasks(db, actors.office, { kind: ['data_round'], source: { type: 'round', id: round.id }, status: ['done'] }))).toEqual([]);
  });
});

forEachDialect('rectification tasks from warnings, automatically', (getDb) => {
  it('generating warnings creates a task per open warning; steps set its due date; 销号 completes it', async () => {
    const db = getDb();
    const { departments } = await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    const stats = actor('统计局', ['stats'], null, '370300');
    const office = actor('办公室', ['admin'], null, '370300');
    const result = await generateWarnings(db, stats, { year: 2023 });
    const open = result.warnings.filter((w) => w.open);
    expect(open.length).toBeGreaterThan(0);
    const tasks = await listTasks(db, office, { kind: ['rectification'] });
    expect(tasks.map((t) => t.source?.id).sort()).toEqual(open.map((w) => w.id).sort());

    const warning = open.find((w) => w.department !== null && w.department !== undefined);
    expect(warning).toBeDefined();
    const w = warning as (typeof open)[number];
    const departmentId = departments.get(w.department?.name as string) as number;
    const owner = actor('责任单位填报员', ['reporter'], departmentId, w.regionCode);
    const taskOf = async () => (await listTasks(db, office, { kind: ['rectification'] })).find((t) => t.source?.id === w.id);
    await addCountermeasure(db, owner, w.id, { text: '加强督导' });
    await addSteps(db, owner, w.id, { steps: [ { description: '第一步', dueDate: '2030-06-30', owner: '科室' }, { description: '第二步', dueDate: '2030-09-30', owner: '科室' } ] });
    expect(await taskOf()).toMatchObject({ status: 'open', dueDate: '2030-06-30' });
    const detail = await completeStep(db, owner, w.id, (await db.selectFrom('rectification_steps').select('id').where('warning_id', '=', w.id).where('ord', '=', 1).executeTakeFirstOrThrow()).id, { note: '已完成' });
    expect(detail).toBeDefined();
    expect((await taskOf())?.dueDate).toBe('2030-09-30');
    const second = await db.selectFrom('rectification_steps').select('id').where('warning_id', '=', w.id).where('ord', '=', 2).executeTakeFirstOrThrow();
    await completeStep(db, owner, w.id, second.id, { note: '已完成' });
    await closeWarning(db, office, w.id, { note: '整改到位' });
    expect(await taskOf()).toMatchObject({ status: 'done', outcomeNote: '预警已销号' });
  });
});
