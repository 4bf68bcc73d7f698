import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import { sendTaskReminders } from '../../../services/responsibility/reminder.service.ts';
import type { ContactlessUnit, ReminderContactView, TaskView } from '../../../services/responsibility/responsibility.contract.ts';
import { seedResponsibility } from '../../../services/responsibility/responsibility.test-support.ts';
import type { ResponsibilitySeed } from '../../../services/responsibility/responsibility.test-support.ts';
import { listEvents } from '../../../storage/repositories/task.repository.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';

const PASSWORD = 'Reminder-contacts-2025';

forEachDialect('reminder contacts API', (getDb) => {
  let app: FastifyInstance;
  let seed: ResponsibilitySeed;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    const db = getDb();
    seed = await seedResponsibility(db);
    await createUser(db, { username: 'office', displayName: '办公室王主任', roles: ['admin'], department: null, regionCode: '370300', password: PASSWORD, mustChangePassword: false });
    await createUser(db, { username: 'health', roles: ['reporter'], department: '市卫健委', regionCode: null, password: PASSWORD, mustChangePassword: false });
    await createUser(db, { username: 'stats', roles: ['stats'], department: null, regionCode: '370300', password: PASSWORD, mustChangePassword: false });
    app = await buildApp({ db });
    for (const username of ['office', 'health', 'stats']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      sessions[username] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const session = sessions[who];
    return app.inject({ method, url: encodeURI(url), ...(payload ? { payload } : {}), headers: session ? { cookie: session.cookie, [CSRF_HEADER]: session.csrf } : {} });
  };
  const missing = async () => {
    const res = await call('office', 'GET', '/api/reminder-contacts/missing');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ContactlessUnit[]>();
  };
  const task = async (title: string, owner: object, dueDate: string) => {
    const res = await call('office', 'POST', '/api/tasks', { title, kind: 'other', owner, dueDate });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskView>();
  };

  it('only the office reads and changes the contacts; others get a Chinese 403', async () => {
    const probes: ['GET' | 'POST' | 'DELETE', string, object?][] = [
      ['GET', '/api/reminder-contacts'],
      ['GET', '/api/reminder-contacts/missing'],
      ['POST', '/api/reminder-contacts', { department: '市卫生健康委', name: '张医生', email: 'zhang@example.org' }],
      ['DELETE', '/api/reminder-contacts/1'],
    ];
    for (const who of ['health', 'stats']) {
      for (const [method, url, body] of probes) {
        const res = await call(who, method, url, body);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(res.json<{ message: string }>().message).toMatch(/仅妇儿工委办公室（管理员）/);
      }
    }
    expect((await call('office', 'GET', '/api/reminder-contacts')).json()).toEqual([]);
  });

  it('refuses a bad address, a missing name and an unknown unit with a Chinese 400 naming the field', async () => {
    const bad = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫生健康委', name: '张医生', email: 'zhang@example' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: '邮箱地址“zhang@example”无效，应如 zhangsan@example.cn', details: [{ field: 'email' }] });
    const empty = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫生健康委', name: '张医生', email: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toBe('请求参数有误：body/email 邮箱不能为空');
    const noName = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫生健康委', email: 'zhang@example.org' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json<{ message: string }>().message).toContain('联系人为必填项');
    const unknown = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫生健康局', name: '张医生', email: 'zhang@example.org' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('单位“市卫生健康局”不存在');
    const noUnit = await call('office', 'POST', '/api/reminder-contacts', { name: '张医生', email: 'zhang@example.org' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json<{ message: string }>().message).toBe('须指定责任单位（部门）或区县');
    expect((await call('office', 'GET', '/api/reminder-contacts')).json()).toEqual([]);
  });

  it('lists the units with open tasks and no contact until one is registered; a duplicate is a 409; each change is in the history', async () => {
    const db = getDb();
    // Every task is overdue, so each one is due for a reminder today (the daily overdue reminder).
    const health = await task('补报2019年妇幼卫生统计年报', { department: '市卫生健康委' }, '2020-01-31');
    await task('补报2019年出生缺陷监测数据', { department: '市卫健委' }, '2020-03-31');
    await task('报送张店区妇女儿童发展规划中期自评', { regionCode: '370303' }, '2020-02-15');
    await task('报送张店区课后服务开展情况', { department: '市教育局', regionCode: '370303' }, '2020-02-20');
    const review = await task('审核：市卫生健康委补报材料', { regionCode: '370300' }, '2020-02-10');
    expect(review.owner.label).toBe('市妇儿工委办公室');
    // A done task does not count.
    const done = await task('已报送的材料', { department: '市妇联' }, '2020-01-10');
    expect((await call('office', 'POST', `/api/tasks/${done.id}/complete`, {})).statusCode).toBe(200);

    const before = await missing();
    expect(before).toEqual([
      { unitKind: 'office', departmentId: null, regionCode: '370300', label: '市妇儿工委办公室', openTasks: 1, overdueTasks: 1, nextDue: '2020-02-10' },
      { unitKind: 'department', departmentId: seed.id('市卫生健康委'), regionCode: null, label: '市卫生健康委', openTasks: 2, overdueTasks: 2, nextDue: '2020-01-31' },
      { unitKind: 'county', departmentId: null, regionCode: '370303', label: '张店区', openTasks: 1, overdueTasks: 1, nextDue: '2020-02-15' },
      { unitKind: 'county', departmentId: seed.id('市教育局'), regionCode: '370303', label: '张店区市教育局', openTasks: 1, overdueTasks: 1, nextDue: '2020-02-20' },
    ]);
    // The list agrees with the reminder run: every task of these units is due today and finds no contact.
    const run = await sendTaskReminders(db, { mailer: null });
    expect(run.withoutContact).toBe(before.reduce((n, u) => n + u.openTasks, 0));

    const added = await call('office', 'POST', '/api/reminder-contacts', { department: '市卫健委', name: ' 张医生 ', email: ' Zhang@Example.org ' });
    expect(added.statusCode, added.body).toBe(201);
    const contact = added.json<ReminderContactView[]>().find((c) => c.email === 'Zhang@Example.org');
    expect(contact).toMatchObject({ departmentId: seed.id('市卫生健康委'), regionCode: null, owner: '市卫生健康委', unitKind: 'department', name: '张医生', addedBy: '办公室王主任', createdAt: expect.any(String) });
    expect((await missing()).map((u) => u.label)).toEqual(['市妇儿工委办公室', '张店区', '张店区市教育局']);

    // The same address for the same unit again (any case): a 409 naming the contact; nothing is added.
    const again = await call('office', 'POST', '/api/reminder-contacts', { departmentId: seed.id('市卫生健康委'), name: '张医生', email: 'zhang@example.org' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'duplicate', message: '市卫生健康委已登记提醒联系人 Zhang@Example.org（张医生），无需重复添加' });
    // The same address for another unit is fine: one person may serve several units.
    const county = await call('office', 'POST', '/api/reminder-contacts', { regionCode: '370303', name: '张店区妇儿工委联络员', email: 'zhang@example.org' });
    expect(county.statusCode, county.body).toBe(201);
    const office = await call('office', 'POST', '/api/reminder-contacts', { department: '市妇儿工委办公室', name: '办公室值班', email: 'office@example.org' });
    expect(office.statusCode, office.body).toBe(201);
    const education = await call('office', 'POST', '/api/reminder-contacts', { department: '市教育局', name: '王老师', email: 'wang@example.org' });
    expect(education.statusCode, education.body).toBe(201);
    const contacts = education.json<ReminderContactView[]>();
    expect(contacts.map((c) => [c.owner, c.unitKind, c.name])).toEqual([
      ['市卫生健康委', 'department', '张医生'],
      ['张店区', 'county', '张店区妇儿工委联络员'],
      ['市妇儿工委办公室', 'office', '办公室值班'],
      ['市教育局', 'department', '王老师'],
    ]);
    // A department's contact serves its tasks in the counties too.
    expect(await missing()).toEqual([]);

    const removed = await call('office', 'DELETE', `/api/reminder-contacts/${contact?.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await missing()).map((u) => u.label)).toEqual(['市卫生健康委']);
    const gone = await call('office', 'DELETE', `/api/reminder-contacts/${contact?.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<{ message: string }>().message).toBe(`提醒联系人 ${contact?.id} 不存在`);
    expect((await call('office', 'GET', '/api/reminder-contacts')).json<ReminderContactView[]>().map((c) => c.name)).toEqual(['张店区妇儿工委联络员', '办公室值班', '王老师']);

    // Who added and removed the contact, and when, stays in the responsibility history.
    const events = await listEvents(db, 'reminder_contact', contact?.id as number);
    expect(events.map((e) => [e.action, e.user_name, e.note])).toEqual([
      ['reminder_contact.add', '办公室王主任', '市卫生健康委：张医生 <Zhang@Example.org>'],
      ['reminder_contact.remove', '办公室王主任', '市卫生健康委：张医生 <Zhang@Example.org>'],
    ]);
    expect(health.owner.label).toBe('市卫生健康委');
  });
});
