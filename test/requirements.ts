/**
 * What a test suite needs from the machine (PostgreSQL, Chromium). Absent, the suite is skipped with a clear
 * Chinese message; with FUER_REQUIRE_ALL=1 (CI) absence is an error instead, so nothing is skipped silently.
 */
import { existsSync } from 'node:fs';
import { inject } from 'vitest';

export type Requirement = 'postgres' | 'chromium';

const SKIP_MESSAGES: Record<Requirement, string> = {
  postgres: 'PostgreSQL 未安装：跳过 PostgreSQL 存储测试',
  chromium: 'Chromium 未安装：跳过端到端测试',
};

export const chromiumPath = (): string => process.env.FUER_CHROMIUM ?? '/usr/bin/chromium';

/** The test cluster's superuser URL (from test/global-setup.ts), or null. */
export function postgresUrl(): string | null {
  return inject('postgresUrl') ?? null;
}

export function isAvailable(what: Requirement): boolean {
  return what === 'postgres' ? postgresUrl() !== null : existsSync(chromiumPath());
}

export const requireAll = (): boolean => process.env.FUER_REQUIRE_ALL === '1';

/**
 * true when the suite must be skipped (`describe.skipIf(requireOrSkip('postgres'))`). Logs why; throws when
 * FUER_REQUIRE_ALL=1 and the requirement is missing.
 */
export function requireOrSkip(what: Requirement): boolean {
  if (isAvailable(what)) return false;
  if (requireAll()) {
    throw new Error(`FUER_REQUIRE_ALL=1，但${SKIP_MESSAGES[what].split('：')[0]}：这些测试不能跳过`);
  }
  console.warn(SKIP_MESSAGES[what]);
  return true;
}
