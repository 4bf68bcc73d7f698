/**
 * Starts the real server (`node bin/fuer.js serve`) as a child process on a free port with a fresh
 * temporary SQLite database, waits for /api/health, and stops it afterwards.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built web front end the server serves: dist/web, or FUER_WEB_DIST (passed on to the server). */
export const WEB_DIST = process.env.FUER_WEB_DIST ?? path.join(REPO_ROOT, 'dist', 'web');

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  port: number;
  databaseUrl: string;
  /** Everything the server wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long the first start (migrate, load regions and both plans) may take. */
  startTimeoutMs?: number;
  env?: Record<string, string>;
  /** Runs before the server starts, with the database URL it will use (e.g. `fuer demo --database …`). */
  beforeStart?: (databaseUrl: string) => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('无法获取空闲端口'))));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The e2e tests drive the built bundle: fail clearly when it is missing, warn when it is older than web/. */
export function assertWebBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`未找到前端构建产物 ${index}：请先运行 npm run build:web（npm test 会自动构建）`);
  }
  const sources = path.join(REPO_ROOT, 'web', 'src');
  if (existsSync(sources) && newestMtime(sources) > statSync(index).mtimeMs) {
    console.warn('提示：web/src 比 dist/web 新，端到端测试使用的是旧的前端构建；请运行 npm run build:web');
  }
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const external = process.env.FUER_E2E_BASE_URL;
  if (external) return useExternalServer(external.replace(/\/+$/, ''));
  assertWebBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fuer-e2e-'));
  const databaseUrl = `sqlite:${path.join(dataDir, 'fuer.db')}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  if (options.beforeStart) {
    try {
      await options.beforeStart(databaseUrl);
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }
  let output = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'fuer.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`服务进程提前退出（退出码 ${child.exitCode ?? child.signalCode}）。输出：\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`服务在 ${timeoutMs / 1000} 秒内未就绪（${baseUrl}/api/health）。输出：\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, databaseUrl, output: () => output, stop };
}

/** FUER_E2E_BASE_URL=http://host:port runs the browser tests against a server that is already running. */
async function useExternalServer(baseUrl: string): Promise<RunningServer> {
  if (!(await healthy(baseUrl))) throw new Error(`FUER_E2E_BASE_URL 指向的服务不可用：${baseUrl}/api/health`);
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    databaseUrl: '(外部服务)',
    output: () => '(外部服务，无输出)',
    stop: async () => {},
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/fuer.js …args` against the server's database (DATABASE_URL of the harness), e.g. to add users
 * or import data the way an operator does; `stdin` is piped in (for --password-stdin). Rejects on a non-zero exit.
 */
export function runCli(server: Pick<RunningServer, 'databaseUrl'>, args: string[], stdin?: string): Promise<CliResult> {
  if (server.databaseUrl === '(外部服务)') return Promise.reject(new Error('外部服务（FUER_E2E_BASE_URL）不能用命令行准备数据'));
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'fuer.js'), ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: server.databaseUrl }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (code !== 0) reject(new Error(`fuer ${args.join(' ')} 失败（退出码 ${code}）：\n${stderr}${stdout}`));
        else resolve({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}
