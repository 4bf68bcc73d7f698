import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TaskKind, TaskSourceType, TaskStatus } from '../../../core/responsibility/responsibility.types.ts';
import { mailQueue } from '../../../services/responsibility/mail-queue.service.ts';
import { mailSetupFromEnv } from '../../../services/responsibility/mailer.ts';
import { contactlessUnits } from '../../../services/responsibility/reminder-coverage.service.ts';
import { addContact, listContacts, outbox, removeContact, sendTaskReminders } from '../../../services/responsibility/reminder.service.ts';
import { issueAnnualReportTasks, issueImplementationPlanTasks, syncRoundTasks, syncWarningTasks } from '../../../services/responsibility/task-issue.service.ts';
import {
  cancelTask,
  completeTask,
  createTask,
  getTask,
  listTasks,
  overdueTasks,
  remindersFor,
  reopenTask,
  taskCalendar,
  updateTask,
} from '../../../services/responsibility/task.service.ts';
import type { TaskInput } from '../../../services/responsibility/task.service.ts';
import { resolveDepartment } from '../../../services/responsibility/units.ts';
import { actorOf } from '../../auth/guards.ts';
import { HttpError } from '../../plugins/errors.ts';
import { isOffice } from '../../../core/responsibility/responsibility-access.ts';
import { csv, flag, idParams, isoDate, nonEmpty, owner, taskKind, taskSourceType, taskStatus, text, year } from './schemas.ts';

const TAGS = ['任务与期限'];
const reminderDays = z.array(z.number().int().min(0).max(366), { error: '提醒天数应为0—366的整数列表' });

const taskQuery = z.object({
  status: csv(taskStatus).optional().describe('open,done,cancelled 中的一个或多个，逗号分隔'),
  kind: csv(taskKind).optional(),
  department: text('单位', 100).optional().describe('责任单位编号、全称或简称'),
  regionCode: text('区划代码', 20).optional(),
  dueFrom: isoDate('起始日期').optional(),
  dueTo: isoDate('截止日期').optional(),
  overdue: flag.optional().describe('1：只列逾期未完成的任务'),
  year: z.coerce.number().int().optional(),
  sourceType: taskSourceType.optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  office: flag.optional().describe('1：只列市妇儿工委办公室自己的任务（待审核的报告、规划、整改等）'),
});

