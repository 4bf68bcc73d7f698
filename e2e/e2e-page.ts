/**
 * A browser page for an end-to-end test that records what went wrong on it: uncaught errors, console errors and
 * failed API calls. A test declares the failures it provokes on purpose (`expect(/409/)`); the rest fail it.
 */
import type { BrowserContext, Page } from 'playwright-core';

export class WatchedPages {
  problems: string[] = [];
  private expected: RegExp[] = [];

  /** A failure the test provokes on purpose (matched against the recorded problem text). */
  allow(...patterns: RegExp[]): void {
    this.expected.push(...patterns);
  }

  async open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (err) => this.problems.push(`页面异常：${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.problems.push(`控制台错误：${msg.text()} @ ${msg.location().url}`);
    });
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) {
        this.problems.push(`接口失败：${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
    await page.goto(path);
    return page;
  }

  /** Problems nobody expected; resets the list for the next test. */
  takeUnexpected(): string[] {
    // Chromium logs a failed request as a console error too; its text carries the status and the URL.
    const unexpected = this.problems.filter((p) => !this.expected.some((re) => re.test(p)));
    this.problems = [];
    this.expected = [];
    return unexpected;
  }
}
