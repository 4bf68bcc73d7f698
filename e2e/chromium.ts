/**
 * Headless Chromium for the end-to-end tests: Debian's package. Whether the suites run or skip is decided by
 * test/requirements.ts (`requireOrSkip('chromium')`).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath } from '../test/requirements.ts';
import { REPO_ROOT } from './harness.ts';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Full-page screenshot into screenshots/ (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let opening modals and drawers finish their (script-driven) entrance first.
  await page.waitForTimeout(350);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

