import type { ApiError } from './types.ts';

/** A failed API call. `message` is Chinese and fit to show to the user as is. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** Machine-readable code from the server's ApiError, e.g. not_found. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type QueryParams = Record<string, string | number | undefined | null>;

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

/** GET a JSON resource under /api; throws ApiRequestError with the server's Chinese message on failure. */
export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(path, params);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError('无法连接服务器，请检查网络或稍后重试', 0, 'network');
  }
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
    if (isApiError(body)) throw new ApiRequestError(body.message, response.status, body.error);
    throw new ApiRequestError(`请求失败（HTTP ${response.status}）：${url}`, response.status, 'http');
  }
  if (body === undefined) throw new ApiRequestError(`服务器返回的数据无法解析：${url}`, response.status, 'bad_json');
  return body as T;
}
