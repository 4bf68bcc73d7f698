import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canWrite, denialMessage, isOperator } from '../../core/access/policies.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormRow, RoundRow } from '../../storage/schema/monitoring.schema.ts';
import { findForm } from '../../storage/repositories/form.repository.ts';
import { departmentNames, findRound, regionNames } from '../../storage/repositories/round.repository.ts';
import { DataValueRejectedError } from '../monitoring/data-value.contract.ts';
import type { DataValueInput, WriteDataValuesResult } from '../monitoring/data-value.contract.ts';
import { writeDataValues } from '../monitoring/data-value.service.ts';
import { loadFormValues, loadReadableForm } from '../monitoring/form.service.ts';
import { accessDenied, notFound } from '../monitoring/monitoring.errors.ts';
import { formResource } from '../monitoring/monitoring-context.ts';
import { fileRejection } from './csv-import.service.ts';
import { ExchangeError } from './exchange-error.ts';
import type { TemplateForm } from './xlsx-layout.ts';
import { buildTemplateWorkbook } from './xlsx-template.ts';
import { readTemplateUpload } from './xlsx-upload.ts';
import type { UploadOptions } from './xlsx-upload.ts';

export interface FormAccess {
  /** When given, the actor must be allowed to read the form (404 / 403 as MonitoringError otherwise). */
  actor?: Actor;
}

async function loadForm(db: Kysely<Database>, formId: number, actor: Actor | undefined): Promise<{ form: FormRow; round: RoundRow }> {
  if (actor !== undefined) return loadReadableForm(db, actor, formId);
  const form = await findForm(db, formId);
  if (form === null) throw notFound(`报表${formId}`);
  return { form, round: (await findRound(db, form.round_id)) as RoundRow };
}

/** What the template of a form shows and its upload is checked against (stored values, rules, last year). */
export async function loadTemplateForm(db: Kysely<Database>, formId: number, access: FormAccess = {}): Promise<TemplateForm> {
  const { form, round } = await loadForm(db, formId, access.actor);
  const values = await loadFormValues(db, form, round);
  const region = (await regionNames(db, [form.region_code])).get(form.region_code) ?? form.region_code;
  const department = form.department_id === null ? null : ((await departmentNames(db, [form.department_id])).get(form.department_id) ?? null);
  return {
    formId: form.id,
    roundTitle: round.title,
    year: round.year,
    dueDate: round.due_date,
    regionCode: form.region_code,
    regionName: region,
    departmentName: department,
    indicators: values.indicators.map((i) => i.definition),
    rules: values.rules,
    current: values.current,
    previous: values.previous.filter((v) => v.status === 'approved'),
  };
}

/** The .xlsx template of a form, prefilled with its stored values. */
export async function buildFormTemplate(db: Kysely<Database>, formId: number, access: FormAccess = {}): Promise<Buffer> {
  return (await buildFormTemplateFile(db, formId, access)).buffer;
}

/** The template with the name it downloads as: 2024年度监测数据填报-张店区.xlsx. */
export async function buildFormTemplateFile(db: Kysely<Database>, formId: number, access: FormAccess = {}): Promise<{ buffer: Buffer; fileName: string }> {
  const form = await loadTemplateForm(db, formId, access);
  return { buffer: await buildTemplateWorkbook(form), fileName: `${form.year}年度监测数据填报-${form.departmentName ?? form.regionName}.xlsx` };
}

/**
 * An uploaded template read back into inputs (nothing written). Throws ExchangeError listing every problem by
 * sheet, row, column and reason (wrong sheet, text in a number cell, a % of 120, a missing column, a corrupt or
 * oversized file, another form's template).
 */
export async function readFormUpload(db: Kysely<Database>, formId: number, buffer: Uint8Array, options: UploadOptions & FormAccess = {}): Promise<DataValueInput[]> {
  const form = await loadTemplateForm(db, formId, options);
  return (await readTemplateUpload(form, buffer, options)).inputs;
}

/**
 * Reads an uploaded template and saves its values as the form's draft (origin 'excel'), in one transaction:
 * the whole file or nothing. writeDataValues checks access, locks and rules again; its rejection comes back as
 * an ExchangeError with each problem at its sheet, row and column.
 */
export async function uploadFormWorkbook(
  db: Kysely<Database>,
  actor: Actor,
  formId: number,
  buffer: Uint8Array,
  options: UploadOptions = {},
): Promise<WriteDataValuesResult & { values: number }> {
  const what = options.file === undefined ? '上传的文件' : `文件“${options.file}”`;
  const { form } = await loadReadableForm(db, actor, formId);
  if (!canWrite(actor, formResource(form))) throw accessDenied(denialMessage(actor, 'write', '该报表'));
  if (!isOperator(actor) && (form.status === 'submitted' || form.status === 'approved')) {
    const message = form.status === 'submitted' ? '报表已提交，正在审核，暂不能上传修改；如需修改，请联系审核员退回' : '报表已审核通过并锁定，不能上传修改；如需修改，请联系统计局或管理员解锁';
    throw new ExchangeError(`${what}未导入：${message}`, [{ location: null, message }]);
  }
  const template = await loadTemplateForm(db, formId);
  const read = await readTemplateUpload(template, buffer, options);
  try {
    const result = await writeDataValues(db, actor, read.inputs, { origin: 'excel', status: 'draft' });
    return { ...result, values: read.inputs.length };
  } catch (err) {
    if (err instanceof DataValueRejectedError) {
      throw fileRejection(err, what, (issue) => (issue.location?.row === undefined ? null : read.locate(issue.location.row, issue.field)));
    }
    throw err;
  }
}

