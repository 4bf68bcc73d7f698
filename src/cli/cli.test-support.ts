/**
 * Test support for the command line (imported by tests only): `node bin/fuer.js …` as an operator runs it, on a
 * fresh SQLite database in a scratch folder that is removed after the test file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { createDatabase } from '../storage/database.ts';

const run = promisify(execFile);
const FUER = path.resolve(import.meta.dirname, '../../bin/fuer.js');

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CliSandbox {
  /** The scratch folder (for files the commands write or read). */
  dir: string;
  /** Runs `fuer …args`, with `env` over the sandbox's variables; a failure is returned with its exit code, not thrown. */
  fuer(args: string[], env?: Record<string, string>): Promise<CliRun>;
  /** Opens the sandbox's database in the test process for `work` (e.g. to arrange or check what the commands cannot). */
  withDb<T>(work: (db: ReturnType<typeof createDatabase>['db']) => Promise<T>): Promise<T>;
}

/** A scratch folder `prefix…` with its database `cli.db`; no SMTP server (FUER_SMTP_URL and FUER_SMTP_FROM empty). */
export function useCliSandbox(prefix: string): CliSandbox {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const databaseUrl = `sqlite:${path.join(dir, 'cli.db')}`;
  const sandboxEnv = { ...process.env, DATABASE_URL: databaseUrl, FUER_SMTP_URL: '', FUER_SMTP_FROM: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    async fuer(args, env = {}) {
      try {
        const { stdout, stderr } = await run(process.execPath, [FUER, ...args], { env: { ...sandboxEnv, ...env }, maxBuffer: 64 * 1024 * 1024 });
        return { stdout, stderr, code: 0 };
      } catch (err) {
        const e = err as { stdout: string; stderr: string; code: number };
        return { stdout: e.stdout, stderr: e.stderr, code: e.code };
      }
    },
    async withDb(work) {
      const opened = createDatabase(databaseUrl);
      try {
        return await work(opened.db);
      } finally {
        await opened.close();
      }
    },
  };
}
