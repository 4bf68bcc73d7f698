/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the storage tests, started from Debian's binaries
 * (/usr/lib/postgresql/<version>/bin) in a temp folder on a free port, stopped and deleted afterwards.
 * Its URL reaches the tests as inject('postgresUrl') (null when PostgreSQL is not installed: the PostgreSQL
 * suites then skip, unless FUER_REQUIRE_ALL=1, which makes a missing PostgreSQL an error).
 * FUER_TEST_POSTGRES_URL=postgres://… uses a server that is already running instead (a superuser URL).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster, or null when PostgreSQL is not available. */
    postgresUrl: string | null;
  }
}

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';
export const POSTGRES_SKIP_MESSAGE = 'PostgreSQL 未安装：跳过 PostgreSQL 存储测试';

/** The bin folder of the newest PostgreSQL installed from Debian's packages, or null. */
export function findPostgresBin(): string | null {
  if (process.env.FUER_PG_BIN) return existsSync(path.join(process.env.FUER_PG_BIN, 'initdb')) ? process.env.FUER_PG_BIN : null;
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((v) => existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'initdb')) && existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? null : path.join(POSTGRES_ROOT, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('无法获取空闲端口'))));
    });
  });
}

interface Cluster {
  url: string;
  stop(): void;
}

async function startCluster(bin: string): Promise<Cluster> {
  // initdb and postgres refuse to run as root: as root, run them as the postgres OS user.
  const asRoot = process.getuid?.() === 0;
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];

  const dir = mkdtempSync(path.join(tmpdir(), 'fuer-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const stop = () => {
    try {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
        const [cmd, args] = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        execFileSync(cmd, args, { stdio: 'ignore' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    const [initCmd, initArgs] = command('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await run(initCmd, initArgs);
    const port = await freePort();
    // Durability is pointless for a cluster deleted after the run: fsync off keeps the tests fast.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    const [ctlCmd, ctlArgs] = command('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
    await run(ctlCmd, ctlArgs);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (err) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    stop();
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`无法启动测试用 PostgreSQL（${bin}）：${detail}${log ? `\n日志：\n${log}` : ''}`);
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.FUER_TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return () => {};
  }
  const bin = findPostgresBin();
  if (bin === null) {
    if (process.env.FUER_REQUIRE_ALL === '1') {
      throw new Error(`FUER_REQUIRE_ALL=1，但 PostgreSQL 未安装（未找到 ${POSTGRES_ROOT}/*/bin/initdb）：PostgreSQL 存储测试不能跳过`);
    }
    console.warn(`${POSTGRES_SKIP_MESSAGE}（未找到 ${POSTGRES_ROOT}/*/bin/initdb；Debian 上安装 postgresql 包即可运行）`);
    project.provide('postgresUrl', null);
    return () => {};
  }
  const cluster = await startCluster(bin);
  // A run that is killed does not reach teardown: stop the cluster when the process exits anyway.
  let stopped = false;
  const teardown = () => {
    if (stopped) return;
    stopped = true;
    cluster.stop();
  };
  process.once('exit', teardown);
  project.provide('postgresUrl', cluster.url);
  return teardown;
}
