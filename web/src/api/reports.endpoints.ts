import { apiUrl, downloadFile, getJson, sendJson } from './client.ts';
import type { CreateReportBody, PublishedReportView, ReportDetail, ReportStatus, ReportVersionView } from './reports.types.ts';

const seg = (value: string | number) => encodeURIComponent(String(value));

/** Stored reports through review to publication, and the published ones without login (src/api/routes/reports). */
export const reportsApi = {
  list: (q: { status?: ReportStatus }, signal?: AbortSignal) => getJson<ReportVersionView[]>('/reports', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => getJson<ReportDetail>(`/reports/${seg(id)}`, undefined, signal),
  create: (body: CreateReportBody) => sendJson<ReportDetail>('POST', '/reports', body),
  saveSections: (id: number, sections: Record<string, string>) => sendJson<ReportDetail>('PUT', `/reports/${seg(id)}/sections`, { sections }),
  regenerate: (id: number) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/regenerate`),
  submit: (id: number) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/submit`),
  comment: (id: number, text: string) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/comments`, { text }),
  sendBack: (id: number, text: string) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/return`, { text }),
  approve: (id: number) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/approve`),
  publish: (id: number) => sendJson<ReportDetail>('POST', `/reports/${seg(id)}/publish`),
  downloadFile: (report: Pick<ReportVersionView, 'id' | 'fileName'>) => downloadFile(`/reports/${seg(report.id)}/file`, report.fileName),
  /** The year's statistical compendium (.xlsx), built from the current approved data. */
  downloadCompendium: (year: number, plan: string) => downloadFile('/reports/compendium.xlsx', `${year}年妇女儿童统计资料.xlsx`, { year, plan }),

  publicList: (signal?: AbortSignal) => getJson<PublishedReportView[]>('/public/reports', undefined, signal),
  publicGet: (id: number, signal?: AbortSignal) => getJson<ReportDetail>(`/public/reports/${seg(id)}`, undefined, signal),
  /** A plain link (no session needed): the browser saves the published file itself. */
  publicFileUrl: (id: number) => apiUrl(`/public/reports/${seg(id)}/file`),
};