export const taskRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/tasks', { schema: { tags: TAGS, summary: '任务列表（办公室、统计局、只读用户看全部，其他用户看本单位、本地区的任务）', querystring: taskQuery } }, async (request) => {
    const q = request.query;
    return listTasks(app.db, actorOf(request), {
      status: q.status as TaskStatus[] | undefined,
      kind: q.kind as TaskKind[] | undefined,
      departmentId: q.department === undefined ? undefined : await resolveDepartment(app.db, /^\d+$/.test(q.department) ? Number(q.department) : q.department),
      regionCode: q.regionCode,
      dueFrom: q.dueFrom,
      dueTo: q.dueTo,
      overdue: q.overdue,
      year: q.year,
      source: q.sourceType === undefined ? undefined : { type: q.sourceType as TaskSourceType, id: q.sourceId },
      office: q.office,
    });
  });

  r.get('/tasks/overdue', { schema: { tags: TAGS, summary: '逾期未完成的任务' } }, async (request) => overdueTasks(app.db, actorOf(request)));

  r.get(
    '/tasks/calendar',
    {
      schema: {
        tags: TAGS,
        summary: '任务日历：某月每天到期的任务，以及此前逾期未完成的任务',
        querystring: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, { error: '月份应为 YYYY-MM' }), kind: csv(taskKind).optional() }),
      },
    },
    async (request) => taskCalendar(app.db, actorOf(request), request.query.month, { kind: request.query.kind as TaskKind[] | undefined }),
  );

  r.get('/tasks/reminders', { schema: { tags: TAGS, summary: '站内提醒：当前用户（本单位、本地区）到提醒日或已逾期的未完成任务' } }, async (request) =>
    remindersFor(app.db, actorOf(request)),
  );

  r.post(
    '/tasks',
    {
      schema: {
        tags: TAGS,
        summary: '布置任务（妇儿工委办公室；统计局可布置监测数据报送任务）',
        body: z.object({
          title: nonEmpty('任务名称', 200),
          kind: taskKind,
          description: text('任务说明', 5000).optional(),
          owner,
          dueDate: isoDate('截止日期'),
          reminderDays: reminderDays.optional(),
          source: z.object({ type: taskSourceType, id: z.number().int().positive() }).nullable().optional(),
          year: year('年度').nullable().optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createTask(app.db, actorOf(request), request.body as TaskInput)),
  );

  r.get('/tasks/outbox', { schema: { tags: TAGS, summary: '邮件提醒队列（办公室）', querystring: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional() }) } }, async (request) =>
    outbox(app.db, actorOf(request), request.query),
  );

  r.get(
    '/tasks/mail-queue',
    {
      schema: {
        tags: TAGS,
        summary: '邮件提醒队列概况（办公室）：发送方式、待发送/已发送/失败封数、最近的邮件及最后一次错误',
        querystring: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      },
    },
    async (request) => mailQueue(app.db, actorOf(request), request.query),
  );

  r.post('/tasks/send-reminders', { schema: { tags: TAGS, summary: '生成今天的提醒邮件并发送待发送和失败的邮件（配置 FUER_SMTP_URL 时；否则留存在待发送队列）' } }, async (request) => {
    if (!isOffice(actorOf(request))) throw new HttpError(403, 'forbidden', '无权发送提醒：仅妇儿工委办公室（管理员）可以操作');
    const setup = mailSetupFromEnv();
    return sendTaskReminders(app.db, { mailer: setup.mailer, notice: setup.notice, log: (line) => request.log.info(line) });
  });

  r.post(
    '/tasks/issue/annual-reports',
    {
      schema: {
        tags: TAGS,
        summary: '布置年度报告任务：每个责任单位、每个区县各一项（已有的不重复）',
        body: z.object({ year: year('年度'), dueDate: isoDate('截止日期'), includeCounties: z.boolean().optional() }),
      },
    },
    async (request) => issueAnnualReportTasks(app.db, actorOf(request), request.body),
  );

  r.post(
    '/tasks/issue/implementation-plans',
    { schema: { tags: TAGS, summary: '布置实施方案任务：尚未报送实施方案的责任单位各一项', body: z.object({ dueDate: isoDate('截止日期') }) } },
    async (request) => issueImplementationPlanTasks(app.db, actorOf(request), request.body),
  );

  r.post(
    '/tasks/sync/rounds/:id',
    { schema: { tags: TAGS, summary: '按填报轮次的报表同步监测数据报送任务（已提交的办结，被退回的重新打开）', params: idParams } },
    async (request) => syncRoundTasks(app.db, actorOf(request), request.params.id),
  );

  r.post(
    '/tasks/sync/warnings',
    { schema: { tags: TAGS, summary: '按预警同步整改任务（销号的办结，撤销的取消）', body: z.object({ year: year('年度').optional() }).optional() } },
    async (request) => syncWarningTasks(app.db, actorOf(request), request.body ?? {}),
  );

  r.get('/tasks/:id', { schema: { tags: TAGS, summary: '任务详情', params: idParams } }, async (request) => getTask(app.db, actorOf(request), request.params.id));

  r.patch(
    '/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改任务（办公室）',
        params: idParams,
        body: z.object({
          title: text('任务名称', 200).optional(),
          description: text('任务说明', 5000).optional(),
          owner: owner.optional(),
          dueDate: isoDate('截止日期').optional(),
          reminderDays: reminderDays.optional(),
        }),
      },
    },
    async (request) => updateTask(app.db, actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/tasks/:id/complete',
    { schema: { tags: TAGS, summary: '办结任务（责任单位或办公室），可附办结说明', params: idParams, body: z.object({ note: text('办结说明', 5000).optional() }).optional() } },
    async (request) => completeTask(app.db, actorOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    '/tasks/:id/cancel',
    { schema: { tags: TAGS, summary: '取消任务（办公室，须说明理由）', params: idParams, body: z.object({ reason: nonEmpty('取消理由', 1000) }) } },
    async (request) => cancelTask(app.db, actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/tasks/:id/reopen',
    { schema: { tags: TAGS, summary: '重新打开已办结或已取消的任务（办公室）', params: idParams, body: z.object({ reason: text('理由', 1000).optional() }).optional() } },
    async (request) => reopenTask(app.db, actorOf(request), request.params.id, request.body ?? {}),
  );

  r.get('/reminder-contacts', { schema: { tags: TAGS, summary: '邮件提醒联系人（办公室）' } }, async (request) => listContacts(app.db, actorOf(request)));

  r.get(
    '/reminder-contacts/missing',
    { schema: { tags: TAGS, summary: '有未完成任务、但尚无提醒联系人的单位（办公室）：这些单位的提醒和逾期邮件无人接收' } },
    async (request) => contactlessUnits(app.db, actorOf(request)),
  );

  r.post(
    '/reminder-contacts',
    {
      schema: {
        tags: TAGS,
        summary: '新增邮件提醒联系人：某部门或区县的任务提醒发给谁（办公室）；同一单位重复登记同一邮箱时答 409',
        body: owner.extend({ name: nonEmpty('联系人', 50), email: nonEmpty('邮箱', 200) }),
      },
    },
    async (request, reply) => reply.status(201).send(await addContact(app.db, actorOf(request), request.body)),
  );

  r.delete('/reminder-contacts/:id', { schema: { tags: TAGS, summary: '删除邮件提醒联系人（办公室）', params: idParams } }, async (request, reply) => {
    await removeContact(app.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
