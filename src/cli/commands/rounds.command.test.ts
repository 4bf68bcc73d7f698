import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/responsibility/dates.ts';
import { CLI_SYSTEM_ACTOR } from '../../services/exchange/system-actor.ts';
import { openRound } from '../../services/monitoring/round.service.ts';
import type { RoundSummary } from '../../services/monitoring/round.service.ts';
import { todayOf } from '../../services/responsibility/clock.ts';
import { listTaskRows } from '../../storage/repositories/task.repository.ts';
import { useCliSandbox } from '../cli.test-support.ts';

const { fuer, withDb } = useCliSandbox('fuer-rounds-cli-');
const day = (n: number) => addDays(todayOf(), n);
const YEAR = Number(todayOf().slice(0, 4)) - 1;

describe('fuer rounds', () => {
  it('lists the data rounds and changes a deadline for the round and for one county', async () => {
    const empty = await fuer(['rounds', 'list']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('尚无填报轮次');
    // The database is bootstrapped now; a round is opened as the statistics bureau would on the web.
    const roundId = await withDb(async (db) => (await openRound(db, CLI_SYSTEM_ACTOR, { year: YEAR, dueDate: day(10) })).id);

    const moved = await fuer(['rounds', 'deadline', '--year', String(YEAR), '--due', day(20), '--reason', '统计年鉴推迟发布']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`已调整截止日期：由${day(10)}调整为${day(20)}`);

    const one = await fuer(['rounds', 'deadline', '--year', String(YEAR), '--due', day(40), '--reason', '张店区申请延期', '--unit', '张店区', '--json']);
    expect(one.code, one.stderr).toBe(0);
    const round = JSON.parse(one.stdout) as RoundSummary;
    expect(round.dueDate).toBe(day(20));
    expect(round.extensions.map((e) => [e.unitName, e.dueDate, e.reason])).toEqual([['张店区', day(40), '张店区申请延期']]);
    const tasks = await withDb((db) => listTaskRows(db, { source: { type: 'round', id: roundId } }));
    expect(tasks.filter((t) => t.owner_region_code === '370303' && t.owner_department_id === null).map((t) => t.due_date)).toEqual([day(40)]);
    expect(new Set(tasks.filter((t) => t.owner_region_code !== '370303').map((t) => t.due_date))).toEqual(new Set([day(20)]));

    const list = await fuer(['rounds', 'list']);
    expect(list.stdout).toContain(`截止日期${day(20)}`);
    expect(list.stdout).toContain(`延期\t张店区\t${day(40)}\t张店区申请延期`);

    const past = await fuer(['rounds', 'deadline', '--year', String(YEAR), '--due', day(-2), '--reason', 'x']);
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain('已经过去');
    const missing = await fuer(['rounds', 'deadline', '--year', '2001', '--due', day(30), '--reason', 'x']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('2001年度的填报轮次不存在');
  }, 180_000);
});
