import type { ApiError } from './types.ts';

/** A failed API call. `message` is Chinese and fit to show to the user as is. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** Machine-readable code from the server's ApiError, e.g. not_found. */
    readonly code: string,
    /** Structured data of the failure: validation issues, conflicts, rejected rows … */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export function apiUrl(path: string, params?: QueryParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const qs = query.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).message === 'string';
}

/** The header and token every state-changing request of a logged-in session carries (see src/api/auth). */
const CSRF_HEADER = 'x-csrf-token';
let csrfToken: string | null = null;

/** Set by the auth context after login and on every /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called when a request (other than the auth routes) answers 401: the session has ended. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function parse<T>(response: Response, url: string, path: string): Promise<T> {
  const raw = await response.text();
  let body: unknown = undefined;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/auth/')) {
      for (const listener of unauthenticatedListeners) listener();
    }
    if (isApiError(body)) throw new ApiRequestError(body.message, response.status, body.error, body.details);
    throw new ApiRequestError(`请求失败（HTTP ${response.status}）：${url}`, response.status, 'http');
  }
  if (response.status === 204 || !raw) return undefined as T;
  if (body === undefined) throw new ApiRequestError(`服务器返回的数据无法解析：${url}`, response.status, 'bad_json');
  return body as T;
}

async function request<T>(path: string, init: RequestInit, params?: QueryParams): Promise<T> {
  const url = apiUrl(path, params);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiRequestError('无法连接服务器，请检查网络或稍后重试', 0, 'network');
  }
  return parse<T>(response, url, path);
}

/** GET a JSON resource under /api; throws ApiRequestError with the server's Chinese message on failure. */
export function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { headers: { Accept: 'application/json' }, signal }, params);
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function writeHeaders(json: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (json) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

/** POST/PUT/PATCH/DELETE with a JSON body (or none), carrying the session's CSRF token. */
export function sendJson<T>(method: WriteMethod, path: string, body?: unknown, params?: QueryParams): Promise<T> {
  return request<T>(
    path,
    { method, headers: writeHeaders(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) },
    params,
  );
}

/** Uploads a file as the raw request body; its name travels URL-encoded in X-File-Name (for messages). */
export function uploadFile<T>(path: string, file: File, contentType: string): Promise<T> {
  const headers = writeHeaders(false);
  headers['Content-Type'] = contentType;
  headers['X-File-Name'] = encodeURIComponent(file.name);
  return request<T>(path, { method: 'POST', headers, body: file });
}

/** Downloads a file from the API (with the session cookie) and hands it to the browser to save. */
export async function downloadFile(path: string, fallbackName: string, params?: QueryParams): Promise<void> {
  const url = apiUrl(path, params);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiRequestError('无法连接服务器，请检查网络或稍后重试', 0, 'network');
  }
  if (!response.ok) await parse<never>(response, url, path);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
