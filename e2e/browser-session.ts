/**
 * What every browser test starts from: the real server (harness.ts) and headless Chromium, users added the way an
 * operator adds them (`fuer user add … --password-stdin`), API logins, and browser contexts (zh-CN, Asia/Shanghai,
 * 1440×900) that are all closed again at the end. One per describe block (`useBrowserSession`), `start` in beforeAll.
 */
import { afterAll, afterEach, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from './api-session.ts';
import { launchBrowser } from './chromium.ts';
import { WatchedPages } from './e2e-page.ts';
import { runCli, startServer } from './harness.ts';
import type { CliResult, RunningServer, StartOptions } from './harness.ts';

export interface NewUser {
  username: string;
  /** e.g. reporter, reviewer (what `fuer user add --role` takes). */
  role: string;
  /** Display name (--name). */
  name: string;
  password: string;
  region?: string;
  department?: string;
}

export interface SessionStartOptions extends StartOptions {
  /** FUER_ADMIN_PASSWORD of the server: the password of the `admin` user it creates on first start. */
  adminPassword?: string;
}

export class BrowserSession {
  /** The pages opened with `open`, watched for errors; `expectNoProblems` checks them after each test. */
  readonly watched = new WatchedPages();
  private runningServer: RunningServer | undefined;
  private runningBrowser: Browser | undefined;
  private adminPassword: string | undefined;
  private readonly contexts: BrowserContext[] = [];

  /** `uiTimeout`: the default timeout of every browser context, and of `eventually`. */
  constructor(readonly uiTimeout: number) {}

  get server(): RunningServer {
    if (!this.runningServer) throw new Error('服务尚未启动（BrowserSession.start）');
    return this.runningServer;
  }

  get browser(): Browser {
    if (!this.runningBrowser) throw new Error('浏览器尚未启动（BrowserSession.start）');
    return this.runningBrowser;
  }

  /** Starts the server (fresh database) and the browser. */
  async start(options: SessionStartOptions = {}): Promise<void> {
    const { adminPassword, ...serverOptions } = options;
    this.adminPassword = adminPassword;
    const env = adminPassword === undefined ? serverOptions.env : { ...serverOptions.env, FUER_ADMIN_PASSWORD: adminPassword };
    this.runningServer = await startServer({ ...serverOptions, env });
    this.runningBrowser = await launchBrowser();
  }

  /** `fuer user add` against the server's database, the password on stdin. */
  addUser(user: NewUser): Promise<CliResult> {
    const unit = [...(user.region ? ['--region', user.region] : []), ...(user.department ? ['--department', user.department] : [])];
    return runCli(this.server, ['user', 'add', user.username, '--role', user.role, ...unit, '--name', user.name, '--password-stdin'], `${user.password}\n`);
  }

  login(username: string, password: string): Promise<ApiSession> {
    return ApiSession.login(this.server.baseUrl, username, password);
  }

  /** Logs in as `admin` with the password given to `start`. */
  loginAdmin(): Promise<ApiSession> {
    if (this.adminPassword === undefined) throw new Error('启动服务时未设置管理员密码');
    return this.login('admin', this.adminPassword);
  }

  /** A new browser context, logged in as `session` if given; closed by `close`. */
  async newContext(session?: ApiSession): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: this.server.baseUrl,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(this.uiTimeout);
    this.contexts.push(context);
    if (session) await session.enter(context);
    return context;
  }

  /** A watched page at `path` in a new context (logged in as `session` if given). */
  async open(session: ApiSession | undefined, path: string): Promise<Page> {
    return this.watched.open(await this.newContext(session), path);
  }

  /** For afterEach: no unexpected errors on the watched pages (the server's output in the failure message). */
  expectNoProblems(): void {
    expect(this.watched.takeUnexpected(), `服务输出：\n${this.runningServer?.output().slice(-3000)}`).toEqual([]);
  }

  /** expect.poll with the UI timeout: server actions may take longer than its default second. */
  readonly eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: this.uiTimeout });

  /** Closes every context, the browser and the server (whatever of them was started). */
  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.runningBrowser?.close();
    await this.runningServer?.stop();
  }
}

/**
 * A BrowserSession for the describe block this is called in: after each test its watched pages must show no
 * unexpected problems, and after all of them everything is closed. The block's beforeAll calls `start`.
 */
export function useBrowserSession(uiTimeout: number): BrowserSession {
  const session = new BrowserSession(uiTimeout);
  afterEach(() => session.expectNoProblems());
  afterAll(() => session.close());
  return session;
}
