import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { makeActor } from '../monitoring/monitoring.test-support.ts';
import { openRound } from '../monitoring/round.service.ts';
import { EvaluationError } from './evaluation.errors.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation } from './evaluation.test-support.ts';
import { generateWarnings } from './warning-generate.service.ts';
import { WARNING_ENTITY } from './warning-audit.ts';
import { addCountermeasure, addSteps, closeWarning, completeStep, escalateWarning, getWarning, listWarnings } from './warning.service.ts';
import type { WarningSummary } from './warning-view.ts';

async function failure(promise: Promise<unknown>): Promise<EvaluationError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(EvaluationError);
  return err as EvaluationError;
}

forEachDialect('early warnings: generation, follow-up, access', (getDb) => {
  let a: Record<'admin' | 'stats' | 'viewer' | 'health' | 'education' | 'boshan' | 'zhangdian' | 'boshanViewer', Actor>;
  const key = (w: WarningSummary) => `${w.indicatorCode}@${w.regionCode}`;
  const byKey = (list: WarningSummary[], k: string): WarningSummary => {
    const found = list.find((w) => key(w) === k);
    if (found === undefined) throw new Error(`no warning ${k} in ${list.map(key).join(', ')}`);
    return found;
  };

  beforeAll(async () => {
    const db = getDb();
    const { departments } = await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    const health = departments.get('市卫生健康委')!;
    const education = departments.get('市教育局')!;
    a = {
      admin: makeActor('办公室', ['admin'], null, ZIBO),
      stats: makeActor('统计局', ['stats'], null, ZIBO),
      viewer: makeActor('领导', ['viewer'], null, null),
      health: makeActor('卫健委', ['reporter'], health, ZIBO),
      education: makeActor('教育局', ['reporter'], education, ZIBO),
      boshan: makeActor('博山区', ['reporter'], null, BOSHAN),
      zhangdian: makeActor('张店区', ['reviewer'], null, ZHANGDIAN),
      boshanViewer: makeActor('博山只读', ['viewer'], null, BOSHAN),
    };
  });

  it('refuses to generate while the year has unapproved forms, unless forced; and with no approved data', async () => {
    const db = getDb();
    await openRound(db, a.stats, { year: 2025, dueDate: '2026-03-31' });
    const refused = await failure(generateWarnings(db, a.admin, { year: 2025 }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/^2025年度尚有\d+张报表未审核通过（.*市卫生健康委.*），预警应在全年数据审核通过后生成；确需提前生成，请使用强制生成/);
    const forced = await failure(generateWarnings(db, a.admin, { year: 2025, force: true }));
    expect(forced.message).toBe('2025年度没有已审核通过的监测数据，无法生成预警');
    expect((await failure(generateWarnings(db, a.health, { year: 2024 }))).status).toBe(403);
  });

  it('generates one warning per struggling or volatile indicator and region, with levels and assignment', async () => {
    const db = getDb();
    const y2023 = await generateWarnings(db, a.stats, { year: 2023 });
    expect(y2023.warnings.map(key).sort()).toEqual(['W1.03@370300', `W1.17@${BOSHAN}`]);
    expect(byKey(y2023.warnings, 'W1.03@370300')).toMatchObject({ level: 'yellow', kinds: ['difficulty'], evaluationStatus: 'at_risk', recurrence: 0 });

    const y2024 = await generateWarnings(db, a.admin, { year: 2024 });
    expect(y2024).toMatchObject({ created: 4, updated: 0, unchanged: 0, total: 4, red: 2, yellow: 2 });
    const w103 = byKey(y2024.warnings, 'W1.03@370300');
    expect(w103).toMatchObject({
      level: 'red', levelLabel: '红色预警', kinds: ['difficulty'], kindLabel: '达标困难', evaluationStatus: 'off_track', status: 'issued',
      department: { name: '市卫生健康委' }, regionLevel: 'city', latestValue: 9.1, targetValue: 8.2, recurrence: 1,
      recurrenceText: '2023年已预警，连续第2年预警', previousId: byKey(y2023.warnings, 'W1.03@370300').id,
    });
    expect(w103.reason).toContain('预计难以达标');
    expect(byKey(y2024.warnings, 'W1.14@370300')).toMatchObject({ level: 'yellow', kinds: ['difficulty'], evaluationStatus: 'at_risk', recurrence: 0 });
    // Achieved, but the 2024 change is far outside its history: 波动较大 (黄).
    const c111 = byKey(y2024.warnings, 'C1.11@370300');
    expect(c111).toMatchObject({ level: 'yellow', kinds: ['volatility'], kindLabel: '波动较大', evaluationStatus: 'achieved' });
    expect(c111.reason).toContain('波动较大');
    expect(byKey(y2024.warnings, `W1.17@${BOSHAN}`)).toMatchObject({ level: 'red', regionLevel: 'county', regionName: '博山区', recurrence: 1 });
  });

  it('re-generates idempotently: updates in place, never duplicates; withdraws what no longer holds', async () => {
    const db = getDb();
    const again = await generateWarnings(db, a.admin, { year: 2024 });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, withdrawn: 0 });
    const rows = await db.selectFrom('warnings').select('id').where('year', '=', 2024).execute();
    expect(rows).toHaveLength(4);

    // The city's 2024 figure is corrected below the target and 2021–2023 are reopened (returned): achieved, and
    // with two points no jump to judge — the unanswered warning is withdrawn; restored, it is reissued.
    const w103 = db.updateTable('data_values').where('indicator_code', '=', 'W1.03').where('region_code', '=', ZIBO);
    await w103.set({ value: 8 }).where('year', '=', 2024).execute();
    await w103.set({ status: 'returned' }).where('year', 'in', [2021, 2022, 2023]).execute();
    const corrected = await generateWarnings(db, a.admin, { year: 2024 });
    expect(corrected).toMatchObject({ created: 0, withdrawn: 1, total: 3 });
    const withdrawn = (await listWarnings(db, a.admin, { year: 2024, indicatorCode: 'W1.03' }))[0]!;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', open: false, flagged: false });
    await w103.set({ value: 9.1 }).where('year', '=', 2024).execute();
    await w103.set({ status: 'approved' }).where('year', 'in', [2021, 2022, 2023]).execute();
    expect(await generateWarnings(db, a.admin, { year: 2024 })).toMatchObject({ created: 0, reissued: 1, total: 4 });
    const detail = await getWarning(db, a.admin, withdrawn.id);
    expect(detail.status).toBe('issued');
    expect(detail.history.map((h) => h.action)).toEqual(['warning.create', 'warning.withdraw', 'warning.reissue']);
    expect((await db.selectFrom('warnings').select('id').where('year', '=', 2024).execute())).toHaveLength(4);
  });

  it('shows each user only the warnings assigned to their department or county', async () => {
    const db = getDb();
    expect((await listWarnings(db, a.viewer, { year: 2024 })).length).toBe(4);
    expect((await listWarnings(db, a.stats, { year: 2024 })).length).toBe(4);
    expect((await listWarnings(db, a.health, { year: 2024 })).map(key).sort()).toEqual(['C1.11@370300', 'W1.03@370300', 'W1.14@370300', `W1.17@${BOSHAN}`]);
    expect(await listWarnings(db, a.education, { year: 2024 })).toEqual([]);
    expect((await listWarnings(db, a.boshan, {})).map(key)).toEqual([`W1.17@${BOSHAN}`, `W1.17@${BOSHAN}`]);
    expect(await listWarnings(db, a.zhangdian, { year: 2024 })).toEqual([]);
    expect(await listWarnings(db, a.boshan, { regionCode: ZIBO })).toEqual([]);
    const cityWarning = byKey(await listWarnings(db, a.admin, { year: 2024 }), 'W1.03@370300');
    expect((await failure(getWarning(db, a.education, cityWarning.id))).status).toBe(403);
    expect((await failure(getWarning(db, a.boshan, cityWarning.id))).status).toBe(403);
    expect((await failure(getWarning(db, a.admin, 999_999))).status).toBe(404);
  });

  it('follows a warning from countermeasures through rectification to closure, every step audited', async () => {
    const db = getDb();
    const w = byKey(await listWarnings(db, a.admin, { year: 2024 }), 'W1.03@370300');
    expect((await failure(addCountermeasure(db, a.education, w.id, { text: '不是我们的指标' }))).status).toBe(403);
    expect((await failure(addCountermeasure(db, a.viewer, w.id, { text: '只读' }))).status).toBe(403);
    expect((await failure(addCountermeasure(db, a.health, w.id, { text: '  ' }))).status).toBe(400);

    const answered = await addCountermeasure(db, a.health, w.id, { text: '加强高危孕产妇专案管理，推进危重孕产妇救治中心建设' });
    expect(answered).toMatchObject({ status: 'responded', statusLabel: '整改中' });
    expect(answered.countermeasures.map((c) => [c.text, c.author])).toEqual([['加强高危孕产妇专案管理，推进危重孕产妇救治中心建设', '卫健委']]);
    expect(answered.permissions).toEqual({ answer: true, completeStep: true, close: false, escalate: false });

    expect((await failure(addSteps(db, a.health, w.id, { steps: [{ description: '排查', dueDate: '2025-13-01', owner: '妇幼科' }] }))).message).toBe(
      '第1项整改措施的完成时限“2025-13-01”不是有效日期',
    );
    const planned = await addSteps(db, a.health, w.id, {
      steps: [
        { description: '逐例评审孕产妇死亡病例', dueDate: '2025-06-30', owner: '市卫生健康委妇幼健康科' },
        { description: '开展产科质量专项督导', dueDate: '2025-09-30', owner: '市妇幼保健院' },
      ],
    });
    expect(planned.steps.map((s) => [s.ord, s.status])).toEqual([[1, 'pending'], [2, 'pending']]);
    expect(await failure(closeWarning(db, a.admin, w.id, { note: '提前' }))).toMatchObject({ status: 409, message: '尚有2项整改措施未完成（第1、2项），不能销号' });

    const [s1, s2] = planned.steps;
    await completeStep(db, a.health, w.id, s1!.id, { note: '已完成12例评审', evidence: '淄卫妇幼〔2025〕3号' });
    expect((await failure(completeStep(db, a.health, w.id, s1!.id, { note: '再次' }))).status).toBe(409);
    const done = await completeStep(db, a.admin, w.id, s2!.id, { note: '督导覆盖全部助产机构' });
    expect(done.steps.map((s) => [s.status, s.doneBy, s.evidence])).toEqual([['done', '卫健委', '淄卫妇幼〔2025〕3号'], ['done', '办公室', null]]);

    expect((await failure(closeWarning(db, a.health, w.id, { note: '自己销号' }))).status).toBe(403);
    const closed = await closeWarning(db, a.admin, w.id, { note: '整改到位，同意销号' });
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已销号', open: false, closeNote: '整改到位，同意销号' });
    expect(closed.history.map((h) => h.action)).toEqual([
      'warning.create', 'warning.withdraw', 'warning.reissue', 'warning.countermeasure', 'warning.steps', 'warning.step_done', 'warning.step_done', 'warning.close',
    ]);
    expect(closed.history.at(-1)).toMatchObject({ user: '办公室', actionLabel: '销号', reason: '整改到位，同意销号' });
    expect((await failure(addCountermeasure(db, a.health, w.id, { text: '再补充' }))).message).toBe('该预警已销号，不能再修改');
    // A closed warning stays closed when the year is generated again.
    expect(await generateWarnings(db, a.admin, { year: 2024 })).toMatchObject({ created: 0, total: 4 });
    expect((await getWarning(db, a.admin, w.id)).status).toBe('closed');
  });

  it('lets a county answer its own warning, and only the office escalate, with a reason', async () => {
    const db = getDb();
    const boshanWarning = byKey(await listWarnings(db, a.admin, { year: 2024 }), `W1.17@${BOSHAN}`);
    expect((await failure(addCountermeasure(db, a.zhangdian, boshanWarning.id, { text: '张店' }))).status).toBe(403);
    expect((await failure(addCountermeasure(db, a.boshanViewer, boshanWarning.id, { text: '只读' }))).status).toBe(403);
    expect((await addCountermeasure(db, a.boshan, boshanWarning.id, { text: '博山区加强孕早期建档' })).status).toBe('responded');

    const c111 = byKey(await listWarnings(db, a.admin, { year: 2024 }), 'C1.11@370300');
    expect((await failure(escalateWarning(db, a.health, c111.id, { reason: '自己升级' }))).status).toBe(403);
    expect((await failure(escalateWarning(db, a.admin, c111.id, { reason: '' }))).message).toBe('升级原因不能为空');
    const escalated = await escalateWarning(db, a.admin, c111.id, { reason: '逾期未反馈，报市妇儿工委主任会议' });
    expect(escalated).toMatchObject({ status: 'escalated', statusLabel: '已升级', escalations: 1, escalationReason: '逾期未反馈，报市妇儿工委主任会议', open: true });
    expect(escalated.history.at(-1)).toMatchObject({ action: 'warning.escalate', reason: '逾期未反馈，报市妇儿工委主任会议' });
    // Still open: the department can answer after escalation.
    expect((await addCountermeasure(db, a.health, c111.id, { text: '核实2024年龋患率数据口径' })).status).toBe('escalated');

    const audit = await db.selectFrom('audit_log').select(['action', 'entity', 'origin']).where('entity', '=', WARNING_ENTITY).execute();
    expect(audit.length).toBeGreaterThan(10);
    expect(new Set(audit.map((r) => r.origin))).toEqual(new Set(['api']));
  });
});
