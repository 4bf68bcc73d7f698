import { downloadFile, getJson, sendJson, uploadFile } from './client.ts';
import type {
  AuditEntry,
  CityRollUp,
  FormGrid,
  FormKind,
  FormStatus,
  FormSummary,
  ProgressBoard,
  RoundSummary,
  TransitionResult,
  UnlockResult,
  WriteDataValuesResult,
} from './types.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /forms/:id/upload (src/api/routes/exchange/exchange.routes.ts). */
export interface UploadResult extends WriteDataValuesResult {
  values: number;
}

/** 400 file_rejected / 413 file_too_large details: every problem with its place in the file. */
export interface FileRejection {
  total: number;
  issues: { location: { file?: string; sheet?: string; row?: number; column?: string; field?: string } | null; message: string; text: string }[];
}

const seg = (value: string | number) => encodeURIComponent(String(value));

/** One value of PUT /forms/:id/values (src/api/routes/monitoring/forms.routes.ts). */
export interface ValueEntry {
  indicatorCode: string;
  cellKey: string;
  year?: number;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  source?: string | null;
  note?: string | null;
  expectedVersion?: number;
}

/** PUT /forms/:id/values answers the write result and the versions now stored. */
export interface SaveValuesResponse extends WriteDataValuesResult {
  values: { indicatorCode: string; year: number; cellKey: string; version: number; status: string | null }[];
}

/** 409 conflict details of a draft save. */
export interface ConflictDetails {
  conflicts: { indicatorCode: string; regionCode: string; year: number; cellKey: string; expectedVersion: number; actualVersion: number }[];
}

export interface ReturnRequest {
  comment?: string;
  values?: { indicatorCode: string; cellKey: string; year?: number; comment: string }[];
}

export interface UnlockRequest {
  reason: string;
  values?: { indicatorCode: string; cellKey: string; year?: number }[];
}

export interface ValueRef {
  indicatorCode: string;
  regionCode: string;
  year: number;
  cellKey: string;
}

/** Annual monitoring: rounds, forms, values, review, audit, roll-up, Excel. */
export const monitoringApi = {
  rounds: (signal?: AbortSignal) => getJson<RoundSummary[]>('/rounds', undefined, signal),
  openRound: (body: { year: number; dueDate: string; title?: string }) => sendJson<RoundSummary>('POST', '/rounds', body),
  closeRound: (id: number) => sendJson<RoundSummary>('POST', `/rounds/${seg(id)}/close`),
  reopenRound: (id: number) => sendJson<RoundSummary>('POST', `/rounds/${seg(id)}/reopen`),
  progress: (roundId: number, signal?: AbortSignal) => getJson<ProgressBoard>(`/rounds/${seg(roundId)}/progress`, undefined, signal),
  forms: (query: { roundId?: number; status?: FormStatus; kind?: FormKind }, signal?: AbortSignal) =>
    getJson<FormSummary[]>('/forms', query, signal),
  form: (id: number, signal?: AbortSignal) => getJson<FormGrid>(`/forms/${seg(id)}`, undefined, signal),
  saveValues: (id: number, values: ValueEntry[]) => sendJson<SaveValuesResponse>('PUT', `/forms/${seg(id)}/values`, { values }),
  submit: (id: number) => sendJson<TransitionResult>('POST', `/forms/${seg(id)}/submit`),
  returnForm: (id: number, body: ReturnRequest) => sendJson<TransitionResult>('POST', `/forms/${seg(id)}/return`, body),
  approve: (id: number) => sendJson<TransitionResult>('POST', `/forms/${seg(id)}/approve`),
  unlock: (id: number, body: UnlockRequest) => sendJson<UnlockResult>('POST', `/forms/${seg(id)}/unlock`, body),
  formAudit: (id: number, signal?: AbortSignal) => getJson<AuditEntry[]>(`/forms/${seg(id)}/audit`, undefined, signal),
  valueAudit: (ref: ValueRef, signal?: AbortSignal) =>
    getJson<AuditEntry[]>('/data-values/audit', { indicator: ref.indicatorCode, region: ref.regionCode, year: ref.year, cell: ref.cellKey }, signal),
  rollup: (query: { year: number; indicator?: string; partial?: boolean }, signal?: AbortSignal) =>
    getJson<CityRollUp>('/rollup', { year: query.year, indicator: query.indicator, partial: query.partial ? 'true' : undefined }, signal),
  downloadTemplate: (id: number, name: string) => downloadFile(`/forms/${seg(id)}/template.xlsx`, name),
  upload: (id: number, file: File) => uploadFile<UploadResult>(`/forms/${seg(id)}/upload`, file, XLSX_TYPE),
};
