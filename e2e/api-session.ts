/**
 * The API as a logged-in user, from Node (no browser): for setting up what an end-to-end test starts from
 * (users' data, rounds) through the same routes the web front end uses, cookie and CSRF token included.
 */
import type { BrowserContext } from 'playwright-core';

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    readonly username: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** POST /api/auth/login; throws with the server's message when refused. */
  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as { csrfToken?: string; message?: string };
    if (!response.ok || !body.csrfToken) throw new ApiCallError(`登录失败（${username}）：${body.message ?? response.status}`, response.status, body);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('fuer_session='));
    if (!setCookie) throw new Error('登录响应没有会话 Cookie');
    return new ApiSession(baseUrl, username, setCookie.split(';')[0] as string, body.csrfToken);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? text;
      throw new ApiCallError(`${method} ${path} → ${response.status}：${message}`, response.status, parsed);
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  /** The session's cookie in a browser context: the browser is then logged in as this user. */
  async enter(context: BrowserContext): Promise<void> {
    const [name, value] = this.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: this.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    // The front end asks /auth/me only when it remembers a login (see web/src/features/auth/session-hint.ts).
    // Once per browser context (init scripts run on every page load; a later logout must stay a logout).
    await context.addInitScript(
      "try { if (!localStorage.getItem('fuer.e2e-entered')) { localStorage.setItem('fuer.e2e-entered', '1'); localStorage.setItem('fuer.session', '1'); } } catch { /* about:blank has no storage */ }",
    );
  }
}
