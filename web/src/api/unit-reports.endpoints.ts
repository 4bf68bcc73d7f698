import { apiUrl, downloadFile, getJson, sendJson } from './client.ts';
import type {
  PublishedUnitReport,
  RoundOverview,
  UnitReportAttachmentView,
  UnitReportDetail,
  UnitReportRoundView,
  UnitReportView,
} from '../../../src/services/unit-reports/unit-report.contract.ts';
import type { UnitProgress, UnitReportKind, UnitReportStatus } from '../../../src/core/unit-reports/unit-report.types.ts';

export type {
  PublishedUnitReport,
  RoundOverview,
  UnitReportAttachmentView,
  UnitReportDetail,
  UnitReportItemView,
  UnitReportRoundView,
  UnitReportView,
  UnitReportCommentView,
} from '../../../src/services/unit-reports/unit-report.contract.ts';
export type { UnitProgress, UnitReportKind, UnitReportStatus } from '../../../src/core/unit-reports/unit-report.types.ts';

export interface UnitReportSaveBody {
  overview?: string;
  problems?: string;
  nextPlan?: string;
  items?: { id: number; progress?: UnitProgress | null; done?: string; problems?: string; nextPlan?: string }[];
}

const seg = (value: string | number) => encodeURIComponent(String(value));

/** Departments' and counties' reports to the city office (src/api/routes/unit-reports). */
export const unitReportsApi = {
  rounds: (signal?: AbortSignal) => getJson<UnitReportRoundView[]>('/unit-reports/rounds', undefined, signal),
  openRound: (body: { year: number; kind: UnitReportKind; dueDate: string; note?: string; includeCounties?: boolean }) => sendJson<RoundOverview>('POST', '/unit-reports/rounds', body),
  round: (id: number, signal?: AbortSignal) => getJson<RoundOverview>(`/unit-reports/rounds/${seg(id)}`, undefined, signal),
  overview: (year: number, kind: UnitReportKind, signal?: AbortSignal) => getJson<RoundOverview>('/unit-reports/overview', { year, kind }, signal),
  list: (q: { year?: number; kind?: UnitReportKind; status?: UnitReportStatus }, signal?: AbortSignal) => getJson<UnitReportView[]>('/unit-reports', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => getJson<UnitReportDetail>(`/unit-reports/${seg(id)}`, undefined, signal),
  save: (id: number, body: UnitReportSaveBody) => sendJson<UnitReportDetail>('PUT', `/unit-reports/${seg(id)}`, body),
  submit: (id: number) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/submit`),
  sendBack: (id: number, text: string) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/return`, { text }),
  comment: (id: number, text: string) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/comments`, { text }),
  approve: (id: number) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/approve`),
  publish: (id: number) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/publish`),
  correct: (id: number, note: string) => sendJson<UnitReportDetail>('POST', `/unit-reports/${seg(id)}/corrections`, { note }),
  attach: (id: number, file: { fileName: string; mime: string; data: string }) => sendJson<UnitReportAttachmentView>('POST', `/unit-reports/${seg(id)}/attachments`, file),
  detach: (id: number, attachmentId: number) => sendJson<UnitReportDetail>('DELETE', `/unit-reports/${seg(id)}/attachments/${seg(attachmentId)}`),
  /** The report as Word (same access as reading it). */
  downloadDocx: (r: Pick<UnitReportDetail, 'id' | 'title' | 'version'>) => downloadFile(`/unit-reports/${seg(r.id)}.docx`, `${r.title}${r.version > 1 ? `（第${r.version}版）` : ''}.docx`),
  download: (id: number, a: Pick<UnitReportAttachmentView, 'id' | 'fileName'>) => downloadFile(`/unit-reports/${seg(id)}/attachments/${seg(a.id)}`, a.fileName),

  publicList: (signal?: AbortSignal) => getJson<PublishedUnitReport[]>('/public/unit-reports', undefined, signal),
  publicGet: (id: number, signal?: AbortSignal) => getJson<UnitReportDetail>(`/public/unit-reports/${seg(id)}`, undefined, signal),
  /** A plain link (no session needed). */
  /** The published report as Word: a plain link. */
  publicDocxUrl: (id: number) => apiUrl(`/public/unit-reports/${seg(id)}.docx`),
  publicAttachmentUrl: (id: number, attachmentId: number) => apiUrl(`/public/unit-reports/${seg(id)}/attachments/${seg(attachmentId)}`),
};
